package cn.idnode.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import cn.idnode.protocol.HandleValue;
import cn.idnode.protocol.Message;
import cn.idnode.protocol.MessageCodec;
import cn.idnode.protocol.ResolutionRequest;
import cn.idnode.protocol.ResolutionResponse;
import cn.idnode.protocol.ResponseCode;
import cn.idnode.protocol.WireWriter;
import cn.idnode.protocol.Limits;
import cn.idnode.server.EmbeddedNode;
import cn.idnode.server.TestRecords;
import cn.idnode.server.client.HandleClient;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The HTTP tunnel at the byte level: exact Content-Length, no chunking, the stray CR, malformed messages. */
class HandleTunnelTest {
    @TempDir
    static Path dir;
    static EmbeddedNode node;

    @BeforeAll
    static void start() {
        node = EmbeddedNode.start(dir);
        TestRecords.put(node, "88.888/t1", HandleValue.text(1, "URL", "https://example.cn/t1"));
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    record Raw(String head, byte[] body) {}

    static Raw post(byte[] body) throws Exception {
        try (Socket s = new Socket("127.0.0.1", node.server().httpPort())) {
            s.setSoTimeout(5000);
            OutputStream out = s.getOutputStream();
            out.write(("POST /88.888/t1 HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-hdl-message\r\n"
                    + "Content-Length: " + body.length + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            byte[] all = s.getInputStream().readAllBytes();
            String text = new String(all, StandardCharsets.ISO_8859_1);
            int split = text.indexOf("\r\n\r\n");
            return new Raw(text.substring(0, split), java.util.Arrays.copyOfRange(all, split + 4, all.length));
        }
    }

    @Test
    void answersWithExactLengthAndNoChunking() throws Exception {
        Message req = HandleClient.resolutionRequest(ResolutionRequest.of("88.888/t1"), true);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write('\r');
        body.write(MessageCodec.encode(req));
        Raw r = post(body.toByteArray());
        assertThat(r.head()).startsWith("HTTP/1.1 200").containsIgnoringCase("content-type: application/x-hdl-message")
                .containsIgnoringCase("content-length: " + r.body().length).doesNotContainIgnoringCase("chunked");
        Message answer = HandleClient.readMessage(new DataInputStream(new java.io.ByteArrayInputStream(r.body())));
        assertThat(answer.requestId()).isEqualTo(req.requestId());
        assertThat(((ResolutionResponse) answer.body()).values().decode().get(0).data().utf8())
                .isEqualTo("https://example.cn/t1");
    }

    @Test
    void malformedMessagesGetRc4InAHandleAnswer() throws Exception {
        Message req = HandleClient.resolutionRequest(ResolutionRequest.of("88.888/t1"), true);
        byte[] frame = MessageCodec.encode(req);
        WireWriter.putInt(frame, Limits.ENVELOPE_SIZE + Limits.HEADER_SIZE, -3);
        Raw r = post(frame);
        Message answer = HandleClient.readMessage(new DataInputStream(new java.io.ByteArrayInputStream(r.body())));
        assertThat(answer.responseCode()).isEqualTo(ResponseCode.PROTOCOL_ERROR);
        assertThat(answer.requestId()).isEqualTo(req.requestId());
        Raw tooShort = post(new byte[7]);
        assertThat(tooShort.head()).startsWith("HTTP/1.1 400");
    }
}
