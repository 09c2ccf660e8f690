package cn.idnode.bench.load;

import cn.idnode.protocol.Envelope;
import cn.idnode.protocol.Limits;
import cn.idnode.protocol.ProtocolException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufInputStream;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One HTTP/1.1 keep-alive connection (Netty's HTTP client codec), for the Handle tunnel ({@code POST /<handle>},
 * {@code application/x-hdl-message}, handle-protocol.md §12.3) or the REST API ({@code GET /api/handles/<handle>},
 * §20.2). Answers come back in request order; with a pipeline depth above 1 requests are HTTP-pipelined.
 */
final class HttpLane extends ConnLane {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String HDL = "application/x-hdl-message";

    private final boolean rest;
    private final boolean fullDecode;
    private final String hostHeader;
    private int nextId = ThreadLocalRandom.current().nextInt(1, 1 << 30);

    HttpLane(LoopDriver driver, int pipeline, InetSocketAddress server, boolean rest, boolean fullDecode) {
        super(driver, pipeline, server);
        this.rest = rest;
        this.fullDecode = fullDecode;
        this.hostHeader = server.getHostString() + ":" + server.getPort();
    }

    @Override
    void initPipeline(ChannelPipeline p) {
        p.addLast(new HttpClientCodec());
        p.addLast(new HttpObjectAggregator(1 << 20));
        p.addLast(new Handler());
    }

    @Override
    void send(Req r, long now) {
        r.sentNanos = now;
        FullHttpRequest req;
        if (rest) {
            req = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET,
                    "/api/handles/" + PathEncoding.encode(r.handle), Unpooled.EMPTY_BUFFER);
            req.headers().set(HttpHeaderNames.ACCEPT, "application/json");
        } else {
            int id = nextId++;
            if (id == 0) {
                id = nextId++;
            }
            r.requestId = id;
            byte[] body = HandleWire.frame(r.handle, id);
            req = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, "/" + PathEncoding.encode(r.handle),
                    Unpooled.wrappedBuffer(body));
            req.headers().set(HttpHeaderNames.CONTENT_TYPE, HDL).set(HttpHeaderNames.ACCEPT, HDL)
                    .setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
        }
        req.headers().set(HttpHeaderNames.HOST, hostHeader);
        pending.add(r);
        channel.write(req, channel.voidPromise());
    }

    private void onResponse(FullHttpResponse resp) {
        long now = System.nanoTime();
        Req r = pending.completeNext();
        if (r == null) {
            driver.stats.error("answer without a request", now);
            return;
        }
        String problem = rest ? checkRest(r, resp) : checkTunnel(r, resp);
        if (problem == null) {
            driver.ok(r, now);
        } else {
            driver.fail(r, problem, now);
        }
        if (!HttpUtil.isKeepAlive(resp)) {
            driver.stats.error("server closed the HTTP connection (Connection: close)", now);
            reset("transport: connection closed");
        }
        driver.completed(this);
    }

    private String checkTunnel(Req r, FullHttpResponse resp) {
        int status = resp.status().code();
        if (status != 200) {
            return "HTTP " + status;
        }
        HttpHeaders h = resp.headers();
        if (h.contains(HttpHeaderNames.TRANSFER_ENCODING)) {
            return "bad answer: chunked tunnel answer";
        }
        ByteBuf content = resp.content();
        byte[] data = new byte[content.readableBytes()];
        content.getBytes(content.readerIndex(), data);
        if (data.length < Limits.ENVELOPE_SIZE) {
            return "bad answer: tunnel body of " + data.length + " bytes";
        }
        Envelope env;
        try {
            env = Envelope.decode(data, 0);
        } catch (ProtocolException e) {
            return "bad answer: " + e.getMessage();
        }
        if (env.requestId() != r.requestId) {
            return "answer out of order (request id " + env.requestId() + ")";
        }
        if (env.messageLength() != data.length - Limits.ENVELOPE_SIZE) {
            return "bad answer: tunnel body is not one message";
        }
        return HandleWire.check(r, env, data, Limits.ENVELOPE_SIZE, data.length - Limits.ENVELOPE_SIZE, fullDecode);
    }

    private String checkRest(Req r, FullHttpResponse resp) {
        int status = resp.status().code();
        if (status == 404 && r.miss) {
            return fullDecode ? checkJson(r, resp, 100) : null;
        }
        if (status == 200 && !r.miss) {
            return fullDecode ? checkJson(r, resp, 1) : null;
        }
        return "HTTP " + status + (r.miss ? " (unknown id)" : "");
    }

    private static String checkJson(Req r, FullHttpResponse resp, int expectedCode) {
        JsonNode body;
        try {
            body = JSON.readTree((java.io.InputStream) new ByteBufInputStream(resp.content().duplicate()));
        } catch (IOException e) {
            return "bad answer: JSON: " + e.getMessage();
        }
        if (body == null || body.path("responseCode").asInt(-1) != expectedCode) {
            return "bad answer: responseCode " + (body == null ? "missing" : body.path("responseCode").asText());
        }
        if (!r.handle.equals(body.path("handle").asText())) {
            return "bad answer: handle not echoed";
        }
        if (expectedCode == 1 && body.path("values").size() == 0) {
            return "bad answer: no values";
        }
        return null;
    }

    private final class Handler extends SimpleChannelInboundHandler<FullHttpResponse> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpResponse resp) {
            onResponse(resp);
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
