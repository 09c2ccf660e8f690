package cn.idnode.server.cli;

import cn.idnode.server.IdnodeServer;
import cn.idnode.server.config.ConfigException;
import cn.idnode.server.config.IdnodeConfig;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code idnode serve}: runs the node until it is stopped (SIGINT / SIGTERM). */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Run the node with its configuration (built-in defaults if none) and print where to reach it.")
final class ServeCommand implements Callable<Integer> {
    @Mixin
    ConfigOptions options;

    @Option(names = "--bind", description = "Address to listen on for Handle and HTTP (handle.bind, http.bind).")
    String bind;

    @Option(names = "--public-address", description = "Address published in the site record (handle.publicAddress).")
    String publicAddress;

    @Option(names = "--udp-port", description = "Handle UDP port (default 2641).")
    Integer udpPort;

    @Option(names = "--tcp-port", description = "Handle TCP port (default 2641).")
    Integer tcpPort;

    @Option(names = "--http-port", description = "HTTP port (default 8000).")
    Integer httpPort;

    @Override
    public Integer call() {
        Map<String, String> extra = new LinkedHashMap<>();
        if (bind != null) {
            extra.put("handle.bind", bind);
            extra.put("http.bind", bind);
        }
        if (publicAddress != null) {
            extra.put("handle.publicAddress", publicAddress);
        }
        if (udpPort != null) {
            extra.put("handle.udpPort", udpPort.toString());
        }
        if (tcpPort != null) {
            extra.put("handle.tcpPort", tcpPort.toString());
        }
        if (httpPort != null) {
            extra.put("http.port", httpPort.toString());
        }
        IdnodeConfig config;
        try {
            config = options.load(extra);
        } catch (ConfigException e) {
            System.err.println("idnode: configuration error: " + e.getMessage());
            return 2;
        }
        IdnodeServer server;
        try {
            server = IdnodeServer.start(config, InstantSource.system());
        } catch (RuntimeException e) {
            System.err.println("idnode: cannot start: " + e.getMessage());
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "idnode-shutdown"));
        System.out.println(server.banner());
        System.out.flush();
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }
}
