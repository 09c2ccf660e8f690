package cn.idnode.server.cli;

import cn.idnode.crypto.KeyBlobs;
import cn.idnode.crypto.PrivateKeyFiles;
import cn.idnode.server.keys.NodeKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code idnode keygen}: a key pair in CNRI's file formats (private key file + HS_PUBKEY blob). */
@Command(name = "keygen", mixinStandardHelpOptions = true,
        description = "Generate a key pair in the formats CNRI's Handle tools read (private key file and HS_PUBKEY blob).")
final class KeygenCommand implements Callable<Integer> {
    enum Type { RSA, DSA }

    @Option(names = {"-t", "--type"}, description = "RSA (default) or DSA.")
    Type type = Type.RSA;

    @Option(names = {"-b", "--bits"}, description = "Key size; default 2048 for RSA, 1024 for DSA.")
    Integer bits;

    @Option(names = "--private", required = true, paramLabel = "FILE", description = "Private key file to write.")
    Path privateFile;

    @Option(names = "--public", paramLabel = "FILE", description = "Public key blob to write (default: <private>.pub).")
    Path publicFile;

    @Option(names = {"-p", "--passphrase"}, interactive = true, arity = "0..1",
            description = "Encrypt the private key (PBKDF2 + AES-128); prompts when no value is given.")
    char[] passphrase;

    @Option(names = "--force", description = "Overwrite existing files.")
    boolean force;

    @Override
    public Integer call() throws Exception {
        Path pub = publicFile != null ? publicFile : privateFile.resolveSibling(privateFile.getFileName() + ".pub");
        if (!force && (Files.exists(privateFile) || Files.exists(pub))) {
            System.err.println("idnode keygen: " + (Files.exists(privateFile) ? privateFile : pub)
                    + " exists (use --force to overwrite)");
            return 1;
        }
        KeyPairGenerator g = KeyPairGenerator.getInstance(type.name());
        g.initialize(bits != null ? bits : type == Type.RSA ? 2048 : 1024);
        KeyPair kp = g.generateKeyPair();
        byte[] priv = passphrase != null && passphrase.length > 0
                ? PrivateKeyFiles.encodeEncrypted(kp.getPrivate(), passphrase)
                : PrivateKeyFiles.encode(kp.getPrivate());
        if (privateFile.toAbsolutePath().getParent() != null) {
            Files.createDirectories(privateFile.toAbsolutePath().getParent());
        }
        NodeKeys.writePrivate(privateFile, priv);
        Files.write(pub, KeyBlobs.encodePublicKey(kp.getPublic()).toByteArray());
        System.out.println("private key: " + privateFile.toAbsolutePath()
                + (passphrase != null && passphrase.length > 0 ? " (encrypted)" : " (not encrypted)"));
        System.out.println("public key:  " + pub.toAbsolutePath() + " (HS_PUBKEY value data)");
        return 0;
    }
}
