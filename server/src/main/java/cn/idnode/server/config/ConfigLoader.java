package cn.idnode.server.config;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the configuration: built-in defaults ({@code idnode-defaults.yaml} in the jar), then the operator's file,
 * then environment variables, then explicit overrides (command-line options). A key unknown to the defaults is an
 * error, so typos are caught at start-up.
 *
 * <p>Environment variables: {@code IDNODE_} + the key path upper-cased with dots as underscores, e.g.
 * {@code IDNODE_HTTP_PORT=8080}, {@code IDNODE_HANDLE_PUBLICADDRESS=203.0.113.5}.
 */
public final class ConfigLoader {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** IDNODE_* variables that are read elsewhere (logging, the launcher script), not configuration keys. */
    private static final java.util.Set<String> NOT_CONFIG_KEYS = java.util.Set.of("LOG_LEVEL", "JAVA_OPTS", "HOME", "CONFIG");

    private ConfigLoader() {}

    public static IdnodeConfig load(Optional<Path> file, Map<String, String> env, Map<String, String> overrides) {
        ObjectNode tree = defaults();
        if (file.isPresent()) {
            Path p = file.get();
            if (!Files.isRegularFile(p)) {
                throw new ConfigException("configuration file not found: " + p.toAbsolutePath());
            }
            try {
                JsonNode overlay = YAML.readTree(p.toFile());
                if (overlay != null && !overlay.isMissingNode() && !overlay.isNull()) {
                    if (!overlay.isObject()) {
                        throw new ConfigException(p + ": the configuration must be a YAML mapping");
                    }
                    merge(tree, (ObjectNode) overlay, "");
                }
            } catch (IOException e) {
                throw new ConfigException(p + ": " + e.getMessage(), e);
            }
        }
        applyFlat(tree, env, "IDNODE_", true);
        applyFlat(tree, overrides, "", false);
        try {
            return YAML.treeToValue(tree, IdnodeConfig.class).validate();
        } catch (IOException e) {
            throw new ConfigException("invalid configuration: " + e.getMessage(), e);
        }
    }

    /** Built-in defaults only. */
    public static IdnodeConfig defaultsOnly() {
        return load(Optional.empty(), Map.of(), Map.of());
    }

    private static ObjectNode defaults() {
        try (InputStream in = ConfigLoader.class.getResourceAsStream("/idnode-defaults.yaml")) {
            if (in == null) {
                throw new IllegalStateException("idnode-defaults.yaml missing from the jar");
            }
            return (ObjectNode) YAML.readTree(in);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read built-in defaults", e);
        }
    }

    /**
     * Mappings whose keys are the operator's (prefixes), not the defaults': entries are taken as given and their
     * members checked when the configuration is bound. In flat settings the entry name is everything between the
     * mapping's path and the last dot: {@code limits.prefixes.88.888.1.dailyRequests=1000}.
     */
    static final java.util.Set<String> OPEN_MAPPINGS = java.util.Set.of("limits.prefixes");

    private static void merge(ObjectNode base, ObjectNode overlay, String path) {
        if (OPEN_MAPPINGS.contains(path)) {
            overlay.fields().forEachRemaining(e -> {
                if (!e.getValue().isObject()) {
                    throw new ConfigException(path + "." + e.getKey() + " must be a mapping");
                }
                JsonNode existing = base.get(e.getKey());
                if (existing instanceof ObjectNode o) {
                    o.setAll((ObjectNode) e.getValue());
                } else {
                    base.set(e.getKey(), e.getValue().deepCopy());
                }
            });
            return;
        }
        Iterator<Map.Entry<String, JsonNode>> it = overlay.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            String key = path.isEmpty() ? e.getKey() : path + "." + e.getKey();
            JsonNode existing = base.get(e.getKey());
            if (existing == null) {
                throw new ConfigException("unknown configuration key " + key);
            }
            if (existing.isObject()) {
                if (!e.getValue().isObject()) {
                    throw new ConfigException(key + " must be a mapping");
                }
                merge((ObjectNode) existing, (ObjectNode) e.getValue(), key);
            } else {
                base.set(e.getKey(), e.getValue());
            }
        }
    }

    /**
     * Applies flat "a.b" (overrides) or "IDNODE_A_B" (environment) settings onto the leaves of the tree. Values are
     * strings; Jackson coerces them to the leaf's type.
     */
    private static void applyFlat(ObjectNode tree, Map<String, String> settings, String prefix, boolean envStyle) {
        for (Map.Entry<String, String> s : settings.entrySet()) {
            if (!s.getKey().startsWith(prefix)) {
                continue;
            }
            String name = s.getKey().substring(prefix.length());
            boolean applied = !envStyle && applyOpen(tree, name, s.getValue())
                    || apply(tree, "", name, s.getValue(), envStyle);
            if (!applied && !envStyle) {
                throw new ConfigException("unknown configuration key " + name);
            }
            if (!applied && !NOT_CONFIG_KEYS.contains(name)) {
                throw new ConfigException("environment variable " + s.getKey() + " names no configuration key");
            }
        }
    }

    /** A flat setting inside an open mapping: {@code <mapping>.<entry name with dots>.<member>}. */
    private static boolean applyOpen(ObjectNode tree, String name, String value) {
        for (String mapping : OPEN_MAPPINGS) {
            if (!name.startsWith(mapping + ".")) {
                continue;
            }
            String rest = name.substring(mapping.length() + 1);
            int dot = rest.lastIndexOf('.');
            if (dot <= 0 || dot == rest.length() - 1) {
                throw new ConfigException(name + ": expected " + mapping + ".<name>.<member>");
            }
            ObjectNode map = tree;
            for (String part : mapping.split("\\.")) {
                map = (ObjectNode) map.get(part);
            }
            JsonNode entry = map.get(rest.substring(0, dot));
            ObjectNode o = entry instanceof ObjectNode on ? on : map.putObject(rest.substring(0, dot));
            o.set(rest.substring(dot + 1), TextNode.valueOf(value));
            return true;
        }
        return false;
    }

    private static boolean apply(ObjectNode node, String path, String name, String value, boolean envStyle) {
        Iterator<Map.Entry<String, JsonNode>> it = node.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            String key = path.isEmpty() ? e.getKey() : path + "." + e.getKey();
            if (e.getValue().isObject()) {
                if (apply((ObjectNode) e.getValue(), key, name, value, envStyle)) {
                    return true;
                }
            } else {
                String wanted = envStyle ? key.toUpperCase(java.util.Locale.ROOT).replace('.', '_') : key;
                if (wanted.equals(name)) {
                    if (e.getValue().isArray()) {
                        com.fasterxml.jackson.databind.node.ArrayNode list = node.arrayNode();
                        for (String item : value.split(",")) {
                            if (!item.isBlank()) {
                                list.add(item.trim());
                            }
                        }
                        node.set(e.getKey(), list);
                    } else {
                        node.set(e.getKey(), TextNode.valueOf(value));
                    }
                    return true;
                }
            }
        }
        return false;
    }
}
