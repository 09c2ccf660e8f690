package cn.idnode.server.handle;

import static org.assertj.core.api.Assertions.assertThat;

import cn.idnode.protocol.AddValueRequest;
import cn.idnode.protocol.ByteString;
import cn.idnode.protocol.CreateHandleRequest;
import cn.idnode.protocol.DeleteHandleRequest;
import cn.idnode.protocol.EncodedValues;
import cn.idnode.protocol.HandleValue;
import cn.idnode.protocol.HomePrefixRequest;
import cn.idnode.protocol.ListHandlesRequest;
import cn.idnode.protocol.ListHomedPrefixesRequest;
import cn.idnode.protocol.Message;
import cn.idnode.protocol.MessageBody;
import cn.idnode.protocol.ModifyValueRequest;
import cn.idnode.protocol.OpCode;
import cn.idnode.protocol.OpaqueBody;
import cn.idnode.protocol.RemoveValueRequest;
import cn.idnode.protocol.ResponseCode;
import cn.idnode.protocol.UnhomePrefixRequest;
import cn.idnode.server.EmbeddedNode;
import cn.idnode.server.TestRecords;
import cn.idnode.server.client.HandleClient;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The opcode table (handle/opcodes.txt) agrees with the code, and the "identity" rows are enforced. */
class OpcodeAccessTest {
    @TempDir
    static Path dir;
    static EmbeddedNode node;

    @BeforeAll
    static void start() {
        node = EmbeddedNode.start(dir);
        TestRecords.put(node, "88.888/existing", HandleValue.text(1, "URL", "x"));
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    @Test
    void tableMatchesTheCode() throws Exception {
        List<String> table = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                OpcodeAccessTest.class.getResourceAsStream("/handle/opcodes.txt"), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    table.add(line.trim().replaceAll("\\s{2,}", "  "));
                }
            }
        }
        List<String> code = OpcodeDispatch.RULES.stream()
                .map(rule -> rule.opCode().code() + "  " + rule.opCode().name() + "  " + rule.access()).toList();
        assertThat(table).containsExactlyElementsOf(code);
    }

    static MessageBody anonymousBody(OpCode op) {
        ByteString h = ByteString.utf8("88.888/existing");
        EncodedValues v = EncodedValues.of(List.of(HandleValue.text(2, "URL", "y")));
        return switch (op.code()) {
            case 100 -> new CreateHandleRequest(ByteString.utf8("88.888/new"), v);
            case 101 -> new DeleteHandleRequest(h);
            case 102 -> new AddValueRequest(h, v);
            case 103 -> new RemoveValueRequest(h, List.of(1));
            case 104 -> new ModifyValueRequest(h, EncodedValues.of(List.of(HandleValue.text(1, "URL", "z"))));
            case 105 -> new ListHandlesRequest(ByteString.utf8("88.888"));
            case 300 -> new HomePrefixRequest(ByteString.utf8("88.888.5"));
            case 301 -> new UnhomePrefixRequest(ByteString.utf8("88.888.5"));
            case 302 -> new ListHomedPrefixesRequest(ByteString.utf8("/"));
            default -> throw new IllegalArgumentException(op.toString());
        };
    }

    @Test
    void identityRowsChallengeAnonymousRequestsAndNothingIsChanged() throws Exception {
        for (OpcodeDispatch.Rule rule : OpcodeDispatch.RULES) {
            if (!rule.access().startsWith("identity")) {
                continue;
            }
            Message answer = HandleClient.tcp(node.tcp(), HandleClient.request(rule.opCode(), 0,
                    anonymousBody(rule.opCode())), Duration.ofSeconds(5));
            assertThat(answer.responseCode()).as(rule.opCode().toString()).isEqualTo(ResponseCode.AUTHENTICATION_NEEDED);
            assertThat(answer.opCode()).isEqualTo(rule.opCode());
        }
        assertThat(node.server().node().records().get(ByteString.utf8("88.888/new"))).isEmpty();
        assertThat(node.server().node().records().get(ByteString.utf8("88.888/existing")).orElseThrow().values()
                .count()).isEqualTo(1);
    }

    @Test
    void unlistedOpcodesAreNotSupported() throws Exception {
        for (int code : new int[] {106, 1000, 1001, 1002, 1003, 7777}) {
            Message answer = HandleClient.tcp(node.tcp(), HandleClient.request(new OpCode(code), 0,
                    new OpaqueBody(ByteString.EMPTY)), Duration.ofSeconds(5));
            assertThat(answer.responseCode()).as("opcode " + code).isEqualTo(ResponseCode.OPERATION_NOT_SUPPORTED);
        }
    }

}
