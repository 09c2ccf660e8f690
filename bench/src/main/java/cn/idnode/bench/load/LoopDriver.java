package cn.idnode.bench.load;

import cn.idnode.bench.data.IdSource;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * Drives the lanes of one event loop. Closed loop: every lane is kept full (a new request as soon as one completes
 * or times out). Open loop: requests are scheduled at a fixed rate (this loop's share of {@code --rate}); each gets
 * its scheduled time as intended start, waits in a backlog when every lane is full, and is sent round-robin to a
 * lane with room — so a slow server shows up as latency, not as fewer requests (no coordinated omission). All state
 * is confined to the event loop thread.
 */
final class LoopDriver {
    static final int MAX_BACKLOG = 1_000_000;

    final EventLoop loop;
    final Stats stats;
    final long timeoutNanos;
    private final IdSource ids;
    private final double missRatio;
    private final SplittableRandom random;
    private final double periodNanos;
    private final long tickMicros;
    final List<Lane> lanes = new ArrayList<>();
    private final ArrayDeque<Req> backlog = new ArrayDeque<>();
    private final List<Lane> dirty = new ArrayList<>();
    private double nextIntended;
    private int roundRobin;
    private boolean started;
    boolean stopping;
    private ScheduledFuture<?> sweeper;
    private ScheduledFuture<?> ticker;

    /** {@code ratePerSecond} 0 = closed loop. */
    LoopDriver(EventLoop loop, Stats stats, IdSource ids, double missRatio, long seed, double ratePerSecond,
               long timeoutNanos, long tickMicros) {
        this.loop = loop;
        this.stats = stats;
        this.ids = ids;
        this.missRatio = missRatio;
        this.random = new SplittableRandom(seed);
        this.periodNanos = ratePerSecond > 0 ? 1e9 / ratePerSecond : 0;
        this.timeoutNanos = timeoutNanos;
        this.tickMicros = tickMicros;
    }

    boolean openLoop() {
        return periodNanos > 0;
    }

    void add(Lane lane) {
        lanes.add(lane);
    }

    /** Starts sending (on the loop). */
    void start(long startNanos) {
        started = true;
        nextIntended = startNanos;
        sweeper = loop.scheduleAtFixedRate(this::sweep, 10, 10, TimeUnit.MILLISECONDS);
        long now = System.nanoTime();
        if (openLoop()) {
            pump(now);
            scheduleTick(now);
        } else {
            for (Lane l : lanes) {
                fill(l, now);
            }
        }
        flushDirty();
    }

    /** Stops sending new requests (on the loop); answers to requests in flight are still taken. */
    void stop() {
        stopping = true;
        backlog.clear();
    }

    void cancelTicker() {
        stopping = true;
        if (sweeper != null) {
            sweeper.cancel(false);
        }
        if (ticker != null) {
            ticker.cancel(false);
        }
    }

    Req newRequest(long intendedNanos) {
        IdSource.Pick p = ids.pick(random, missRatio);
        return new Req(p.handle(), p.miss(), intendedNanos);
    }

    void laneReady(Lane lane) {
        if (started && !stopping) {
            completed(lane);
            flushDirty();
        }
    }

    /** A lane finished or dropped requests: refill it (closed loop) or send what is due (open loop). */
    void completed(Lane lane) {
        if (stopping || !started) {
            return;
        }
        long now = System.nanoTime();
        if (openLoop()) {
            pump(now);
        } else {
            fill(lane, now);
        }
    }

    private void fill(Lane l, long now) {
        while (l.hasRoom()) {
            l.send(newRequest(now), now);
            markDirty(l);
        }
    }

    private void pump(long now) {
        while (nextIntended <= now) {
            if (backlog.size() >= MAX_BACKLOG) {
                stats.error("generator backlog full", now);
            } else {
                backlog.addLast(newRequest((long) nextIntended));
            }
            nextIntended += periodNanos;
        }
        int n = lanes.size();
        while (!backlog.isEmpty()) {
            Lane chosen = null;
            for (int k = 0; k < n; k++) {
                Lane l = lanes.get((roundRobin + k) % n);
                if (l.hasRoom()) {
                    chosen = l;
                    roundRobin = (roundRobin + k + 1) % n;
                    break;
                }
            }
            if (chosen == null) {
                break;
            }
            Req r = backlog.pollFirst();
            chosen.send(r, now);
            stats.sendLag(r.intendedNanos, now);
            markDirty(chosen);
        }
    }

    /**
     * Open loop: wakes up when the next request is due (at most every {@code tickMicros}), so a low rate costs few
     * wake-ups; requests that fall due while answers are being handled are sent from {@link #completed} already.
     */
    private void scheduleTick(long now) {
        if (stopping) {
            return;
        }
        long delay = Math.max(tickMicros * 1000, (long) nextIntended - now);
        ticker = loop.schedule(this::tick, delay, TimeUnit.NANOSECONDS);
    }

    private void tick() {
        long now = System.nanoTime();
        if (!stopping) {
            pump(now);
            flushDirty();
        }
        scheduleTick(now);
    }

    /** Timeouts, and (closed loop) refilling lanes that freed room without an answer. */
    private void sweep() {
        long now = System.nanoTime();
        for (Lane l : lanes) {
            l.expire(now);
        }
        if (!stopping) {
            if (openLoop()) {
                pump(now);
            } else {
                for (Lane l : lanes) {
                    fill(l, now);
                }
            }
        }
        flushDirty();
    }

    void markDirty(Lane l) {
        if (!l.dirty) {
            l.dirty = true;
            dirty.add(l);
        }
    }

    void flushDirty() {
        for (int i = 0; i < dirty.size(); i++) {
            Lane l = dirty.get(i);
            l.dirty = false;
            l.flush();
        }
        dirty.clear();
    }

    void ok(Req r, long now) {
        stats.success(r.intendedNanos, now, r.miss);
    }

    void fail(Req r, String kind, long now) {
        stats.error(kind, now);
    }

    int backlog() {
        return backlog.size();
    }

    int inFlight() {
        int n = 0;
        for (Lane l : lanes) {
            n += l.inFlight();
        }
        return n;
    }
}
