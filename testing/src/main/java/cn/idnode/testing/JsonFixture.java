package cn.idnode.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;

/**
 * JSON fixtures (STYLE.md §5): REST answers are compared with checked-in JSON structurally — member order and
 * whitespace do not matter, array order does, and numbers compare by value ({@code 1}, {@code 1.0} and a long 1 are
 * equal). A mismatch fails with one line per differing path, e.g. {@code $.values[1].ttl: expected 86400 but was 3600}.
 */
public final class JsonFixture {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    /** Jackson equality, except that numbers compare by value. */
    private static final Comparator<JsonNode> NUMBERS_BY_VALUE = (a, b) -> {
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue());
        }
        return a.equals(b) ? 0 : 1;
    };

    private JsonFixture() {}

    /** Loads and parses a classpath resource (absolute path; a leading {@code /} is optional). */
    public static JsonNode load(String resource) {
        String text = HexFixture.readResource(resource);
        try {
            return MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(resource + ": not JSON: " + e.getOriginalMessage(), e);
        }
    }

    public static JsonNode parse(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage() + "\n" + json, e);
        }
    }

    /** Compares {@code actualJson} with the fixture {@code expectedResource}. */
    public static void assertMatches(String expectedResource, String actualJson) {
        assertJsonEquals(load(expectedResource), parse(actualJson));
    }

    public static void assertJsonEquals(String expectedJson, String actualJson) {
        assertJsonEquals(parse(expectedJson), parse(actualJson));
    }

    public static void assertJsonEquals(JsonNode expected, JsonNode actual) {
        if (structurallyEqual(expected, actual)) {
            return;
        }
        List<String> diffs = differences(expected, actual);
        throw new org.opentest4j.AssertionFailedError("JSON differs:\n  " + String.join("\n  ", diffs),
                pretty(expected), pretty(actual));
    }

    public static boolean structurallyEqual(JsonNode expected, JsonNode actual) {
        return expected.equals(NUMBERS_BY_VALUE, actual);
    }

    /** One entry per differing path; empty if the trees are structurally equal. */
    public static List<String> differences(JsonNode expected, JsonNode actual) {
        List<String> out = new ArrayList<>();
        diff("$", expected, actual, out);
        return out;
    }

    private static void diff(String path, JsonNode e, JsonNode a, List<String> out) {
        if (e.isObject() && a.isObject()) {
            TreeSet<String> names = new TreeSet<>();
            e.fieldNames().forEachRemaining(names::add);
            a.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                String p = path + "." + name;
                if (!a.has(name)) {
                    out.add(p + ": missing (expected " + compact(e.get(name)) + ")");
                } else if (!e.has(name)) {
                    out.add(p + ": unexpected " + compact(a.get(name)));
                } else {
                    diff(p, e.get(name), a.get(name), out);
                }
            }
        } else if (e.isArray() && a.isArray()) {
            int common = Math.min(e.size(), a.size());
            for (int i = 0; i < common; i++) {
                diff(path + "[" + i + "]", e.get(i), a.get(i), out);
            }
            for (int i = common; i < e.size(); i++) {
                out.add(path + "[" + i + "]: missing (expected " + compact(e.get(i)) + ")");
            }
            for (int i = common; i < a.size(); i++) {
                out.add(path + "[" + i + "]: unexpected " + compact(a.get(i)));
            }
        } else if (!e.equals(NUMBERS_BY_VALUE, a)) {
            out.add(path + ": expected " + compact(e) + " but was " + compact(a));
        }
    }

    private static String compact(JsonNode n) {
        String s = n.toString();
        return s.length() > 120 ? s.substring(0, 117) + "..." : s;
    }

    private static String pretty(JsonNode n) {
        try {
            return MAPPER.writeValueAsString(n);
        } catch (JsonProcessingException e) {
            return n.toString();
        }
    }
}
