package cn.idnode.bench.load;

import cn.idnode.protocol.Envelope;
import cn.idnode.protocol.Limits;
import cn.idnode.protocol.ProtocolException;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Handle over UDP: one connected datagram socket with up to {@code capacity} requests in flight, answers matched by
 * request id; answers in several datagrams are reassembled (by message id and total length, §12.1); requests longer
 * than 492 message bytes are sent in fragments with TC set.
 */
final class UdpLane extends Lane {
    private final InetSocketAddress server;
    private final boolean fullDecode;
    private final PendingById pending = new PendingById(ThreadLocalRandom.current().nextInt(1, 1 << 30));
    private final byte[] envelope = new byte[Limits.ENVELOPE_SIZE];
    private Channel channel;

    UdpLane(LoopDriver driver, int capacity, InetSocketAddress server, boolean fullDecode) {
        super(driver, capacity);
        this.server = server;
        this.fullDecode = fullDecode;
    }

    @Override
    void start() {
        Bootstrap b = new Bootstrap().group(driver.loop).channel(Transports.datagram())
                .option(ChannelOption.SO_RCVBUF, 4 << 20).option(ChannelOption.SO_SNDBUF, 1 << 20)
                .handler(new Handler());
        if (Transports.epoll()) {
            // recvmmsg: up to 16 datagrams per system call (answers are at most 512 bytes each, §12.1)
            b.option(EpollChannelOption.MAX_DATAGRAM_PAYLOAD_SIZE, 2048)
                    .option(ChannelOption.RCVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(16 * 2048));
        }
        b.connect(server).addListener(f -> {
                    if (f.isSuccess()) {
                        channel = ((io.netty.channel.ChannelFuture) f).channel();
                        ready = true;
                        driver.laneReady(this);
                    } else {
                        driver.stats.error("transport: UDP connect " + f.cause(), System.nanoTime());
                    }
                });
    }

    @Override
    int inFlight() {
        return pending.size();
    }

    @Override
    void send(Req r, long now) {
        byte[] msg = HandleWire.resolutionMessage(r.handle);
        r.sentNanos = now;
        int id = pending.add(r);
        int count = Math.max(1, (msg.length + Limits.UDP_DATA_SIZE - 1) / Limits.UDP_DATA_SIZE);
        for (int k = 0; k < count; k++) {
            int from = k * Limits.UDP_DATA_SIZE;
            int len = Math.min(Limits.UDP_DATA_SIZE, msg.length - from);
            HandleWire.envelope(envelope, id, k, msg.length, count > 1);
            ByteBuf b = channel.alloc().directBuffer(Limits.ENVELOPE_SIZE + len);
            b.writeBytes(envelope).writeBytes(msg, from, len);
            channel.write(b, channel.voidPromise());
        }
    }

    @Override
    void flush() {
        channel.flush();
    }

    @Override
    void expire(long now) {
        for (Req r : pending.expire(now, driver.timeoutNanos)) {
            driver.fail(r, "timeout", now);
        }
    }

    @Override
    void close() {
        pending.drain();
        if (channel != null) {
            channel.close();
        }
    }

    private void onDatagram(ByteBuf content) {
        long now = System.nanoTime();
        int n = content.readableBytes();
        if (n < Limits.ENVELOPE_SIZE) {
            driver.stats.error("bad answer: datagram of " + n + " bytes", now);
            return;
        }
        byte[] data = new byte[n];
        content.getBytes(content.readerIndex(), data);
        Envelope env;
        try {
            env = Envelope.decode(data, 0);
        } catch (ProtocolException e) {
            driver.stats.error("bad answer: " + e.getMessage(), now);
            return;
        }
        Req r = pending.get(env.requestId());
        if (r == null) {
            driver.stats.late(now);
            return;
        }
        int payload = n - Limits.ENVELOPE_SIZE;
        String problem;
        if (env.messageId() == 0 && env.messageLength() == payload) {
            pending.complete(env.requestId());
            problem = HandleWire.check(r, env, data, Limits.ENVELOPE_SIZE, payload, fullDecode);
        } else {
            byte[] message = Reassembly.add(r, env, data, Limits.ENVELOPE_SIZE, payload);
            if (message == null) {
                return;
            }
            pending.complete(env.requestId());
            problem = HandleWire.check(r, env.withFragment(0, false), message, 0, message.length, fullDecode);
        }
        if (problem == null) {
            driver.ok(r, now);
        } else {
            driver.fail(r, problem, now);
        }
        driver.completed(this);
    }

    private final class Handler extends SimpleChannelInboundHandler<DatagramPacket> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
            onDatagram(packet.content());
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            driver.flushDirty();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            // ICMP port unreachable and the like: the requests time out and are counted then
            driver.stats.error("transport: " + cause.getClass().getSimpleName(), System.nanoTime());
        }
    }
}
