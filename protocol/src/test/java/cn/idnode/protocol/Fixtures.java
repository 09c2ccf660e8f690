package cn.idnode.protocol;

import cn.idnode.testing.HexFixture;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** The golden fixtures under {@code src/test/resources/fixtures/} and what the tests need to read them. */
final class Fixtures {
    private Fixtures() {}

    static final String MESSAGES = "fixtures/messages/";
    static final String VALUES = "fixtures/values/";

    /** A whole frame: envelope and message. */
    static byte[] message(String name) {
        return HexFixture.load(MESSAGES + name + ".hex");
    }

    static byte[] value(String name) {
        return HexFixture.load(VALUES + name + ".hex");
    }

    static Message decode(String name) {
        try {
            return MessageCodec.decode(message(name));
        } catch (ProtocolException e) {
            throw new AssertionError("fixture " + name + " does not decode: " + e.getMessage(), e);
        }
    }

    /**
     * Names (without ".hex") of every plaintext message fixture — what the codec decodes. Encrypted frames (envelope
     * flag EC, named {@code *-encrypted-*}) are decrypted by the session layer before the codec sees them; see
     * {@link #encryptedMessageNames()}.
     */
    static List<String> messageNames() {
        return names(MESSAGES).stream().filter(n -> !n.contains("-encrypted-")).toList();
    }

    /** Names of the encrypted frame fixtures: an envelope with EC set and ciphertext after it. */
    static List<String> encryptedMessageNames() {
        return names(MESSAGES).stream().filter(n -> n.contains("-encrypted-")).toList();
    }

    static List<String> valueNames() {
        return names(VALUES);
    }

    private static List<String> names(String dir) {
        URL url = Fixtures.class.getClassLoader().getResource(dir);
        if (url == null) {
            throw new IllegalStateException("no fixture directory " + dir);
        }
        try (Stream<Path> files = Files.list(Path.of(url.toURI()))) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".hex"))
                    .map(n -> n.substring(0, n.length() - 4)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The message as a comparable value: everything except what a re-encoding legitimately recomputes (lengths and
     * the raw header+body bytes). Response codes are compared as a peer of the envelope version reads them back.
     */
    static Message structure(Message m) {
        ProtocolVersion v = m.envelope().version();
        Header h = m.header();
        Header normalised = new Header(h.opCode(), h.responseCode().forVersion(v).fromVersion(v), h.opFlags(),
                h.siteInfoSerial(), h.recursionCount(), h.expirationTime(), 0);
        return new Message(m.envelope().withMessageLength(0), normalised, m.digest(), m.body(), m.credential(),
                ByteString.EMPTY);
    }

    static HandleValue only(Optional<EncodedValues> values) {
        List<HandleValue> list = values.orElseThrow().decode();
        if (list.size() != 1) {
            throw new AssertionError("expected one value, got " + list);
        }
        return list.get(0);
    }
}
