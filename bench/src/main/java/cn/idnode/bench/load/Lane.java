package cn.idnode.bench.load;

/**
 * A unit of sending capacity on one event loop: a UDP socket with a share of the requests in flight, or one TCP or
 * HTTP connection with its pipeline depth. All methods run on the driver's event loop.
 */
abstract class Lane {
    final LoopDriver driver;
    final int capacity;
    boolean ready;
    boolean dirty;

    Lane(LoopDriver driver, int capacity) {
        this.driver = driver;
        this.capacity = capacity;
    }

    /** Connects (asynchronously); calls {@link LoopDriver#laneReady} when requests can be sent. */
    abstract void start();

    abstract int inFlight();

    boolean hasRoom() {
        return ready && inFlight() < capacity;
    }

    /** Writes the request (no flush: the driver flushes dirty lanes at the end of the event it is handling). */
    abstract void send(Req r, long now);

    abstract void flush();

    /** Fails the requests that waited longer than the timeout. */
    abstract void expire(long now);

    /** Closes the connection; requests still in flight are dropped without being counted. */
    abstract void close();
}
