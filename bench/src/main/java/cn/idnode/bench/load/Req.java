package cn.idnode.bench.load;

/** One request in flight: what was asked, when it was meant to start, and how its answer is being collected. */
final class Req {
    final String handle;
    final boolean miss;
    /** Closed loop: the send time; open loop: the scheduled time (latency is measured from here). */
    final long intendedNanos;
    long sentNanos;
    int requestId;
    boolean done;
    /** UDP answers in several datagrams: message bytes per fragment number. */
    byte[][] fragments;
    int fragmentsReceived;

    Req(String handle, boolean miss, long intendedNanos) {
        this.handle = handle;
        this.miss = miss;
        this.intendedNanos = intendedNanos;
    }
}
