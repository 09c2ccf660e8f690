package cn.idnode.protocol;

import static cn.idnode.protocol.CodecOracle.checkFrame;
import static cn.idnode.protocol.CodecOracle.decodeOrReject;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.idnode.testing.HexFixture;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/**
 * Parser-attack regression tests (STYLE.md §6). The contract: {@link MessageCodec#decode} and every other decode
 * entry point either return a value or throw {@link ProtocolException} — never another exception, never an
 * allocation sized by a hostile length.
 */
class MalformedInputTest {
    static final int EXPIRATION = 0x66000000;
    static final byte[] UNSIGNED = {0, 0, 0, 0};

    // ---------------------------------------------------------------- building hostile messages

    static byte[] body(Consumer<WireWriter> fields) {
        WireWriter w = new WireWriter();
        fields.accept(w);
        return w.toByteArray();
    }

    /** A frame with consistent envelope and header lengths around {@code body}, then {@code tail}. */
    static byte[] frame(ProtocolVersion v, int op, int rc, int flags, byte[] body, byte[] tail) {
        WireWriter w = new WireWriter();
        w.writeInt(op).writeInt(rc).writeInt(flags).writeShort(-1).writeByte(0).writeByte(0).writeInt(EXPIRATION)
                .writeInt(body.length).writeRaw(body).writeRaw(tail);
        byte[] msg = w.toByteArray();
        return MessageCodec.frame(new Envelope(v, ProtocolVersion.V2_11, 0, 0, 1, 0, msg.length), msg);
    }

    static byte[] request(int op, byte[] body) {
        return frame(ProtocolVersion.V2_11, op, 0, 0, body, UNSIGNED);
    }

    static byte[] response(int op, int rc, int flags, byte[] body) {
        return frame(ProtocolVersion.V2_11, op, rc, flags, body, UNSIGNED);
    }

    static void assertRejected(byte[] frame) {
        assertThatThrownBy(() -> MessageCodec.decode(frame))
                .as("decoding %s", CodecOracle.hex(frame))
                .isInstanceOf(ProtocolException.class)
                .satisfies(e -> assertThat(((ProtocolException) e).responseCode()).isNotNull());
    }

    static void assertRejected(ThrowingCallable decode) {
        assertThatThrownBy(decode).isInstanceOf(ProtocolException.class);
    }

    static Message decodes(byte[] frame) {
        Message m = checkFrame(frame);
        assertThat(m).as("should decode: %s", CodecOracle.hex(frame)).isNotNull();
        return m;
    }

    /** A minimal handle value (26 bytes: empty type and data, no references) with the given index. */
    static void minimalValue(WireWriter w, int index) {
        w.writeInt(index).writeInt(0).writeByte(0).writeInt(86_400).writeByte(0x0E).writeInt(0).writeInt(0).writeInt(0);
    }

    static ByteString bs(byte[] b) {
        return ByteString.wrap(b);
    }

    // ---------------------------------------------------------------- counts and lengths

    @Test
    void negativeCounts() {
        for (int n : new int[] {-1, -2, Integer.MIN_VALUE}) {
            assertRejected(request(1, body(w -> w.writeBytes(ByteString.utf8("a")).writeInt(n).writeInt(0))));
            assertRejected(request(1, body(w -> w.writeBytes(ByteString.utf8("a")).writeInt(0).writeInt(n))));
            assertRejected(request(100, body(w -> w.writeBytes(ByteString.utf8("a")).writeInt(n))));
            assertRejected(request(103, body(w -> w.writeBytes(ByteString.utf8("a")).writeInt(n))));
            assertRejected(response(1, 1, 0, body(w -> w.writeBytes(ByteString.utf8("a")).writeInt(n))));
            assertRejected(response(105, 1, 0, body(w -> w.writeInt(n))));
            assertRejected(response(1, 303, 0, body(w -> w.writeBytes(ByteString.EMPTY).writeInt(n))));
            // a value whose reference count is negative
            assertRejected(request(102, body(w -> {
                w.writeBytes(ByteString.utf8("a")).writeInt(1);
                w.writeInt(1).writeInt(0).writeByte(0).writeInt(0).writeByte(0).writeInt(0).writeInt(0).writeInt(n);
            })));
            assertRejected(() -> ValueList.decode(bs(body(w -> w.writeInt(n)))));
            byte[] site = Fixtures.value("hs-site");
            int attributeCount = 2 + 2 + 2 + 1 + 1 + 4;
            assertRejected(() -> SiteInfo.decode(bs(patchInt(site, attributeCount, n))));
        }
    }

