package cn.idnode.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import cn.idnode.protocol.ByteString;
import cn.idnode.protocol.EncodedValues;
import cn.idnode.protocol.Envelope;
import cn.idnode.protocol.ErrorResponse;
import cn.idnode.protocol.HandleValue;
import cn.idnode.protocol.Header;
import cn.idnode.protocol.Limits;
import cn.idnode.protocol.MessageBody;
import cn.idnode.protocol.MessageCodec;
import cn.idnode.protocol.OpCode;
import cn.idnode.protocol.OpFlags;
import cn.idnode.protocol.ProtocolVersion;
import cn.idnode.protocol.ResolutionResponse;
import cn.idnode.protocol.ResponseCode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Matching answers to requests: by id (UDP), in order (TCP/HTTP), UDP fragments, and answer checking. */
class MatchingTest {
    private static Req req(String handle, boolean miss, long sent) {
        Req r = new Req(handle, miss, sent);
        r.sentNanos = sent;
        return r;
    }

    @Test
    void udpAnswersMatchByIdInAnyOrderAndTimeOutInSendOrder() {
        PendingById p = new PendingById(-1);
        Req a = req("88.888/a", false, 100);
        Req b = req("88.888/b", false, 200);
        Req c = req("88.888/c", false, 300);
        assertThat(p.add(a)).isEqualTo(-1);
        assertThat(p.add(b)).as("0 is skipped").isEqualTo(1);
        p.add(c);
        assertThat(p.size()).isEqualTo(3);

        assertThat(p.complete(c.requestId)).isSameAs(c);
        assertThat(c.done).isTrue();
        assertThat(p.complete(c.requestId)).as("a duplicate answer matches nothing").isNull();
        assertThat(p.complete(12345)).isNull();

        // timeout 150: at t=310 only a (sent at 100) is overdue; c is answered, b (200) is not overdue yet
        assertThat(p.expire(310, 150)).containsExactly(a);
        assertThat(p.complete(a.requestId)).as("a late answer after the timeout").isNull();
        assertThat(p.expire(349, 150)).isEmpty();
        assertThat(p.expire(350, 150)).containsExactly(b);
        assertThat(p.size()).isZero();
        assertThat(p.expire(10_000, 150)).isEmpty();
    }

    @Test
    void udpIdsSkipIdsStillInFlight() {
        PendingById p = new PendingById(Integer.MAX_VALUE);
        Req a = req("x/a", false, 0);
        p.add(a);
        assertThat(a.requestId).isEqualTo(Integer.MAX_VALUE);
        Req b = req("x/b", false, 0);
        p.add(b);
        assertThat(b.requestId).isEqualTo(Integer.MIN_VALUE);
        assertThat(p.drain()).containsExactlyInAnyOrder(a, b);
    }

    @Test
    void pipelinedAnswersMatchInOrderAndByRequestId() {
        InOrderPending p = new InOrderPending();
        Req a = req("x/a", false, 10);
        a.requestId = 7;
        Req b = req("x/b", false, 20);
        b.requestId = 8;
        p.add(a);
        p.add(b);
        assertThat(p.headTimedOut(100, 100)).isFalse();
        assertThat(p.headTimedOut(110, 100)).isTrue();
        InOrderPending.Completion first = p.complete(7);
        assertThat(first.req()).isSameAs(a);
        assertThat(first.match()).isEqualTo(InOrderPending.Match.OK);
        InOrderPending.Completion second = p.complete(99);
        assertThat(second.req()).isSameAs(b);
        assertThat(second.match()).isEqualTo(InOrderPending.Match.WRONG_ID);
        assertThat(p.complete(9).match()).isEqualTo(InOrderPending.Match.UNEXPECTED);
        assertThat(p.completeNext()).isNull();
    }

    static byte[] answer(int requestId, ResponseCode rc, MessageBody body) {
        Header h = new Header(OpCode.RESOLUTION, rc, OpFlags.RECURSIVE, 1, 0, 0, 0);
        byte[] message = MessageCodec.encodeMessage(ProtocolVersion.CURRENT, h, Optional.empty(), body,
                Optional.empty());
        return MessageCodec.frame(new Envelope(ProtocolVersion.CURRENT, ProtocolVersion.CURRENT, 0, 0, requestId, 0,
                0), message);
    }

    static ResolutionResponse resolution(String handle, int values, int size) {
        List<HandleValue> vs = new ArrayList<>();
        for (int i = 1; i <= values; i++) {
            vs.add(HandleValue.text(i, "DESC", "v".repeat(size)));
        }
        return new ResolutionResponse(ByteString.utf8(handle), EncodedValues.of(vs));
    }

