package cn.idnode.server.keys;

import cn.idnode.crypto.KeyBlobs;
import cn.idnode.crypto.KeyFormatException;
import cn.idnode.crypto.PrivateKeyFiles;
import cn.idnode.protocol.ByteString;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.RSAPublicKeySpec;

/**
 * The node's key pairs under {@code <dataDir>/keys}, generated on first start in CNRI's file formats so that CNRI's
 * tools (and {@code idnode} commands) can use them directly:
 * <ul>
 *   <li>{@code siteprivkey.bin} / {@code sitepubkey.bin}: the site key published in HS_SITE (certified responses,
 *       HTTPS);</li>
 *   <li>{@code admpriv.bin} / {@code admpub.bin}: the administrator identity {@code 300:0.NA/<prefix>};</li>
 *   <li>{@code data.key}: 256-bit key sealing secrets kept in the store (SNMS password digests);</li>
 *   <li>{@code token.key}: 256-bit key signing SNMS access tokens (HS256).</li>
 * </ul>
 * Private key files are written owner-only (0600) and never logged. They are unencrypted so that the node can start
 * unattended; protect the data directory accordingly (docs/operations.md).
 */
public record NodeKeys(KeyPair site, KeyPair admin, Path siteKeyFile, Path adminKeyFile, byte[] dataKey,
                       byte[] tokenKey) {

    public static NodeKeys loadOrCreate(Path dataDir) {
        Path dir = dataDir.resolve("keys");
        try {
            Files.createDirectories(dir);
            Path sitePriv = dir.resolve("siteprivkey.bin");
            Path adminPriv = dir.resolve("admpriv.bin");
            KeyPair site = loadOrGenerate(sitePriv, dir.resolve("sitepubkey.bin"));
            KeyPair admin = loadOrGenerate(adminPriv, dir.resolve("admpub.bin"));
            return new NodeKeys(site, admin, sitePriv, adminPriv, secret(dir.resolve("data.key")),
                    secret(dir.resolve("token.key")));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read or write keys in " + dir + ": " + e.getMessage(), e);
        } catch (KeyFormatException | GeneralSecurityException e) {
            throw new IllegalStateException("unusable key file in " + dir + ": " + e.getMessage(), e);
        }
    }

    public ByteString sitePublicKeyBlob() {
        return blob(site.getPublic());
    }

    public ByteString adminPublicKeyBlob() {
        return blob(admin.getPublic());
    }

    private static ByteString blob(PublicKey key) {
        try {
            return KeyBlobs.encodePublicKey(key);
        } catch (KeyFormatException e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyPair loadOrGenerate(Path privFile, Path pubFile)
            throws IOException, KeyFormatException, GeneralSecurityException {
        if (Files.exists(privFile)) {
            PrivateKey priv = PrivateKeyFiles.decode(Files.readAllBytes(privFile));
            if (!(priv instanceof RSAPrivateCrtKey crt)) {
                throw new KeyFormatException(privFile + " must hold an RSA key with CRT parameters");
            }
            PublicKey pub = java.security.KeyFactory.getInstance("RSA")
                    .generatePublic(new RSAPublicKeySpec(crt.getModulus(), crt.getPublicExponent()));
            if (!Files.exists(pubFile)) {
                Files.write(pubFile, KeyBlobs.encodePublicKey(pub).toByteArray());
            }
            return new KeyPair(pub, priv);
        }
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        KeyPair kp = g.generateKeyPair();
        writePrivate(privFile, PrivateKeyFiles.encode(kp.getPrivate()));
        Files.write(pubFile, KeyBlobs.encodePublicKey(kp.getPublic()).toByteArray());
        return kp;
    }

    /** A 256-bit secret kept in {@code file}: read, or generated and written owner-only on first start. */
    private static byte[] secret(Path file) throws IOException {
        if (Files.exists(file)) {
            byte[] k = Files.readAllBytes(file);
            if (k.length != 32) {
                throw new IOException(file + " must hold 32 bytes, has " + k.length);
            }
            return k;
        }
        byte[] k = new byte[32];
        new java.security.SecureRandom().nextBytes(k);
        writePrivate(file, k);
        return k;
    }

    /** Writes a private key file readable by its owner only. */
    public static void writePrivate(Path file, byte[] content) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        try {
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(tmp);
        }
        Files.write(tmp, content, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.SYNC);
        Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }
}