    @Test
    void negativeLengths() {
        for (int n : new int[] {-1, -4, Integer.MIN_VALUE}) {
            assertRejected(request(1, body(w -> w.writeInt(n))));
            assertRejected(request(200, body(w -> w.writeBytes(ByteString.utf8("HS_PUBKEY")).writeInt(n))));
            assertRejected(response(1, 402, OpFlags.RETURN_REQUEST_DIGEST,
                    body(w -> w.writeByte(3).writeRaw(new byte[32]).writeInt(n))));
            assertRejected(response(1, 100, 0, body(w -> w.writeInt(n))));
            // a value type length, a value data length
            assertRejected(request(102, body(w -> {
                w.writeBytes(ByteString.utf8("a")).writeInt(1);
                w.writeInt(1).writeInt(0).writeByte(0).writeInt(0).writeByte(0).writeInt(n);
            })));
            assertRejected(request(102, body(w -> {
                w.writeBytes(ByteString.utf8("a")).writeInt(1);
                w.writeInt(1).writeInt(0).writeByte(0).writeInt(0).writeByte(0).writeInt(0).writeInt(n);
            })));
            assertRejected(() -> AdminValue.decode(bs(body(w -> w.writeShort(0x0FF2).writeInt(n)))));
        }
    }

    @Test
    void lengthsBeyondTheLimitOrTheRemainingBytes() {
        for (int n : new int[] {5, 262_144, 262_145, Limits.MAX_ARRAY_SIZE, Limits.MAX_ARRAY_SIZE + 1,
                Integer.MAX_VALUE}) {
            assertRejected(request(1, body(w -> w.writeInt(n).writeRaw(new byte[4]))));
            assertRejected(request(2001, body(w -> w.writeInt(n))));
            assertRejected(response(2, 1, 0, body(w -> w.writeShort(1).writeShort(0x020A).writeShort(1)
                    .writeShort(0x8002).writeInt(n))));
            assertRejected(() -> HandleValue.decode(body(w -> w.writeInt(1).writeInt(0).writeByte(0).writeInt(0)
                    .writeByte(0).writeInt(n))));
        }
        // over the array limit even when the bytes are there (CNRI's Common.MAX_ARRAY_SIZE)
        byte[] big = new byte[4 + Limits.MAX_ARRAY_SIZE + 1];
        WireWriter.putInt(big, 0, Limits.MAX_ARRAY_SIZE + 1);
        assertRejected(() -> new WireReader(big).readBytes("big"));
        assertRejected(() -> new WireReader(big).skipBytes("big"));
    }

    @Test
    void countsThatCannotFitAreRejectedBeforeAnythingIsAllocated() {
        assertRejected(response(1, 1, 0, body(w -> w.writeBytes(ByteString.utf8("a")).writeInt(2048))));
        assertRejected(request(1, body(w -> w.writeBytes(ByteString.utf8("a")).writeInt(Limits.MAX_ARRAY_SIZE)
                .writeRaw(new byte[8]))));
        assertRejected(request(1, body(w -> w.writeBytes(ByteString.utf8("a")).writeInt(0)
                .writeInt(Limits.MAX_ARRAY_SIZE).writeRaw(new byte[8]))));
        assertRejected(request(103, body(w -> w.writeBytes(ByteString.utf8("a")).writeInt(0x40000001))));
        assertRejected(response(105, 1, 0, body(w -> w.writeInt(Limits.MAX_ARRAY_SIZE).writeInt(0))));
        assertRejected(() -> ValueList.decode(bs(body(w -> w.writeInt(1 << 17).writeRaw(new byte[64])))));
        byte[] site = Fixtures.value("hs-site");
        int servers = 8 + 4 + 4 + (4 + 4) + (4 + 14); // fixed fields, filter, attribute count, desc attribute
        assertThat(WireReader.getInt(site, servers)).isEqualTo(1);
        assertRejected(() -> SiteInfo.decode(bs(patchInt(site, servers, Limits.MAX_ARRAY_SIZE))));
        assertRejected(() -> HandleValue.decode(body(w -> w.writeInt(1).writeInt(0).writeByte(0).writeInt(0)
                .writeByte(0).writeInt(0).writeInt(0).writeInt(Limits.MAX_ARRAY_SIZE))));
    }

