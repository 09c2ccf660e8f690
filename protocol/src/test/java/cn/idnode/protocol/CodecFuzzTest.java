package cn.idnode.protocol;

import static cn.idnode.protocol.CodecOracle.checkFrame;
import static cn.idnode.protocol.CodecOracle.decodeOrReject;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;

/**
 * Jazzer fuzz tests of every decoder that reads untrusted bytes (STYLE.md §9). The only allowed failure is
 * {@link ProtocolException}; whatever decodes must survive a round trip (see {@link CodecOracle}).
 *
 * <p>A plain {@code mvn test} runs each target on its seed corpus only (regression mode): the files under
 * {@code src/test/resources/cn/idnode/protocol/CodecFuzzTestInputs/<method>/} — the golden fixtures in raw form,
 * plus every crashing input ever found. To fuzz, see {@code protocol/FUZZING.md}.
 */
class CodecFuzzTest {

    /**
     * In regression mode Jazzer's hooks (bug detectors for SQL, LDAP, deserialization... and the comparison tracing
     * that guides mutation) only cost time — 10 to 20 s of instrumentation for a 2 s replay — so they are off unless
     * fuzzing. When fuzzing ({@code JAZZER_FUZZ} set) they stay on: without them there is no coverage feedback.
     * An explicit {@code -Djazzer.hooks=...} always wins.
     */
    @BeforeAll
    static void hooksOnlyWhenFuzzing() {
        String fuzz = System.getenv("JAZZER_FUZZ");
        if ((fuzz == null || fuzz.isEmpty()) && System.getProperty("jazzer.hooks") == null) {
            System.setProperty("jazzer.hooks", "false");
        }
    }

    @FuzzTest(maxDuration = "5m")
    void decodeMessage(byte[] frame) {
        checkFrame(frame);
    }

    /** Site records are strict (no trailing bytes) and lossless: a decoded record re-encodes to its input. */
    @FuzzTest(maxDuration = "5m")
    void decodeSiteInfo(byte[] data) {
        ByteString in = ByteString.wrap(data.clone());
        SiteInfo s = decodeOrReject(() -> SiteInfo.decode(in), data);
        if (s != null) {
            exact("site info", data, s.encode().toByteArray());
            s.servers().forEach(SiteInfo.Server::inetAddress);
        }
    }

    @FuzzTest(maxDuration = "5m")
    void decodeAdminValue(byte[] data) {
        ByteString in = ByteString.wrap(data.clone());
        AdminValue a = decodeOrReject(() -> AdminValue.decode(in), data);
        if (a != null) {
            exact("HS_ADMIN", data, a.encode().toByteArray());
        }
    }

    @FuzzTest(maxDuration = "5m")
    void decodeValueList(byte[] data) {
        ByteString in = ByteString.wrap(data.clone());
        ValueList l = decodeOrReject(() -> ValueList.decode(in), data);
        if (l != null) {
            exact("HS_VLIST", data, l.encode().toByteArray());
        }
    }

    @FuzzTest(maxDuration = "5m")
    void decodeHandleValue(byte[] data) {
        HandleValue v = decodeOrReject(() -> HandleValue.decode(data.clone()), data);
        if (v != null) {
            exact("handle value", data, v.encode());
        }
    }

    /**
     * Input: {@code int4 count} then the value bytes. Whatever {@link EncodedValues#parse} accepts must be fully usable:
     * decoding, the selector walk and re-encoding may not fail.
     */
    @FuzzTest(maxDuration = "5m")
    void parseEncodedValues(byte[] data) {
        if (data.length < 4) {
            return;
        }
        int count = WireReader.getInt(data, 0);
        EncodedValues values = decodeOrReject(() -> EncodedValues.parse(data, 4, data.length - 4, count), data);
        if (values == null) {
            return;
        }
        List<HandleValue> decoded = values.decode();
        if (decoded.size() != count || !EncodedValues.of(decoded).equals(values)) {
            throw new AssertionError("values do not re-encode to themselves: " + CodecOracle.hex(data));
        }
        EncodedValues publicOnly = values.select(v -> ValuePermissions.publicRead(v.permissions()));
        values.anyMatch(v -> v.typeMatches(ValueTypes.URL) || v.typeIs(ValueTypes.HS_ADMIN) || v.decode() == null);
        if (publicOnly.count() > count) {
            throw new AssertionError("selection grew");
        }
        WireWriter w = new WireWriter();
        values.writeTo(w);
        exact("encoded values", Arrays.copyOfRange(data, 4, data.length), w.toByteArray());
    }

    private static void exact(String what, byte[] expected, byte[] actual) {
        if (!Arrays.equals(expected, actual)) {
            throw new AssertionError(what + " does not re-encode to its input\n in  " + CodecOracle.hex(expected)
                    + "\n out " + CodecOracle.hex(actual));
        }
    }
}
