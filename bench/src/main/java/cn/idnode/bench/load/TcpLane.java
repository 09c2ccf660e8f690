package cn.idnode.bench.load;

import cn.idnode.protocol.Envelope;
import cn.idnode.protocol.Limits;
import cn.idnode.protocol.ProtocolException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Handle over TCP (handle-protocol.md §12.2): a persistent connection with up to {@code pipeline} requests written
 * ahead; answers must come back in request order with the request id echoed — both are checked.
 */
final class TcpLane extends ConnLane {
    private final boolean fullDecode;
    private int nextId = ThreadLocalRandom.current().nextInt(1, 1 << 30);

    TcpLane(LoopDriver driver, int pipeline, InetSocketAddress server, boolean fullDecode) {
        super(driver, pipeline, server);
        this.fullDecode = fullDecode;
    }

    @Override
    void initPipeline(ChannelPipeline p) {
        p.addLast(new LengthFieldBasedFrameDecoder(Limits.ENVELOPE_SIZE + Limits.MAX_MESSAGE_LENGTH, 16, 4, 0, 0));
        p.addLast(new Handler());
    }

    @Override
    void send(Req r, long now) {
        int id = nextId++;
        if (id == 0) {
            id = nextId++;
        }
        r.requestId = id;
        r.sentNanos = now;
        pending.add(r);
        channel.write(Unpooled.wrappedBuffer(HandleWire.frame(r.handle, id)), channel.voidPromise());
    }

    private void onFrame(ByteBuf frame) {
        long now = System.nanoTime();
        byte[] data = new byte[frame.readableBytes()];
        frame.getBytes(frame.readerIndex(), data);
        Envelope env;
        try {
            env = Envelope.decode(data, 0);
        } catch (ProtocolException e) {
            reset("bad answer: " + e.getMessage());
            return;
        }
        InOrderPending.Completion c = pending.complete(env.requestId());
        switch (c.match()) {
            case UNEXPECTED -> driver.stats.error("answer without a request", now);
            case WRONG_ID -> driver.fail(c.req(), "answer out of order (request id " + env.requestId() + ")", now);
            case OK -> {
                String problem = HandleWire.check(c.req(), env, data, Limits.ENVELOPE_SIZE,
                        data.length - Limits.ENVELOPE_SIZE, fullDecode);
                if (problem == null) {
                    driver.ok(c.req(), now);
                } else {
                    driver.fail(c.req(), problem, now);
                }
            }
        }
        driver.completed(this);
    }

    private final class Handler extends SimpleChannelInboundHandler<ByteBuf> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, ByteBuf frame) {
            onFrame(frame);
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            driver.flushDirty();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            driver.stats.error("transport: " + (cause instanceof IOException ? cause.getMessage()
                    : cause.getClass().getSimpleName()), System.nanoTime());
            ctx.close();
        }
    }
}
