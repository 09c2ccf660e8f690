package cn.idnode.bench.sys;

import cn.idnode.protocol.Message;
import cn.idnode.protocol.ProtocolException;
import cn.idnode.protocol.ResolutionRequest;
import cn.idnode.protocol.ResponseCode;
import cn.idnode.server.client.HandleClient;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An idnode server in its own process ({@code java [JVM options] -jar idnode.jar serve}) on loopback with free
 * ports, its output going to a log file. Started in the data directory's parent with no {@code IDNODE_*} variables,
 * so no stray {@code idnode.yaml} or environment changes the configuration.
 */
public final class NodeProcess implements AutoCloseable {
    private final Process process;
    private final long launchedNanos;
    private final int handlePort;
    private final int httpPort;
    private final Path log;
    private final List<String> command;
    private final Thread reaper;
    private int logLinesAtServing;
    private double cpuSecondsAtServing;

    private NodeProcess(Process process, long launchedNanos, int handlePort, int httpPort, Path log,
                        List<String> command) {
        this.process = process;
        this.launchedNanos = launchedNanos;
        this.handlePort = handlePort;
        this.httpPort = httpPort;
        this.log = log;
        this.command = command;
        this.reaper = new Thread(this::kill, "stop-idnode-" + process.pid());
        Runtime.getRuntime().addShutdownHook(reaper);
    }

    public static NodeProcess start(Path jar, Path dataDir, String prefix, List<String> jvmOptions, Path log)
            throws IOException {
        int handle = freePort(true);
        int http = freePort(false);
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmOptions);
        cmd.addAll(List.of("-jar", jar.toAbsolutePath().toString(), "serve",
                "--data-dir", dataDir.toAbsolutePath().toString(), "--prefix", prefix, "--bind", "127.0.0.1",
                "--udp-port", Integer.toString(handle), "--tcp-port", Integer.toString(handle),
                "--http-port", Integer.toString(http)));
        Files.createDirectories(log.toAbsolutePath().getParent());
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile())
                .directory(dataDir.toAbsolutePath().getParent().toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("IDNODE_"));
        long t0 = System.nanoTime();
        Process p = pb.start();
        return new NodeProcess(p, t0, handle, http, log, cmd);
    }

    public long pid() {
        return process.pid();
    }

    public int handlePort() {
        return handlePort;
    }

    public int httpPort() {
        return httpPort;
    }

    public Path log() {
        return log;
    }

    public List<String> command() {
        return command;
    }

    public boolean alive() {
        return process.isAlive();
    }

    /**
     * Polls a UDP resolution of {@code probeHandle} until it answers SUCCESS; returns the milliseconds from launching
     * the process to that answer.
     */
    public double awaitServing(String probeHandle, Duration timeout) throws IOException, InterruptedException {
        InetSocketAddress udp = new InetSocketAddress(InetAddress.getLoopbackAddress(), handlePort);
        long deadline = launchedNanos + timeout.toNanos();
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("idnode exited with status " + process.exitValue() + " before serving; see "
                        + log);
            }
            try {
                Message m = HandleClient.udp(udp, HandleClient.resolutionRequest(ResolutionRequest.of(probeHandle),
                        true), Duration.ofMillis(100));
                if (m.responseCode().equals(ResponseCode.SUCCESS)) {
                    cpuSecondsAtServing = ProcCpu.processTicks(process.pid()) / (double) ProcCpu.ticksPerSecond();
                    logLinesAtServing = logLines().size();
                    return (System.nanoTime() - launchedNanos) / 1e6;
                }
                last = "answer " + m.responseCode();
            } catch (IOException | ProtocolException e) {
                last = e.getMessage();
            }
            Thread.sleep(5);
        }
        throw new IOException("idnode did not answer a UDP resolution of " + probeHandle + " within " + timeout
                + " (last: " + last + "); see " + log);
    }

    /** CPU time (all threads) the server process had used when it first answered. */
    public double cpuSecondsAtServing() {
        return cpuSecondsAtServing;
    }

    /** The "started in N ms" figure the server prints in its banner, or -1. */
    public long reportedStartMillis() {
        try {
            Matcher m = Pattern.compile("started in\\s+(\\d+) ms").matcher(Files.readString(log));
            return m.find() ? Long.parseLong(m.group(1)) : -1;
        } catch (IOException e) {
            return -1;
        }
    }

    private List<String> logLines() {
        try {
            return Files.readAllLines(log);
        } catch (IOException e) {
            return List.of();
        }
    }

    /** Lines of the server log at WARN or ERROR level (or with an exception) since it began serving. */
    public List<String> problems() {
        List<String> lines = logLines();
        return lines.subList(Math.min(logLinesAtServing, lines.size()), lines.size()).stream()
                    .filter(l -> l.contains(" WARN ") || l.contains(" ERROR ") || l.contains("Exception")
                            || l.contains("OutOfMemory"))
                    .toList();
    }

    @Override
    public void close() {
        kill();
        try {
            Runtime.getRuntime().removeShutdownHook(reaper);
        } catch (IllegalStateException e) {
            // shutting down
        }
    }

    private void kill() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** A loopback port free for TCP (and, if {@code udpToo}, for UDP as well). */
    public static int freePort(boolean udpToo) throws IOException {
        InetAddress lo = InetAddress.getLoopbackAddress();
        for (int attempt = 0; attempt < 50; attempt++) {
            int port;
            try (ServerSocket s = new ServerSocket(0, 1, lo)) {
                port = s.getLocalPort();
            }
            if (!udpToo) {
                return port;
            }
            try (DatagramSocket d = new DatagramSocket(new InetSocketAddress(lo, port))) {
                return port;
            } catch (IOException e) {
                // taken for UDP: try another
            }
        }
        throw new IOException("no free port found");
    }
}
