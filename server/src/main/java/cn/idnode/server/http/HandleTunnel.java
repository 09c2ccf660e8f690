package cn.idnode.server.http;

import cn.idnode.protocol.Envelope;
import cn.idnode.protocol.Limits;
import cn.idnode.protocol.Message;
import cn.idnode.protocol.MessageCodec;
import cn.idnode.protocol.OpCode;
import cn.idnode.protocol.ProtocolException;
import cn.idnode.protocol.WireReader;
import cn.idnode.server.handle.HandleService;
import cn.idnode.server.handle.Outbound;
import cn.idnode.server.handle.Reply;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.function.Supplier;

/**
 * Handle messages tunnelled over HTTP (handle-protocol.md §12.3): {@code POST} with
 * {@code Content-Type: application/x-hdl-message}, body = envelope + message (one stray CR or LF before it is
 * skipped). The answer has an exact Content-Length and is never chunked — the CNRI client reads raw bytes after the
 * header block. Continued answers are sent back to back in one body.
 */
final class HandleTunnel {
    static final String MEDIA_TYPE = "application/x-hdl-message";

    private final Supplier<HandleService> service;

    HandleTunnel(Supplier<HandleService> service) {
        this.service = service;
    }

    void handle(RoutingContext ctx) {
        Buffer body = ctx.body().buffer();
        byte[] bytes = body == null ? new byte[0] : body.getBytes();
        int off = bytes.length > 0 && (bytes[0] == '\r' || bytes[0] == '\n') ? 1 : 0;
        HandleService svc = service.get();
        int serial = svc.node().site().serialNumber();
        if (bytes.length - off < Limits.ENVELOPE_SIZE) {
            RestReply.error(ctx, 400, 4, "the body must be a Handle message (envelope and message)");
            return;
        }
        Envelope env;
        try {
            env = Envelope.decode(bytes, off);
        } catch (ProtocolException e) {
            RestReply.error(ctx, 400, 4, e.getMessage());
            return;
        }
        int len = bytes.length - off - Limits.ENVELOPE_SIZE;
        if (len != env.messageLength()) {
            RestReply.error(ctx, 400, 4, "the body holds " + len + " message bytes, the envelope says "
                    + env.messageLength());
            return;
        }
        Context context = Vertx.currentContext();
        String remote = ctx.request().remoteAddress().hostAddress();
        svc.handleFrame(env, bytes, off + Limits.ENVELOPE_SIZE, len, new HandleService.Transport("http-tunnel", remote),
                Reply.collecting(out -> {
            if (Vertx.currentContext() == context) {
                write(ctx, out);
            } else {
                context.runOnContext(v -> write(ctx, out));
            }
        }));
    }

    private static void write(RoutingContext ctx, List<Outbound> answers) {
        Buffer out = Buffer.buffer();
        for (Outbound o : answers) {
            out.appendBytes(o.framed());
        }
        ctx.response().setStatusCode(200).putHeader("Content-Type", MEDIA_TYPE)
                .putHeader("Content-Length", Integer.toString(out.length())).end(out);
    }

    static boolean isTunnelRequest(RoutingContext ctx) {
        String ct = ctx.request().getHeader("Content-Type");
        return ct != null && ct.toLowerCase(java.util.Locale.ROOT).startsWith(MEDIA_TYPE);
    }

}
