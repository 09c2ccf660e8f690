package cn.idnode.server.handle;

import cn.idnode.node.Metrics;
import cn.idnode.protocol.Limits;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Dispatches framed requests and writes the answers in request order (handle-protocol.md §12.2): requests may
 * finish out of order (some on the I/O thread, some on the business executor), so each gets a sequence number and
 * finished answers wait until all earlier ones are written. A continued answer (LIST_HANDLES) streams its parts as
 * soon as it is at the head of the queue; each part's future completes when it has been written, which paces the
 * producer. At most {@code maxPipelined} requests are in flight per connection; beyond that the connection stops
 * reading until answers drain (back-pressure, bounded memory). All state is confined to the channel's event loop.
 */
final class TcpHandleHandler extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(TcpHandleHandler.class);

    /** Answers of one request not yet written. */
    private static final class Pending {
        final List<Outbound> messages = new ArrayList<>();
        final List<CompletableFuture<Void>> written = new ArrayList<>();
        boolean complete;
    }

    private final Supplier<HandleService> service;
    private final Metrics metrics;
    private final int maxPipelined;
    private final Map<Long, Pending> pending = new HashMap<>();
    private final byte[] envelopeScratch = new byte[Limits.ENVELOPE_SIZE];
    private long nextSequence;
    private long nextToWrite;
    private boolean reading;
    private boolean needsFlush;
    private String remote;
    private HandleService.Transport transport;
    private ChannelHandlerContext ctx;

    TcpHandleHandler(Supplier<HandleService> service, Metrics metrics, int maxPipelined) {
        this.service = service;
        this.metrics = metrics;
        this.maxPipelined = maxPipelined;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        this.ctx = ctx;
        remote = ((InetSocketAddress) ctx.channel().remoteAddress()).getAddress().getHostAddress();
        transport = new HandleService.Transport("tcp", remote, java.util.Optional.of(new ConnectionState()));
        super.channelActive(ctx);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        HandleFrameDecoder.Frame frame = (HandleFrameDecoder.Frame) msg;
        long seq = nextSequence++;
        if (nextSequence - nextToWrite >= maxPipelined) {
            ctx.channel().config().setAutoRead(false);
        }
        reading = true;
        try {
            service.get().handleFrame(frame.envelope(), frame.message(), 0, frame.message().length,
                    transport, new SequencedReply(seq));
        } finally {
            reading = false;
        }
    }

    /** Answers for one request; safe to call from any thread. */
    private final class SequencedReply implements Reply {
        private final long seq;

        SequencedReply(long seq) {
            this.seq = seq;
        }

        @Override
        public void send(List<Outbound> messages) {
            onLoop(() -> deliver(seq, messages, true, null));
        }

        @Override
        public CompletableFuture<Void> part(List<Outbound> messages) {
            CompletableFuture<Void> written = new CompletableFuture<>();
            onLoop(() -> deliver(seq, messages, false, written));
            return written;
        }

        @Override
        public boolean supportsContinuation() {
            return true;
        }
    }

    private void onLoop(Runnable r) {
        if (ctx.executor().inEventLoop()) {
            r.run();
        } else {
            ctx.executor().execute(r);
        }
    }

    private void deliver(long seq, List<Outbound> messages, boolean complete, CompletableFuture<Void> written) {
        if (!ctx.channel().isActive()) {
            if (written != null) {
                written.completeExceptionally(new IOException("connection closed"));
            }
            return;
        }
        Pending p = pending.computeIfAbsent(seq, s -> new Pending());
        p.messages.addAll(messages);
        p.complete |= complete;
        if (written != null) {
            p.written.add(written);
        }
        drain();
        if (!reading && needsFlush) {
            needsFlush = false;
            ctx.flush();
        }
        if (!ctx.channel().config().isAutoRead() && nextSequence - nextToWrite < maxPipelined / 2 + 1) {
            ctx.channel().config().setAutoRead(true);
        }
    }

    /** Writes everything that is at the head of the order. */
    private void drain() {
        Pending head;
        while ((head = pending.get(nextToWrite)) != null) {
            ChannelFuture last = null;
            for (Outbound o : head.messages) {
                ByteBuf b = ctx.alloc().directBuffer(o.framedLength());
                o.envelope().encodeTo(envelopeScratch, 0);
                b.writeBytes(envelopeScratch).writeBytes(o.message());
                last = ctx.write(b);
                needsFlush = true;
            }
            head.messages.clear();
            for (CompletableFuture<Void> w : head.written) {
                if (last == null) {
                    w.complete(null);
                } else {
                    last.addListener(f -> {
                        if (f.isSuccess()) {
                            w.complete(null);
                        } else {
                            w.completeExceptionally(f.cause());
                        }
                    });
                }
            }
            head.written.clear();
            if (!head.complete) {
                return;
            }
            pending.remove(nextToWrite);
            nextToWrite++;
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (needsFlush) {
            needsFlush = false;
            ctx.flush();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        for (Pending p : pending.values()) {
            p.written.forEach(w -> w.completeExceptionally(new IOException("connection closed")));
        }
        pending.clear();
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (!(cause instanceof IOException)) {
            log.warn("closing TCP connection from {} after an error: {}", remote, cause.toString());
        }
        ctx.close();
    }
}
