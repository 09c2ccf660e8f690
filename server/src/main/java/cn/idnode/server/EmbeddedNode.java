package cn.idnode.server;

import cn.idnode.server.config.ConfigLoader;
import cn.idnode.server.config.IdnodeConfig;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A node inside the current JVM on loopback with free ports and a given data directory: for tests, benchmarks and
 * applications that embed idnode. {@code settings} override configuration keys as {@code --set} does.
 */
public final class EmbeddedNode implements AutoCloseable {
    private final IdnodeServer server;

    private EmbeddedNode(IdnodeServer server) {
        this.server = server;
    }

    public static EmbeddedNode start(Path dataDir, InstantSource clock, Map<String, String> settings) {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("node.dataDir", dataDir.toString());
        s.put("handle.bind", "127.0.0.1");
        s.put("http.bind", "127.0.0.1");
        s.put("handle.udpPort", "0");
        s.put("handle.tcpPort", "0");
        s.put("http.port", "0");
        s.put("http.httpsPort", "0");
        s.put("store.blockCacheMb", "32");
        s.put("executor.threads", "8");
        s.putAll(settings);
        IdnodeConfig config = ConfigLoader.load(Optional.empty(), Map.of(), s);
        return new EmbeddedNode(IdnodeServer.start(config, clock));
    }

    public static EmbeddedNode start(Path dataDir) {
        return start(dataDir, InstantSource.system(), Map.of());
    }

    public IdnodeServer server() {
        return server;
    }

    public InetSocketAddress udp() {
        return new InetSocketAddress("127.0.0.1", server.udpPort());
    }

    public InetSocketAddress tcp() {
        return new InetSocketAddress("127.0.0.1", server.tcpPort());
    }

    public InetSocketAddress http() {
        return new InetSocketAddress("127.0.0.1", server.httpPort());
    }

    public String httpBase() {
        return "http://127.0.0.1:" + server.httpPort();
    }

    public String httpsBase() {
        return "https://127.0.0.1:" + server.httpsPort();
    }

    @Override
    public void close() {
        server.close();
    }
}
