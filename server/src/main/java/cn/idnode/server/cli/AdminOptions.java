package cn.idnode.server.cli;

import cn.idnode.crypto.KeyFormatException;
import cn.idnode.crypto.PrivateKeyFiles;
import cn.idnode.node.site.SitePublisher;
import cn.idnode.protocol.ByteString;
import cn.idnode.protocol.ValueReference;
import cn.idnode.server.client.AuthenticatingClient;
import cn.idnode.server.config.IdnodeConfig;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Where to send administrative requests and who signs them. Without options: the local node (TCP 2641 on
 * 127.0.0.1) as its own administrator {@code 300:0.NA/<prefix>} with the key in {@code <dataDir>/keys/admpriv.bin}.
 */
final class AdminOptions {
    @Mixin
    ConfigOptions config;

    @Option(names = {"-s", "--server"}, description = "Node address (default 127.0.0.1).")
    String server = "127.0.0.1";

    @Option(names = {"-P", "--port"}, description = "Handle TCP port (default: handle.tcpPort of the configuration).")
    Integer port;

    @Option(names = "--auth", paramLabel = "INDEX:HANDLE",
            description = "Identity to authenticate as (default: the node administrator 300:0.NA/<prefix>).")
    String identity;

    @Option(names = "--key", paramLabel = "FILE",
            description = "Private key file of the identity (default: <dataDir>/keys/admpriv.bin).")
    Path keyFile;

    @Option(names = "--passphrase", interactive = true, arity = "0..1", description = "Passphrase of the key file.")
    char[] passphrase;

    @Option(names = "--secret", interactive = true, arity = "0..1",
            description = "Authenticate with the identity's secret key (HS_SECKEY) instead of a private key.")
    char[] secret;

    @Option(names = "--timeout", description = "Seconds to wait for each answer (default 10).")
    int timeoutSeconds = 10;

    AuthenticatingClient connect() throws IOException, KeyFormatException {
        IdnodeConfig c = config.load(Map.of());
        ValueReference id = identity != null ? ValueReference.parse(identity)
                : SitePublisher.adminIdentity(ByteString.utf8(c.node().prefix()).toAsciiUpperCase());
        AuthenticatingClient.Credentials creds;
        if (secret != null) {
            creds = new AuthenticatingClient.SecretCredentials(id,
                    new String(secret).getBytes(StandardCharsets.UTF_8));
        } else {
            Path file = keyFile != null ? keyFile : c.dataDir().resolve("keys").resolve("admpriv.bin");
            if (!Files.isRegularFile(file)) {
                throw new IOException("no private key file " + file + " (use --key FILE or --secret)");
            }
            byte[] bytes = Files.readAllBytes(file);
            creds = new AuthenticatingClient.KeyCredentials(id, PrivateKeyFiles.decode(bytes, passphrase));
        }
        int p = port != null ? port : c.handle().tcpPort();
        return new AuthenticatingClient(new InetSocketAddress(server, p), creds, Duration.ofSeconds(timeoutSeconds));
    }
}