    @Test
    void moreThan2048Values() {
        byte[] max = response(1, 1, 0, body(w -> {
            w.writeBytes(ByteString.utf8("a")).writeInt(2048);
            for (int i = 1; i <= 2048; i++) {
                minimalValue(w, i);
            }
        }));
        assertThat(((ResolutionResponse) decodes(max).body()).values().count()).isEqualTo(2048);
        for (int op : new int[] {100, 102, 104}) {
            assertRejected(request(op, body(w -> {
                w.writeBytes(ByteString.utf8("a")).writeInt(2049);
                for (int i = 1; i <= 2049; i++) {
                    minimalValue(w, i);
                }
            })));
        }
        assertRejected(response(1, 1, 0, body(w -> {
            w.writeBytes(ByteString.utf8("a")).writeInt(2049);
            for (int i = 1; i <= 2049; i++) {
                minimalValue(w, i);
            }
        })));
        byte[] values = body(w -> minimalValue(w, 1));
        assertRejected(() -> EncodedValues.parse(values, 0, values.length, 2049));
        assertRejected(() -> EncodedValues.parse(values, 0, values.length, -1));
        assertRejected(() -> EncodedValues.read(new WireReader(values), -1));
        assertRejected(() -> EncodedValues.read(new WireReader(values), 2049));
    }

    /**
     * A value whose data is longer than the 1 MiB array limit (possible in a stored record, never in a message):
     * validation must reject it, as decoding it does — otherwise {@link EncodedValues#decode()} throws
     * IllegalStateException on data that {@link EncodedValues#parse} accepted.
     */
    @Test
    void valueDataOverTheArrayLimitIsRejectedByValidationToo() {
        int n = Limits.MAX_ARRAY_SIZE + 1;
        byte[] value = new byte[26 + n];
        WireWriter.putInt(value, 0, 1);
        WireWriter.putInt(value, 18, n); // type length 0 at 14, data length at 18
        assertRejected(() -> HandleValue.decode(value));
        assertRejected(() -> EncodedValues.parse(value, 0, value.length, 1));
    }

    // ---------------------------------------------------------------- framing

    @Test
    void truncatedAtEveryBytePositionOfEveryGoldenFixture() {
        int cases = 0;
        for (String name : Fixtures.messageNames()) {
            byte[] full = Fixtures.message(name);
            int bodyLength = WireReader.getInt(full, 40);
            for (int cut = 0; cut < full.length; cut++) {
                byte[] prefix = Arrays.copyOf(full, cut);
                // 1. as a reader would see a connection that died: the envelope promises more
                assertThat(decodeOrReject(() -> MessageCodec.decode(prefix), prefix))
                        .as("%s cut at %d", name, cut).isNull();
                if (cut < Limits.ENVELOPE_SIZE) {
                    continue;
                }
                // 2. the envelope made consistent with the cut: only the credential section may end early
                byte[] framed = prefix.clone();
                WireWriter.putInt(framed, 16, cut - Limits.ENVELOPE_SIZE);
                Message m = checkFrame(framed);
                if (cut < Limits.ENVELOPE_SIZE + Limits.HEADER_SIZE + bodyLength) {
                    assertThat(m).as("%s, message cut at %d inside header or body", name, cut).isNull();
                }
                // 3. header too: the body parsers see a body that really is shorter
                int cutBody = cut - Limits.ENVELOPE_SIZE - Limits.HEADER_SIZE;
                if (cutBody >= 0 && cutBody < bodyLength) {
                    byte[] shortBody = framed.clone();
                    WireWriter.putInt(shortBody, 40, cutBody);
                    checkFrame(shortBody);
                }
                cases++;
            }
        }
        assertThat(cases).isGreaterThan(4_000);
    }

