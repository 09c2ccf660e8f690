package cn.idnode.server.handle;

import cn.idnode.protocol.Envelope;
import cn.idnode.protocol.Limits;
import cn.idnode.protocol.ProtocolException;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;
import java.util.function.IntSupplier;

/**
 * Frames Handle messages on a TCP stream (handle-protocol.md §12.2): a 20-byte envelope, then exactly
 * {@code MessageLength} bytes. The length is checked (0..262 144) before anything is buffered; a bad length loses
 * the framing, so it is answered with RC 4 and the connection is closed.
 *
 * <p>IDIS clients split requests of 262 125–262 144 bytes into chunks of at most 262 124 bytes, each behind an
 * envelope with TC set and {@code MessageLength} = the total (idis-extensions.md §3.4); such chunks are joined here.
 */
final class HandleFrameDecoder extends ByteToMessageDecoder {
    /** One complete message: its (first) envelope and the bytes after it. */
    record Frame(Envelope envelope, byte[] message) {}

    private final IntSupplier siteSerial;
    private Envelope chunked;
    private byte[] chunkBuffer;
    private int chunkFilled;
    private boolean failed;

    HandleFrameDecoder(IntSupplier siteSerial) {
        this.siteSerial = siteSerial;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (failed) {
            in.skipBytes(in.readableBytes());
            return;
        }
        while (in.readableBytes() >= Limits.ENVELOPE_SIZE) {
            byte[] head = new byte[Limits.ENVELOPE_SIZE];
            in.getBytes(in.readerIndex(), head);
            Envelope env;
            try {
                env = Envelope.decode(head, 0);
            } catch (ProtocolException e) {
                fail(ctx, in, Frames.badEnvelope(head, 0, e.getMessage(), siteSerial.getAsInt()));
                return;
            }
            if (env.truncated()) {
                if (!chunk(ctx, in, env, out)) {
                    return;
                }
                continue;
            }
            if (chunked != null) {
                fail(ctx, in, Frames.badEnvelope(head, 0, "a chunked message was interrupted", siteSerial.getAsInt()));
                return;
            }
            if (in.readableBytes() < Limits.ENVELOPE_SIZE + env.messageLength()) {
                return;
            }
            in.skipBytes(Limits.ENVELOPE_SIZE);
            byte[] message = new byte[env.messageLength()];
            in.readBytes(message);
            out.add(new Frame(env, message));
        }
    }

    /** Consumes one TC chunk if complete; returns false if more bytes are needed (or the stream failed). */
    private boolean chunk(ChannelHandlerContext ctx, ByteBuf in, Envelope env, List<Object> out) {
        if (chunked == null) {
            chunked = env;
            chunkBuffer = new byte[env.messageLength()];
            chunkFilled = 0;
        } else if (env.requestId() != chunked.requestId() || env.messageLength() != chunked.messageLength()) {
            fail(ctx, in, Frames.badEnvelope(new byte[Limits.ENVELOPE_SIZE], 0,
                    "chunk does not belong to the message in progress", siteSerial.getAsInt()));
            return false;
        }
        int size = Math.min(Limits.IDIS_MAX_TCP_CHUNK, chunkBuffer.length - chunkFilled);
        if (in.readableBytes() < Limits.ENVELOPE_SIZE + size) {
            return false;
        }
        in.skipBytes(Limits.ENVELOPE_SIZE);
        in.readBytes(chunkBuffer, chunkFilled, size);
        chunkFilled += size;
        if (chunkFilled == chunkBuffer.length) {
            out.add(new Frame(chunked.withFragment(0, false), chunkBuffer));
            chunked = null;
            chunkBuffer = null;
        }
        return true;
    }

    private void fail(ChannelHandlerContext ctx, ByteBuf in, Outbound answer) {
        failed = true;
        in.skipBytes(in.readableBytes());
        ctx.writeAndFlush(ctx.alloc().buffer(answer.framedLength()).writeBytes(answer.framed()))
                .addListener(ChannelFutureListener.CLOSE);
    }
}
