package cn.idnode.server.handle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.idnode.protocol.ByteString;
import cn.idnode.protocol.Envelope;
import cn.idnode.protocol.HandleValue;
import cn.idnode.protocol.Limits;
import cn.idnode.protocol.Message;
import cn.idnode.protocol.MessageCodec;
import cn.idnode.protocol.ProtocolVersion;
import cn.idnode.protocol.ResolutionRequest;
import cn.idnode.protocol.ResolutionResponse;
import cn.idnode.protocol.ResponseCode;
import cn.idnode.protocol.WireWriter;
import cn.idnode.server.EmbeddedNode;
import cn.idnode.server.TestRecords;
import cn.idnode.server.client.HandleClient;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.SocketTimeoutException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The UDP transport: fragments both ways, bad datagrams, datagram size discipline. */
class UdpTransportTest {
    @TempDir
    static Path dir;
    static EmbeddedNode node;

    @BeforeAll
    static void start() {
        node = EmbeddedNode.start(dir);
        List<HandleValue> values = new ArrayList<>();
        for (int i = 1; i <= 40; i++) {
            values.add(HandleValue.text(i, "DESC", "d" + i + "-" + "y".repeat(100)));
        }
        TestRecords.put(node.server().node(), "88.888/many", values);
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    @Test
    void fragmentedRequestIsReassembledAndBigAnswersAreFragmentedInto512ByteDatagrams() throws Exception {
        List<ByteString> types = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            types.add(ByteString.utf8("TYPE_THAT_DOES_NOT_EXIST_" + i));
        }
        types.add(ByteString.utf8("DESC"));
        Message request = HandleClient.resolutionRequest(new ResolutionRequest(ByteString.utf8("88.888/many"),
                List.of(), types, Optional.empty()), true);
        byte[] encoded = MessageCodec.encodeMessage(request.envelope().version(), request.header(), Optional.empty(),
                request.body(), Optional.empty());
        assertThat(encoded.length).isGreaterThan(3 * Limits.UDP_DATA_SIZE);
        Message answer = HandleClient.udp(node.udp(), request, Duration.ofSeconds(5));
        assertThat(answer.responseCode()).isEqualTo(ResponseCode.SUCCESS);
        assertThat(((ResolutionResponse) answer.body()).values().count()).isEqualTo(40);
    }

    @Test
    void everyAnswerDatagramIsAtMost512Bytes() throws Exception {
        Message request = HandleClient.resolutionRequest(ResolutionRequest.of("88.888/many"), true);
        try (DatagramSocket s = new DatagramSocket()) {
            s.setSoTimeout(3000);
            byte[] out = MessageCodec.encode(request);
            s.send(new DatagramPacket(out, out.length, node.udp()));
            int total = -1;
            int received = 0;
            byte[] buf = new byte[65_535];
            while (total < 0 || received < total) {
                DatagramPacket p = new DatagramPacket(buf, buf.length);
                s.receive(p);
                assertThat(p.getLength()).isLessThanOrEqualTo(Limits.UDP_PACKET_SIZE);
                Envelope e = Envelope.decode(p.getData(), 0);
                assertThat(e.requestId()).isEqualTo(request.requestId());
                assertThat(e.truncated()).isTrue();
                total = (e.messageLength() + Limits.UDP_DATA_SIZE - 1) / Limits.UDP_DATA_SIZE;
                received++;
            }
            assertThat(total).isGreaterThan(5);
        }
    }

    @Test
    void badEnvelopeGetsRc4AndShortDatagramsAreDropped() throws Exception {
        try (DatagramSocket s = new DatagramSocket()) {
            s.setSoTimeout(1500);
            byte[] shortOne = new byte[10];
            s.send(new DatagramPacket(shortOne, shortOne.length, node.udp()));
            byte[] env = new Envelope(ProtocolVersion.V2_10, ProtocolVersion.CURRENT, 0, 0, 99, 0, 0).encode();
            WireWriter.putInt(env, 16, -5);
            s.send(new DatagramPacket(env, env.length, node.udp()));
            byte[] buf = new byte[600];
            DatagramPacket p = new DatagramPacket(buf, buf.length);
            s.receive(p);
            Message answer = MessageCodec.decode(java.util.Arrays.copyOf(buf, p.getLength()));
            assertThat(answer.requestId()).isEqualTo(99);
            assertThat(answer.responseCode()).isEqualTo(ResponseCode.PROTOCOL_ERROR);
            assertThatThrownBy(() -> s.receive(new DatagramPacket(buf, buf.length)))
                    .isInstanceOf(SocketTimeoutException.class);
        }
    }

    @Test
    void incompleteFragmentedRequestsGetNoAnswer() throws IOException {
        Message request = HandleClient.resolutionRequest(ResolutionRequest.of("88.888/many"), true);
        byte[] msg = new byte[1500];
        byte[] real = MessageCodec.encodeMessage(request.envelope().version(), request.header(), Optional.empty(),
                request.body(), Optional.empty());
        System.arraycopy(real, 0, msg, 0, real.length);
        try (DatagramSocket s = new DatagramSocket()) {
            s.setSoTimeout(800);
            byte[] p = new byte[Limits.UDP_PACKET_SIZE];
            request.envelope().withMessageLength(msg.length).withFragment(0, true).encodeTo(p, 0);
            System.arraycopy(msg, 0, p, Limits.ENVELOPE_SIZE, Limits.UDP_DATA_SIZE);
            s.send(new DatagramPacket(p, p.length, node.udp()));
            assertThatThrownBy(() -> s.receive(new DatagramPacket(new byte[600], 600)))
                    .isInstanceOf(SocketTimeoutException.class);
        }
    }
}