    @Test
    void truncatedValueFixtures() {
        for (String name : Fixtures.valueNames()) {
            byte[] full = Fixtures.value(name);
            for (int cut = 0; cut < full.length; cut++) {
                byte[] prefix = Arrays.copyOf(full, cut);
                ByteString b = bs(prefix);
                boolean adminWithoutLegacyBytes = name.equals("hs-admin-legacy") && cut == full.length - 2;
                Object admin = decodeOrReject(() -> AdminValue.decode(b), prefix);
                assertThat(admin != null).as("%s cut at %d as HS_ADMIN", name, cut)
                        .isEqualTo(adminWithoutLegacyBytes);
                assertThat(decodeOrReject(() -> SiteInfo.decode(b), prefix)).isNull();
                assertThat(decodeOrReject(() -> ValueList.decode(b), prefix)).isNull();
                assertThat(decodeOrReject(() -> HandleValue.decode(prefix), prefix)).isNull();
                int valuesLength = cut - 4;
                if (name.equals("encoded-values") && valuesLength >= 0) {
                    assertThat(decodeOrReject(() -> EncodedValues.parse(prefix, 4, valuesLength, 2), prefix)).isNull();
                }
            }
        }
    }

    /** Each byte of each fixture overwritten with 00, 7F, 80 and FF: decoded or rejected, and stable if decoded. */
    @Test
    void everyByteOfEveryGoldenFixtureCorrupted() {
        for (String name : Fixtures.messageNames()) {
            byte[] full = Fixtures.message(name);
            for (int at = 0; at < full.length; at++) {
                for (int v : new int[] {0x00, 0x7F, 0x80, 0xFF}) {
                    byte[] corrupt = full.clone();
                    corrupt[at] = (byte) v;
                    checkFrame(corrupt);
                }
            }
        }
    }

    /**
     * §1.2: body parsers read from the start and MUST NOT fail when unparsed bytes remain inside BodyLength (IDIS
     * tokens, CNRI slack). Exceptions by design: the site record (clients reject trailing bytes, §7.2), and bodies
     * whose optional tail is defined as "present iff bytes remain" (§6.4 referral values, §7.3 created handle).
     */
    @Test
    void trailingBytesInsideTheBodyAreIgnored() {
        List<String> strict = List.of("resp-site-info", "resp-referral-302-no-values", "resp-create-handle-empty");
        byte[] junk = {(byte) 0xAB, (byte) 0xCD, (byte) 0xEF};
        for (String name : Fixtures.messageNames()) {
            byte[] f = Fixtures.message(name);
            int bodyEnd = 20 + 24 + WireReader.getInt(f, 40);
            byte[] longer = new byte[f.length + junk.length];
            System.arraycopy(f, 0, longer, 0, bodyEnd);
            System.arraycopy(junk, 0, longer, bodyEnd, junk.length);
            System.arraycopy(f, bodyEnd, longer, bodyEnd + junk.length, f.length - bodyEnd);
            WireWriter.putInt(longer, 16, longer.length - 20);
            WireWriter.putInt(longer, 40, WireReader.getInt(f, 40) + junk.length);
            Message m = checkFrame(longer);
            if (strict.contains(name)) {
                assertThat(m).as(name).isNull();
                continue;
            }
            assertThat(m).as(name).isNotNull();
            Message original = Fixtures.decode(name);
            assertThat(m.credential()).isEqualTo(original.credential());
            assertThat(m.digest()).isEqualTo(original.digest());
            if (original.body() instanceof OpaqueBody) {
                assertThat(m.body()).isNotEqualTo(original.body()); // kept byte-exact, junk included
            } else if (original.body() instanceof SessionSetupResponse s) {
                assertThat(m.body()).isEqualTo(new SessionSetupResponse(s.keyExchangeMode(), s.data(), false));
            } else {
                assertThat(m.body()).as(name).isEqualTo(original.body());
            }
        }
    }

