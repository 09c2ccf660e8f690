package cn.idnode.bench.load;

import cn.idnode.bench.sys.ProcCpu;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.EventExecutor;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;

/**
 * Runs one load test: one Netty event-loop group (epoll where available, {@code threads} loops), lanes spread over
 * the loops, a warm-up, the measured window, a progress line every second, then the result.
 */
public final class LoadRunner {
    private LoadRunner() {}

    public static Result run(LoadOptions o, PrintStream out) throws InterruptedException {
        InetSocketAddress server = new InetSocketAddress(o.host(), o.port());
        EventLoopGroup group = Transports.group(o.threads());
        try {
            Stats stats = new Stats();
            List<LoopDriver> drivers = new ArrayList<>();
            int k = 0;
            for (EventExecutor e : group) {
                drivers.add(new LoopDriver((EventLoop) e, stats, o.ids(), o.missRatio(), o.seed() + 7919L * k++,
                        o.rate() / o.threads(), o.timeout().toNanos(), o.tickMicros()));
            }
            List<Lane> lanes = lanes(o, server, drivers);
            for (Lane l : lanes) {
                l.driver.loop.execute(l::start);
            }
            awaitReady(drivers, out);

            long start = System.nanoTime();
            long measureStart = start + o.warmup().toNanos();
            long measureEnd = measureStart + o.duration().toNanos();
            stats.window(measureStart, measureEnd);
            for (LoopDriver d : drivers) {
                d.loop.execute(() -> d.start(start));
            }
            ProcCpu.Sample cpuStart = null;
            ProcCpu.Sample previous = ProcCpu.sample(o.serverPid());
            long nextLine = start + TimeUnit.SECONDS.toNanos(1);
            while (true) {
                long now = System.nanoTime();
                if (cpuStart == null && now >= measureStart) {
                    cpuStart = ProcCpu.sample(o.serverPid());
                }
                if (now >= measureEnd) {
                    break;
                }
                if (now >= nextLine) {
                    ProcCpu.Sample s = ProcCpu.sample(o.serverPid());
                    if (o.progress()) {
                        out.println(progressLine(o, start, now, now < measureStart, stats.interval(),
                                ProcCpu.between(previous, s), inFlight(drivers)));
                    } else {
                        stats.interval();
                    }
                    previous = s;
                    nextLine += TimeUnit.SECONDS.toNanos(1);
                }
                long wake = Math.min(nextLine, cpuStart == null ? measureStart : measureEnd);
                LockSupport.parkNanos(Math.max(0, wake - System.nanoTime()));
                if (Thread.interrupted()) {
                    throw new InterruptedException();
                }
            }
            ProcCpu.Sample cpuEnd = ProcCpu.sample(o.serverPid());
            int backlog = 0;
            for (LoopDriver d : drivers) {
                backlog += call(d, () -> {
                    int b = d.backlog();
                    d.stop();
                    return b;
                });
            }
            long drainUntil = System.nanoTime() + o.timeout().toNanos() + TimeUnit.MILLISECONDS.toNanos(200);
            while (inFlight(drivers) > 0 && System.nanoTime() < drainUntil) {
                Thread.sleep(10);
            }
            for (LoopDriver d : drivers) {
                call(d, () -> {
                    d.cancelTicker();
                    d.lanes.forEach(Lane::close);
                    return 0;
                });
            }
            double seconds = (measureEnd - measureStart) / 1e9;
            return new Result(o, seconds, stats.totals(), ProcCpu.between(cpuStart == null ? cpuEnd : cpuStart, cpuEnd),
                    backlog);
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
        }
    }

    static List<Lane> lanes(LoadOptions o, InetSocketAddress server, List<LoopDriver> drivers) {
        List<Lane> lanes = new ArrayList<>();
        int n = drivers.size();
        switch (o.target()) {
            case UDP -> {
                int sockets = Math.min(o.udpSockets(), o.concurrency());
                for (int s = 0; s < sockets; s++) {
                    int cap = o.concurrency() / sockets + (s < o.concurrency() % sockets ? 1 : 0);
                    lanes.add(new UdpLane(drivers.get(s % n), cap, server, o.fullDecode()));
                }
            }
            case TCP -> {
                for (int c = 0; c < o.concurrency(); c++) {
                    lanes.add(new TcpLane(drivers.get(c % n), o.pipeline(), server, o.fullDecode()));
                }
            }
            case HTTP, REST -> {
                for (int c = 0; c < o.concurrency(); c++) {
                    lanes.add(new HttpLane(drivers.get(c % n), o.pipeline(), server, o.target() == Target.REST,
                            o.fullDecode()));
                }
            }
        }
        for (Lane l : lanes) {
            l.driver.add(l);
        }
        return lanes;
    }

    private static void awaitReady(List<LoopDriver> drivers, PrintStream out) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        int total = drivers.stream().mapToInt(d -> d.lanes.size()).sum();
        while (true) {
            int ready = 0;
            for (LoopDriver d : drivers) {
                ready += call(d, () -> (int) d.lanes.stream().filter(l -> l.ready).count());
            }
            if (ready == total) {
                return;
            }
            if (System.nanoTime() > until) {
                out.printf("warning: only %d of %d connections/sockets are ready after 10 s; starting anyway%n",
                        ready, total);
                return;
            }
            Thread.sleep(10);
        }
    }

    private static int inFlight(List<LoopDriver> drivers) throws InterruptedException {
        int n = 0;
        for (LoopDriver d : drivers) {
            n += call(d, d::inFlight);
        }
        return n;
    }

    private static int call(LoopDriver d, java.util.concurrent.Callable<Integer> task) throws InterruptedException {
        try {
            return d.loop.submit(task).get(5, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("event loop task failed", e.getCause());
        } catch (TimeoutException e) {
            return 0;
        }
    }

    static String progressLine(LoadOptions o, long start, long now, boolean warmup, Stats.Interval iv,
                               ProcCpu.Usage cpu, int inFlight) {
        Histogram h = iv.latency();
        boolean any = h.getTotalCount() > 0;
        return String.format(Locale.ROOT, "[%3ds] %-7s %-4s %,9d/s  p50 %,6d µs  p99 %,7d µs  max %,8d µs  "
                        + "errors %,d  in flight %,d  cpu: gen %.2f srv %.2f other %.2f",
                (now - start) / 1_000_000_000L, warmup ? "warm-up" : "measure", o.target().label(), iv.ok(),
                any ? h.getValueAtPercentile(50) : 0, any ? h.getValueAtPercentile(99) : 0, any ? h.getMaxValue() : 0,
                iv.errors(), inFlight, cpu.generator(), cpu.server(), Math.max(0, cpu.other()));
    }
}
