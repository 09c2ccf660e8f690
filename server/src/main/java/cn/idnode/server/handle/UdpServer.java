package cn.idnode.server.handle;

import cn.idnode.node.Metrics;
import cn.idnode.protocol.Envelope;
import cn.idnode.protocol.Limits;
import cn.idnode.protocol.ProtocolException;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Handle over UDP (handle-protocol.md §12.1). With native epoll, one socket per I/O thread shares the port
 * (SO_REUSEPORT) so datagrams are received in parallel. Answers larger than one packet are split into 512-byte
 * datagrams (20-byte envelope + 492 message bytes, TC set, message id = fragment number); requests may arrive in
 * fragments and are reassembled per sender and request id.
 */
public final class UdpServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(UdpServer.class);

    private final EventLoopGroup group;
    private final List<Channel> channels = new ArrayList<>();
    private final int port;

    public UdpServer(String bind, int port, int threads, Supplier<HandleService> service, Metrics metrics,
                     int reassemblyTimeoutMillis, int reassemblyMaxBytes) throws InterruptedException {
        this.group = NettyTransports.group(threads, "idnode-udp");
        int sockets = NettyTransports.nativeEpoll() ? threads : 1;
        int boundPort = port;
        for (int i = 0; i < sockets; i++) {
            Bootstrap b = new Bootstrap().group(group).channel(NettyTransports.datagramChannel())
                    .option(ChannelOption.SO_RCVBUF, 4 << 20).option(ChannelOption.SO_SNDBUF, 4 << 20)
                    .handler(new ChannelInitializer<DatagramChannel>() {
                        @Override
                        protected void initChannel(DatagramChannel ch) {
                            ch.pipeline().addLast("handle-udp", new Handler(service, metrics,
                                    new UdpReassembler(reassemblyTimeoutMillis, reassemblyMaxBytes / sockets)));
                        }
                    });
            if (NettyTransports.nativeEpoll()) {
                // several datagrams per system call (recvmmsg): each slot of the receive buffer holds one datagram
                b.option(EpollChannelOption.SO_REUSEPORT, true)
                        .option(EpollChannelOption.MAX_DATAGRAM_PAYLOAD_SIZE, Limits.UDP_PACKET_SIZE)
                        .option(ChannelOption.RCVBUF_ALLOCATOR,
                                new FixedRecvByteBufAllocator(Limits.UDP_PACKET_SIZE * 32));
            }
            Channel ch = b.bind(bind, boundPort).sync().channel();
            boundPort = ((InetSocketAddress) ch.localAddress()).getPort();
            channels.add(ch);
        }
        this.port = boundPort;
    }

    public int port() {
        return port;
    }

    @Override
    public void close() {
        for (Channel c : channels) {
            c.close().awaitUninterruptibly();
        }
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly();
    }

    /**
     * Writes an answer as datagrams of at most 512 bytes (not flushed): one datagram if it fits, else fragments of
     * 492 message bytes, each behind an envelope with TC set and the fragment number.
     */
    static void writeDatagrams(ChannelHandlerContext ctx, InetSocketAddress to, Outbound out, byte[] scratch) {
        byte[] msg = out.message();
        if (msg.length <= Limits.UDP_DATA_SIZE) {
            out.envelope().encodeTo(scratch, 0);
            ByteBuf b = ctx.alloc().directBuffer(Limits.ENVELOPE_SIZE + msg.length);
            ctx.write(new DatagramPacket(b.writeBytes(scratch).writeBytes(msg), to));
            return;
        }
        int count = (msg.length + Limits.UDP_DATA_SIZE - 1) / Limits.UDP_DATA_SIZE;
        for (int k = 0; k < count; k++) {
            int from = k * Limits.UDP_DATA_SIZE;
            int len = Math.min(Limits.UDP_DATA_SIZE, msg.length - from);
            out.envelope().withFragment(k, true).encodeTo(scratch, 0);
            ByteBuf b = ctx.alloc().directBuffer(Limits.ENVELOPE_SIZE + len);
            ctx.write(new DatagramPacket(b.writeBytes(scratch).writeBytes(msg, from, len), to));
        }
    }

    private static final class Handler extends SimpleChannelInboundHandler<DatagramPacket> {
        private final Supplier<HandleService> service;
        private final Metrics metrics;
        private final UdpReassembler reassembler;
        private final byte[] scratch = new byte[Limits.ENVELOPE_SIZE];
        private boolean needsFlush;

        Handler(Supplier<HandleService> service, Metrics metrics, UdpReassembler reassembler) {
            this.service = service;
            this.metrics = metrics;
            this.reassembler = reassembler;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
            ByteBuf buf = packet.content();
            int n = buf.readableBytes();
            InetSocketAddress sender = packet.sender();
            if (n < Limits.ENVELOPE_SIZE || n > Limits.UDP_PACKET_SIZE) {
                metrics.malformed("udp");
                return;
            }
            byte[] data = new byte[n];
            buf.getBytes(buf.readerIndex(), data);
            HandleService svc = service.get();
            int serial = svc.node().site().serialNumber();
            Envelope env;
            try {
                env = Envelope.decode(data, 0);
            } catch (ProtocolException e) {
                metrics.malformed("udp");
                send(ctx, sender, List.of(Frames.badEnvelope(data, 0, e.getMessage(), serial)));
                return;
            }
            int payload = n - Limits.ENVELOPE_SIZE;
            byte[] message;
            int off;
            if (!env.truncated() && env.messageId() == 0 && env.messageLength() == payload) {
                message = data;
                off = Limits.ENVELOPE_SIZE;
            } else {
                Optional<UdpReassembler.Complete> done = reassembler.add(sender, env, data, Limits.ENVELOPE_SIZE,
                        payload, System.nanoTime());
                if (done.isEmpty()) {
                    return;
                }
                env = done.get().envelope();
                message = done.get().message();
                off = 0;
                payload = message.length;
            }
            svc.handleFrame(env, message, off, payload,
                    new HandleService.Transport("udp", sender.getAddress().getHostAddress()),
                    new Reply() {
                        @Override
                        public void send(List<Outbound> messages) {
                            Handler.this.send(ctx, sender, messages);
                        }

                        @Override
                        public java.util.concurrent.CompletableFuture<Void> part(List<Outbound> messages) {
                            throw new UnsupportedOperationException("no continued answers over UDP");
                        }

                        @Override
                        public boolean supportsContinuation() {
                            return false;
                        }
                    });
        }

        private void send(ChannelHandlerContext ctx, InetSocketAddress to, List<Outbound> answers) {
            if (!ctx.executor().inEventLoop()) {
                ctx.executor().execute(() -> {
                    send(ctx, to, answers);
                    ctx.flush();
                });
                return;
            }
            for (Outbound o : answers) {
                writeDatagrams(ctx, to, o, scratch);
            }
            needsFlush = true;
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            if (needsFlush) {
                needsFlush = false;
                ctx.flush();
            }
            reassembler.expire(System.nanoTime());
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            log.warn("UDP handler error: {}", cause.toString());
        }
    }
}