    @Test
    void bodyLengthLargerThanTheMessage() {
        byte[] f = Fixtures.message("req-resolution-plain");
        int available = f.length - Limits.ENVELOPE_SIZE - Limits.HEADER_SIZE;
        for (int bodyLength : new int[] {available + 1, 262_144, Integer.MAX_VALUE, -1, Integer.MIN_VALUE}) {
            assertRejected(patchInt(f, 40, bodyLength));
        }
        // exactly the available bytes: the credential length field is then missing, which is allowed
        decodes(patchInt(f, 40, available));
    }

    @Test
    void messageLengthMismatch() {
        byte[] f = Fixtures.message("req-resolution-plain");
        int len = f.length - Limits.ENVELOPE_SIZE;
        for (int claimed : new int[] {len - 1, len + 1, 0, -1, 262_145, Integer.MAX_VALUE, Integer.MIN_VALUE}) {
            assertRejected(patchInt(f, 16, claimed));
        }
        assertRejected(Arrays.copyOf(f, f.length + 1)); // a stray byte after the message
        assertRejected(new byte[0]);
        assertRejected(new byte[19]);
        assertRejected(Arrays.copyOf(f, 20 + 23)); // shorter than a header even if the envelope agrees
        assertRejected(patchInt(Arrays.copyOf(f, 20 + 23), 16, 23));
    }

    @Test
    void inconsistentBuffersGivenToTheDecoder() throws ProtocolException {
        byte[] f = Fixtures.message("req-resolution-plain");
        Envelope e = Envelope.decode(f, 0);
        int len = e.messageLength();
        assertRejected(() -> MessageCodec.decode(e, f, 20, len - 1));
        assertRejected(() -> MessageCodec.decode(e, Arrays.copyOf(f, f.length - 1), 20, len));
        assertRejected(() -> MessageCodec.decode(e, f, f.length, len));
        assertRejected(() -> MessageCodec.decode(e, f, -1, len));
        assertRejected(() -> Envelope.decode(f, f.length - 10));
        assertRejected(() -> Envelope.decode(f, -1));
        assertRejected(() -> Envelope.decode(patchInt(f, 12, -1), 0)); // negative message id
        assertThat(MessageCodec.decode(e, f, 20, len)).isEqualTo(MessageCodec.decode(f));
    }

    @Test
    void opcodeZero() {
        ProtocolException request = org.junit.jupiter.api.Assertions.assertThrows(ProtocolException.class,
                () -> MessageCodec.decode(request(0, body(w -> w.writeBytes(ByteString.utf8("a"))))));
        assertThat(request.responseCode()).isEqualTo(ResponseCode.PROTOCOL_ERROR);
        assertRejected(patchInt(Fixtures.message("req-resolution-plain"), 20, 0));
        // the RC 4 answer to an undecodable envelope carries opcode 0 (§1.1): a peer must be able to read it
        Message answer = decodes(response(0, 4, 0, body(w -> w.writeBytes(ByteString.utf8("bad length")))));
        assertThat(answer.responseCode()).isEqualTo(ResponseCode.PROTOCOL_ERROR);
        assertThat(answer.body()).isEqualTo(ErrorResponse.of("bad length"));
    }

    @Test
    void unknownDigestHashCodes() {
        for (int code : new int[] {0, 4, 0x12, 0x13, 0x22, 0xFF}) {
            assertRejected(response(101, 1, OpFlags.RETURN_REQUEST_DIGEST, body(w -> w.writeByte(code)
                    .writeRaw(new byte[32]))));
            assertRejected(request(201, body(w -> w.writeBytes(ByteString.utf8("h")).writeInt(0)
                    .writeBytes(new byte[16]).writeByte(code == 0 ? 9 : code).writeRaw(new byte[32])
                    .writeBytes(new byte[1]))));
        }
        // known codes with too few digest bytes
        assertRejected(response(101, 1, OpFlags.RETURN_REQUEST_DIGEST, body(w -> w.writeByte(3).writeRaw(new byte[31]))));
        assertRejected(response(101, 1, OpFlags.RETURN_REQUEST_DIGEST, new byte[0]));
        // the three known codes decode
        for (int code : new int[] {1, 2, 3}) {
            int n = RequestDigest.lengthOf(code);
            Message m = decodes(response(101, 1, OpFlags.RETURN_REQUEST_DIGEST,
                    body(w -> w.writeByte(code).writeRaw(new byte[n]))));
            assertThat(m.digest().orElseThrow().algorithm()).isEqualTo(code);
        }
    }

