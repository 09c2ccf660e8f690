package cn.idnode.server.handle;

import cn.idnode.node.Metrics;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Dispatches framed requests and writes the answers in request order (handle-protocol.md §12.2): requests may
 * finish out of order (some on the I/O thread, some on the business executor), so each gets a sequence number and
 * finished answers wait until all earlier ones are written. At most {@code maxPipelined} requests are in flight per
 * connection; beyond that the connection stops reading until answers drain (back-pressure, bounded memory).
 */
final class TcpHandleHandler extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(TcpHandleHandler.class);

    private final Supplier<HandleService> service;
    private final Metrics metrics;
    private final int maxPipelined;
    private final Map<Long, List<Outbound>> finished = new HashMap<>();
    private long nextSequence;
    private long nextToWrite;
    private boolean reading;
    private boolean needsFlush;
    private String remote;

    TcpHandleHandler(Supplier<HandleService> service, Metrics metrics, int maxPipelined) {
        this.service = service;
        this.metrics = metrics;
        this.maxPipelined = maxPipelined;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        remote = ((InetSocketAddress) ctx.channel().remoteAddress()).getAddress().getHostAddress();
        super.channelActive(ctx);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        HandleFrameDecoder.Frame frame = (HandleFrameDecoder.Frame) msg;
        long seq = nextSequence++;
        if (nextSequence - nextToWrite >= maxPipelined) {
            ctx.channel().config().setAutoRead(false);
        }
        HandleService svc = service.get();
        Frames.Decoded d = Frames.decode(frame.envelope(), frame.message(), 0, frame.message().length,
                svc.node().site().serialNumber());
        if (!d.ok()) {
            metrics.malformed("tcp");
            deliver(ctx, seq, List.of(d.error()));
            return;
        }
        reading = true;
        try {
            svc.handle(d.message(), new HandleService.Transport("tcp", remote), out -> {
                if (ctx.executor().inEventLoop()) {
                    deliver(ctx, seq, out);
                } else {
                    ctx.executor().execute(() -> deliver(ctx, seq, out));
                }
            });
        } finally {
            reading = false;
        }
    }

    private void deliver(ChannelHandlerContext ctx, long seq, List<Outbound> answers) {
        if (!ctx.channel().isActive()) {
            return;
        }
        finished.put(seq, answers);
        List<Outbound> next;
        while ((next = finished.remove(nextToWrite)) != null) {
            for (Outbound o : next) {
                ByteBuf b = ctx.alloc().directBuffer(o.framedLength());
                o.envelope().encodeTo(headerScratch, 0);
                b.writeBytes(headerScratch).writeBytes(o.message());
                ctx.write(b);
            }
            nextToWrite++;
            needsFlush = true;
        }
        if (!reading && needsFlush) {
            needsFlush = false;
            ctx.flush();
        }
        if (!ctx.channel().config().isAutoRead() && nextSequence - nextToWrite < maxPipelined / 2 + 1) {
            ctx.channel().config().setAutoRead(true);
        }
    }

    private final byte[] headerScratch = new byte[cn.idnode.protocol.Limits.ENVELOPE_SIZE];

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (needsFlush) {
            needsFlush = false;
            ctx.flush();
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (!(cause instanceof IOException)) {
            log.warn("closing TCP connection from {} after an error: {}", remote, cause.toString());
        }
        ctx.close();
    }
}
