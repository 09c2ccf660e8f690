package cn.idnode.bench.load;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One persistent TCP connection with up to {@code capacity} requests in flight, answered in order. A timeout or a
 * broken connection fails everything in flight on it and the lane reconnects (the order of answers on a connection
 * cannot be trusted after that).
 */
abstract class ConnLane extends Lane {
    final InetSocketAddress server;
    final InOrderPending pending = new InOrderPending();
    Channel channel;
    private boolean closing;

    ConnLane(LoopDriver driver, int capacity, InetSocketAddress server) {
        super(driver, capacity);
        this.server = server;
    }

    abstract void initPipeline(ChannelPipeline p);

    @Override
    void start() {
        new Bootstrap().group(driver.loop).channel(Transports.socket())
                .option(ChannelOption.TCP_NODELAY, true).option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 5000)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        initPipeline(ch.pipeline());
                    }
                })
                .connect(server).addListener(f -> {
                    if (closing) {
                        ((ChannelFuture) f).channel().close();
                        return;
                    }
                    if (f.isSuccess()) {
                        Channel ch = ((ChannelFuture) f).channel();
                        channel = ch;
                        ready = true;
                        ch.closeFuture().addListener(c -> onClosed(ch));
                        driver.laneReady(this);
                    } else {
                        driver.stats.error("transport: connect: " + f.cause().getMessage(), System.nanoTime());
                        retry();
                    }
                });
    }

    private void retry() {
        if (!closing && !driver.stopping) {
            driver.loop.schedule(this::start, 100, TimeUnit.MILLISECONDS);
        }
    }

    private void onClosed(Channel ch) {
        if (ch != channel) {
            return;
        }
        ready = false;
        channel = null;
        long now = System.nanoTime();
        for (Req r : pending.drain()) {
            driver.fail(r, "transport: connection closed", now);
        }
        if (!closing && !driver.stopping) {
            driver.stats.error("transport: connection closed by server", now);
            retry();
        }
    }

    /** Fails everything in flight with {@code kind} and reconnects. */
    void reset(String kind) {
        long now = System.nanoTime();
        List<Req> failed = pending.drain();
        for (Req r : failed) {
            driver.fail(r, kind, now);
        }
        Channel ch = channel;
        channel = null;
        ready = false;
        if (ch != null) {
            ch.close();
        }
        retry();
    }

    @Override
    int inFlight() {
        return pending.size();
    }

    @Override
    void flush() {
        if (channel != null) {
            channel.flush();
        }
    }

    @Override
    void expire(long now) {
        if (pending.headTimedOut(now, driver.timeoutNanos)) {
            reset("timeout");
        }
    }

    @Override
    void close() {
        closing = true;
        pending.drain();
        if (channel != null) {
            channel.close();
        }
    }
}