    /** Handles are bytes: invalid UTF-8 is kept and echoed, and rejected (RC 102) by operations, not the codec. */
    @Test
    void garbageUtf8InHandlesIsKeptNotRejected() {
        byte[] garbage = {(byte) 0xFF, (byte) 0xFE, (byte) 0xC0, (byte) 0xAF, (byte) 0xED, (byte) 0xA0, (byte) 0x80,
                0x2F, 0x00, 0x41};
        byte[] f = request(1, body(w -> w.writeBytes(garbage).writeInt(0).writeInt(0)));
        Message m = decodes(f);
        ResolutionRequest r = (ResolutionRequest) m.body();
        assertThat(r.handle().toByteArray()).isEqualTo(garbage);
        assertThat(r.handle().isValidUtf8()).isFalse();
        HexFixture.assertBytesEqual(f, MessageCodec.encode(m), "echoed bytes");
        byte[] resp = response(1, 1, 0, body(w -> {
            w.writeBytes(garbage).writeInt(1);
            w.writeInt(1).writeInt(0).writeByte(0).writeInt(0).writeByte(0x0E).writeBytes(garbage).writeBytes(garbage)
                    .writeInt(1).writeBytes(garbage).writeInt(7);
        }));
        Message answer = decodes(resp);
        HandleValue v = ((ResolutionResponse) answer.body()).values().decode().get(0);
        assertThat(v.type().toByteArray()).isEqualTo(garbage);
        assertThat(v.references().get(0).handle().toByteArray()).isEqualTo(garbage);
        HexFixture.assertBytesEqual(resp, MessageCodec.encode(answer), "values with invalid UTF-8");
        for (int op : new int[] {2, 100, 101, 105, 300, 301, 302, 401, 2001}) {
            decodes(request(op, body(w -> w.writeBytes(garbage).writeInt(0))));
        }
    }

    @Test
    void credentialLengthInconsistent() {
        byte[] body = body(w -> w.writeBytes(ByteString.utf8("/")));
        byte[] section = body(w -> w.writeByte(0).writeByte(0).writeShort(0).writeBytes(ByteString.EMPTY).writeInt(5)
                .writeBytes(Credential.HS_MAC).writeBytes(body(s -> s.writeBytes(ByteString.utf8("HMAC-SHA256"))
                        .writeBytes(new byte[32]))));
        byte[] good = frame(ProtocolVersion.V2_11, 401, 0, 0, body, body(w -> w.writeBytes(section)));
        assertThat(decodes(good).credential()).isPresent();
        for (int claimed : new int[] {section.length + 1, section.length - 1, 1, -1, Integer.MIN_VALUE,
                Integer.MAX_VALUE}) {
            assertRejected(frame(ProtocolVersion.V2_11, 401, 0, 0, body,
                    body(w -> w.writeInt(claimed).writeRaw(section))));
        }
        // a section whose inner lengths disagree with its length
        byte[] innerTooLong = section.clone();
        WireWriter.putInt(innerTooLong, 4 + 4 + 4 + 4 + 6, 1000); // signed-info length
        assertRejected(frame(ProtocolVersion.V2_11, 401, 0, 0, body, body(w -> w.writeBytes(innerTooLong))));
        byte[] withPadding = Arrays.copyOf(section, section.length + 3);
        assertRejected(frame(ProtocolVersion.V2_11, 401, 0, 0, body, body(w -> w.writeBytes(withPadding))));
        // 1 to 3 stray bytes where the credential length belongs
        for (int stray = 1; stray <= 3; stray++) {
            assertRejected(frame(ProtocolVersion.V2_11, 401, 0, 0, body, new byte[stray]));
        }
        // the signed info of a known type that does not hold "alg, sig" is reported when read
        Credential odd = new Credential(0, 0, 0, ByteString.EMPTY, 0, Credential.HS_SIGNED, ByteString.utf8("xyz"));
        assertRejected(odd::signature);
        assertRejected(odd::algorithm);
    }