    private static String check(Req r, byte[] framed, boolean full) throws Exception {
        Envelope env = Envelope.decode(framed, 0);
        return HandleWire.check(r, env, framed, Limits.ENVELOPE_SIZE, framed.length - Limits.ENVELOPE_SIZE, full);
    }

    @Test
    void answersAreCheckedForCodeAndEcho() throws Exception {
        Req hit = req("88.888/a", false, 0);
        Req miss = req("88.888/MISS-1", true, 0);
        byte[] ok = answer(1, ResponseCode.SUCCESS, resolution("88.888/a", 2, 10));
        byte[] okForMiss = answer(1, ResponseCode.SUCCESS, resolution("88.888/MISS-1", 2, 10));
        byte[] notFound = answer(1, ResponseCode.HANDLE_NOT_FOUND, ErrorResponse.of("no such handle"));
        byte[] busy = answer(1, ResponseCode.SERVER_TOO_BUSY, ErrorResponse.of("busy"));
        for (boolean full : new boolean[] {true, false}) {
            assertThat(check(hit, ok, full)).isNull();
            assertThat(check(miss, notFound, full)).isNull();
            assertThat(check(hit, notFound, full)).isEqualTo("RC 100 HANDLE_NOT_FOUND");
            assertThat(check(miss, okForMiss, full)).isEqualTo("RC 1 SUCCESS (unknown id)");
            assertThat(check(hit, busy, full)).isEqualTo("RC 3 SERVER_TOO_BUSY");
        }
        byte[] otherHandle = answer(1, ResponseCode.SUCCESS, resolution("88.888/b", 2, 10));
        assertThat(check(hit, otherHandle, true)).isEqualTo("bad answer: handle not echoed");
        assertThat(check(hit, otherHandle, false)).as("light check reads the header only").isNull();
    }

    @Test
    void requestsAreResolutionsTheCodecDecodes() throws Exception {
        byte[] frame = HandleWire.frame("88.888/x", 42);
        var m = MessageCodec.decode(frame);
        assertThat(m.requestId()).isEqualTo(42);
        assertThat(m.opCode()).isEqualTo(OpCode.RESOLUTION);
        assertThat(m.isRequest()).isTrue();
        assertThat(m.has(OpFlags.PUBLIC_ONLY)).isTrue();
        assertThat(((cn.idnode.protocol.ResolutionRequest) m.body()).handle().utf8()).isEqualTo("88.888/x");
    }

    @Test
    void multiDatagramAnswersAreReassembledFromFragmentsInAnyOrder() throws Exception {
        byte[] framed = answer(5, ResponseCode.SUCCESS, resolution("88.888/big", 8, 150));
        byte[] message = Arrays.copyOfRange(framed, Limits.ENVELOPE_SIZE, framed.length);
        int total = message.length;
        assertThat(total).isGreaterThan(2 * Limits.UDP_DATA_SIZE);
        Envelope env = Envelope.decode(framed, 0);
        List<byte[]> datagrams = new ArrayList<>();
        for (int k = 0; k * Limits.UDP_DATA_SIZE < total; k++) {
            int from = k * Limits.UDP_DATA_SIZE;
            int len = Math.min(Limits.UDP_DATA_SIZE, total - from);
            byte[] d = new byte[Limits.ENVELOPE_SIZE + len];
            env.withFragment(k, true).encodeTo(d, 0);
            System.arraycopy(message, from, d, Limits.ENVELOPE_SIZE, len);
            datagrams.add(d);
        }
        Req r = req("88.888/big", false, 0);
        byte[] last = datagrams.get(datagrams.size() - 1);
        assertThat(Reassembly.add(r, Envelope.decode(last, 0), last, 20, last.length - 20)).isNull();
        assertThat(Reassembly.add(r, Envelope.decode(last, 0), last, 20, last.length - 20)).as("duplicate").isNull();
        byte[] whole = null;
        for (int k = 0; k < datagrams.size() - 1; k++) {
            byte[] d = datagrams.get(k);
            whole = Reassembly.add(r, Envelope.decode(d, 0), d, 20, d.length - 20);
            assertThat(whole == null).isEqualTo(k < datagrams.size() - 2);
        }
        assertThat(whole).isEqualTo(message);
        assertThat(HandleWire.check(r, env, whole, 0, whole.length, true)).isNull();
    }

    @Test
    void pathEncodingKeepsSlashesAndEscapesTheRest() {
        assertThat(PathEncoding.encode("88.888/CBN-E316-20240101-00000a")).isEqualTo("88.888/CBN-E316-20240101-00000a");
        assertThat(PathEncoding.encode("88.888/a b?c#d%")).isEqualTo("88.888/a%20b%3Fc%23d%25");
        assertThat(PathEncoding.encode("88.888/机")).isEqualTo("88.888/%E6%9C%BA");
    }
}
