package cn.idnode.server.handle;

import cn.idnode.node.Metrics;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Handle over TCP (handle-protocol.md §12.2, idis-extensions.md §3). Connections stay open after every answer and
 * accept pipelined requests; answers are written in request order, each echoing its request id. The pipeline is
 * declared here, in order:
 * <ol>
 *   <li>{@code idle} — closes connections idle for the configured time, quietly;</li>
 *   <li>{@code limits} — refuses connections beyond the per-address limit;</li>
 *   <li>{@code frames} — {@link HandleFrameDecoder}: envelope and length checks, framing;</li>
 *   <li>{@code handle} — {@link TcpHandleHandler}: decoding, dispatch, ordered answers, back-pressure.</li>
 * </ol>
 */
public final class TcpServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(TcpServer.class);

    private final EventLoopGroup boss;
    private final EventLoopGroup workers;
    private final Channel channel;
    private final ConcurrentHashMap<InetAddress, AtomicInteger> perAddress = new ConcurrentHashMap<>();

    public TcpServer(String bind, int port, int threads, Supplier<HandleService> service, Metrics metrics,
                     int idleSeconds, int maxConnectionsPerAddress, int maxPipelined) throws InterruptedException {
        this.boss = NettyTransports.group(1, "idnode-tcp-accept");
        this.workers = NettyTransports.group(threads, "idnode-tcp");
        ServerBootstrap b = new ServerBootstrap().group(boss, workers).channel(NettyTransports.serverChannel())
                .option(ChannelOption.SO_BACKLOG, 4096)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.SO_KEEPALIVE, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ChannelPipeline p = ch.pipeline();
                        p.addLast("idle", new IdleStateHandler(0, 0, idleSeconds, TimeUnit.SECONDS));
                        p.addLast("limits", new ConnectionLimiter(maxConnectionsPerAddress, metrics));
                        p.addLast("frames", new HandleFrameDecoder(() -> service.get().node().site().serialNumber()));
                        p.addLast("handle", new TcpHandleHandler(service, metrics, maxPipelined));
                    }
                });
        this.channel = b.bind(bind, port).sync().channel();
    }

    public int port() {
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    @Override
    public void close() {
        channel.close().awaitUninterruptibly();
        boss.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly();
        workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly();
    }

    /** Counts connections per remote address; closes those over the limit; closes idle connections. */
    private final class ConnectionLimiter extends ChannelInboundHandlerAdapter {
        private final int max;
        private final Metrics metrics;
        private InetAddress address;

        ConnectionLimiter(int max, Metrics metrics) {
            this.max = max;
            this.metrics = metrics;
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) throws Exception {
            address = ((InetSocketAddress) ctx.channel().remoteAddress()).getAddress();
            int n = perAddress.computeIfAbsent(address, a -> new AtomicInteger()).incrementAndGet();
            if (n > max) {
                metrics.rejected("tcp", "connections");
                log.debug("refusing connection from {}: {} connections open", address, n);
                ctx.close();
                return;
            }
            super.channelActive(ctx);
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) throws Exception {
            if (address != null) {
                perAddress.computeIfPresent(address, (a, c) -> c.decrementAndGet() <= 0 ? null : c);
            }
            super.channelInactive(ctx);
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
            if (evt instanceof IdleStateEvent) {
                ctx.close();
                return;
            }
            super.userEventTriggered(ctx, evt);
        }
    }
}