    @Test
    void siteInfoWithTrailingBytes() {
        byte[] site = Fixtures.value("hs-site");
        byte[] longer = Arrays.copyOf(site, site.length + 1);
        assertRejected(() -> SiteInfo.decode(bs(longer)));
        assertRejected(response(2, 1, 0, longer));
        byte[] v6 = Fixtures.value("hs-site-ipv6");
        assertRejected(() -> SiteInfo.decode(bs(Arrays.copyOf(v6, v6.length + 4))));
    }

    @Test
    void hsVlistAndHsAdminWithTrailingBytes() {
        byte[] vlist = Fixtures.value("hs-vlist");
        for (int extra = 1; extra <= 4; extra++) {
            byte[] longer = Arrays.copyOf(vlist, vlist.length + extra);
            assertRejected(() -> ValueList.decode(bs(longer)));
        }
        byte[] admin = Fixtures.value("hs-admin");
        assertRejected(() -> AdminValue.decode(bs(Arrays.copyOf(admin, admin.length + 1))));
        assertRejected(() -> AdminValue.decode(bs(Arrays.copyOf(admin, admin.length + 3))));
        byte[] legacyNonZero = Arrays.copyOf(admin, admin.length + 2);
        legacyNonZero[legacyNonZero.length - 1] = 1;
        assertRejected(() -> AdminValue.decode(bs(legacyNonZero))); // stricter than CNRI, which ignores these bytes
        byte[] value = Fixtures.value("handle-value");
        assertRejected(() -> HandleValue.decode(Arrays.copyOf(value, value.length + 1)));
        byte[] values = Fixtures.value("encoded-values");
        assertRejected(() -> EncodedValues.parse(values, 4, values.length - 4, 1));
    }

    @Test
    void unknownSessionSetupModeCarriesItsOwnCode() {
        ProtocolException e = org.junit.jupiter.api.Assertions.assertThrows(ProtocolException.class,
                () -> MessageCodec.decode(request(400, body(w -> w.writeShort(9).writeInt(0)
                        .writeBytes(ByteString.EMPTY).writeInt(-1)))));
        assertThat(e.responseCode()).isEqualTo(ResponseCode.INVALID_SESSIONSETUP_REQUEST);
    }

    @Test
    void everyOpcodeAndResponseCodeWithAnEmptyOrTinyBody() {
        List<Integer> ops = List.of(1, 2, 100, 101, 102, 103, 104, 105, 106, 200, 201, 300, 301, 302, 400, 401, 402,
                1000, 1001, 1002, 1003, 2001, 999, -1);
        List<Integer> rcs = List.of(0, 1, 2, 7, 100, 200, 202, 302, 303, 402, 500, 601, 999, -5);
        byte[][] bodies = {new byte[0], new byte[1], new byte[3], {0, 0, 0, 0}, {0, 0, 0, 1}, {(byte) 0xFF, 0, 0, 0},
                {0, 0, 0, 0, 0, 0, 0, 0}, {3}};
        for (ProtocolVersion v : List.of(ProtocolVersion.V2_3, ProtocolVersion.V2_11)) {
            for (int op : ops) {
                for (int rc : rcs) {
                    for (int flags : new int[] {0, OpFlags.RETURN_REQUEST_DIGEST}) {
                        for (byte[] b : bodies) {
                            checkFrame(frame(v, op, rc, flags, b, UNSIGNED));
                            checkFrame(frame(v, op, rc, flags, b, new byte[0]));
                        }
                    }
                }
            }
        }
    }

    static byte[] patchInt(byte[] b, int at, int v) {
        byte[] c = b.clone();
        WireWriter.putInt(c, at, v);
        return c;
    }
}
