package cn.idnode.server.handle;

import static org.assertj.core.api.Assertions.assertThat;

import cn.idnode.protocol.Envelope;
import cn.idnode.protocol.Limits;
import cn.idnode.protocol.ProtocolVersion;
import java.net.InetSocketAddress;
import java.util.Random;
import org.junit.jupiter.api.Test;

class UdpReassemblerTest {
    static final InetSocketAddress A = new InetSocketAddress("192.0.2.1", 5000);
    static final InetSocketAddress B = new InetSocketAddress("192.0.2.2", 5000);

    static Envelope env(int requestId, int total, int k) {
        return new Envelope(ProtocolVersion.CURRENT, ProtocolVersion.CURRENT, Envelope.TRUNCATED, 0, requestId, k,
                total);
    }

    @Test
    void fragmentsInAnyOrderMakeTheMessage() {
        byte[] msg = new byte[1200];
        new Random(1).nextBytes(msg);
        UdpReassembler r = new UdpReassembler(5000, 1 << 20);
        assertThat(r.add(A, env(7, 1200, 2), msg, 984, 216, 0)).isEmpty();
        assertThat(r.add(B, env(7, 1200, 0), msg, 0, 492, 0)).isEmpty();
        assertThat(r.add(A, env(7, 1200, 0), msg, 0, 492, 0)).isEmpty();
        assertThat(r.add(A, env(7, 1200, 0), msg, 0, 492, 0)).isEmpty();
        var done = r.add(A, env(7, 1200, 1), msg, 492, 492, 0);
        assertThat(done).isPresent();
        assertThat(done.get().message()).isEqualTo(msg);
        assertThat(done.get().envelope().messageId()).isZero();
        assertThat(done.get().envelope().truncated()).isFalse();
        assertThat(r.pendingMessages()).isEqualTo(1);
    }

    @Test
    void wrongSizesAndOutOfRangeIdsAreIgnored() {
        UdpReassembler r = new UdpReassembler(5000, 1 << 20);
        byte[] b = new byte[Limits.UDP_DATA_SIZE];
        assertThat(r.add(A, env(1, 1000, 5), b, 0, 492, 0)).isEmpty();
        assertThat(r.add(A, env(1, 1000, 0), b, 0, 100, 0)).isEmpty();
        assertThat(r.add(A, env(1, 0, 0), b, 0, 0, 0)).isEmpty();
        assertThat(r.pendingMessages()).isZero();
    }

    @Test
    void memoryIsBoundedByReceivedBytesAndOldPartialsExpire() {
        UdpReassembler r = new UdpReassembler(5000, 10 * Limits.UDP_DATA_SIZE);
        byte[] b = new byte[Limits.UDP_DATA_SIZE];
        for (int i = 0; i < 100; i++) {
            r.add(A, env(i, Limits.MAX_MESSAGE_LENGTH, 0), b, 0, 492, 0);
        }
        assertThat(r.pendingBytes()).isLessThanOrEqualTo(10 * Limits.UDP_DATA_SIZE);
        assertThat(r.pendingMessages()).isLessThanOrEqualTo(10);
        r.expire(6_000_000_000L);
        assertThat(r.pendingMessages()).isZero();
        assertThat(r.pendingBytes()).isZero();
    }
}
