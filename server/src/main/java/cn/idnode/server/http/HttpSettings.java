package cn.idnode.server.http;

import cn.idnode.server.config.IdnodeConfig;
import cn.idnode.server.keys.NodeKeys;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the HTTP and HTTPS ports need from the configuration and the node's keys (docs/configuration.md, {@code http}
 * section; {@code auth.failedAuthPerMinute} is shared with the Handle protocol).
 *
 * @param keysDir   where the self-signed certificate is kept ({@code <dataDir>/keys})
 * @param hostNames names and addresses the self-signed certificate is issued for
 */
public record HttpSettings(String bind, int port, int httpsPort, int maxBodyBytes, boolean publicPrefixList,
                           boolean allowAuthOverPlainHttp, Duration sessionIdle, int maxSessions,
                           int failedAuthPerMinute, KeyPair siteKey, Path keysDir, Optional<Path> tlsCertificate,
                           Optional<Path> tlsPrivateKey, List<String> hostNames, Snms snms) {

    /** The SNMS API's part of the HTTP ports. */
    public record Snms(boolean allowPlainHttp, int maxBodyBytes, int maxUploadBytes, Path uploadsDir) {}

    public HttpSettings {
        hostNames = List.copyOf(hostNames);
    }

    public static HttpSettings of(IdnodeConfig config, NodeKeys keys) {
        IdnodeConfig.HttpSection h = config.http();
        List<String> names = new ArrayList<>();
        names.add(config.handle().publicAddress());
        if (!h.bind().equals("0.0.0.0") && !h.bind().equals("::")) {
            names.add(h.bind());
        }
        return new HttpSettings(h.bind(), h.port(), h.httpsPort(), h.maxBodyBytes(), h.publicPrefixList(),
                h.allowAuthOverPlainHttp(), Duration.ofSeconds(h.sessionIdleSeconds()), h.maxSessions(),
                config.auth().failedAuthPerMinute(), keys.site(), keys.siteKeyFile().getParent(),
                path(h.tlsCertificate()), path(h.tlsPrivateKey()), names, new Snms(config.snms().allowPlainHttp(),
                config.snms().maxBodyBytes(), Math.max(config.snms().maxImageKb(), config.snms().maxPdfKb()) * 1024
                + 64 * 1024, config.dataDir().resolve("tmp").resolve("uploads")));
    }

    private static Optional<Path> path(String s) {
        return s == null || s.isBlank() ? Optional.empty() : Optional.of(Path.of(s));
    }

    /** The file clients pin when the node serves its self-signed certificate. */
    public Path certificateFile() {
        return tlsCertificate.orElse(keysDir.resolve(TlsCertificate.FILE_NAME));
    }
}
