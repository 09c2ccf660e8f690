package cn.idnode.bench.load;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;

/** Native epoll where available (Linux), NIO elsewhere. */
final class Transports {
    private Transports() {}

    static boolean epoll() {
        return Epoll.isAvailable();
    }

    static EventLoopGroup group(int threads) {
        IoHandlerFactory f = epoll() ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        return new MultiThreadIoEventLoopGroup(threads, new DefaultThreadFactory("bench-loop", true), f);
    }

    static Class<? extends DatagramChannel> datagram() {
        return epoll() ? EpollDatagramChannel.class : NioDatagramChannel.class;
    }

    static Class<? extends SocketChannel> socket() {
        return epoll() ? EpollSocketChannel.class : NioSocketChannel.class;
    }

    static String name() {
        return epoll() ? "epoll" : "nio";
    }
}
