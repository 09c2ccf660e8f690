package cn.idnode.server.cli;

import cn.idnode.protocol.ByteString;
import cn.idnode.protocol.ErrorResponse;
import cn.idnode.protocol.HandleValue;
import cn.idnode.protocol.Message;
import cn.idnode.protocol.ReferralResponse;
import cn.idnode.protocol.ResolutionRequest;
import cn.idnode.protocol.ResolutionResponse;
import cn.idnode.protocol.ValuePermissions;
import cn.idnode.server.client.HandleClient;
import cn.idnode.server.http.JsonValues;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code idnode resolve}: resolves an identifier at a node over UDP, TCP, the HTTP tunnel or REST. */
@Command(name = "resolve", mixinStandardHelpOptions = true,
        description = "Resolve an identifier at a node over Handle UDP, TCP, the HTTP tunnel, or the REST API.")
final class ResolveCommand implements Callable<Integer> {
    enum Via { UDP, TCP, HTTP, REST }

    @Parameters(index = "0", paramLabel = "HANDLE", description = "The identifier, e.g. 88.888/demo-1.")
    String handle;

    @Option(names = {"-s", "--server"}, description = "Node address (default 127.0.0.1).")
    String server = "127.0.0.1";

    @Option(names = {"-p", "--port"}, description = "Port (default 2641 for UDP/TCP, 8000 for HTTP/REST).")
    Integer port;

    @Option(names = "--via", description = "UDP (default), TCP, HTTP (Handle tunnel) or REST.")
    Via via = Via.UDP;

    @Option(names = {"-t", "--type"}, description = "Only values of this type (repeatable; a trailing '.' includes sub-types).")
    List<String> types = new ArrayList<>();

    @Option(names = {"-i", "--index"}, description = "Only the value at this index (repeatable).")
    List<Integer> indexes = new ArrayList<>();

    @Option(names = "--json", description = "Print the values as Handle.Net REST JSON.")
    boolean json;

    @Option(names = "--timeout", description = "Seconds to wait (default 5).")
    int timeoutSeconds = 5;

    @Override
    public Integer call() throws Exception {
        try {
            return resolve();
        } catch (java.io.IOException e) {
            String what = e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
            System.err.println("idnode resolve: cannot reach " + server + " over " + via + ": " + what);
            return 2;
        } catch (cn.idnode.protocol.ProtocolException e) {
            System.err.println("idnode resolve: malformed answer from " + server + ": " + e.getMessage());
            return 2;
        }
    }

    private int resolve() throws Exception {
        Duration timeout = Duration.ofSeconds(timeoutSeconds);
        if (via == Via.REST) {
            return rest(timeout);
        }
        int p = port != null ? port : via == Via.HTTP ? 8000 : 2641;
        InetSocketAddress addr = new InetSocketAddress(server, p);
        ResolutionRequest body = new ResolutionRequest(ByteString.utf8(handle), indexes,
                types.stream().map(ByteString::utf8).toList(), Optional.empty());
        Message request = HandleClient.resolutionRequest(body, true);
        Message answer = switch (via) {
            case UDP -> HandleClient.udp(addr, request, timeout);
            case TCP -> HandleClient.tcp(addr, request, timeout);
            default -> HandleClient.http(addr, "/" + handle, request, timeout);
        };
        if (answer.body() instanceof ResolutionResponse r) {
            print(r.values().decode());
            return 0;
        }
        String message = answer.body() instanceof ErrorResponse e ? e.message().utf8() : "";
        if (answer.body() instanceof ReferralResponse ref) {
            message = "referred elsewhere";
            ref.values().ifPresent(v -> print(v.decode()));
        }
        System.err.println(handle + ": " + answer.responseCode() + (message.isEmpty() ? "" : ": " + message));
        return 1;
    }

    private int rest(Duration timeout) throws Exception {
        int p = port != null ? port : 8000;
        StringBuilder q = new StringBuilder();
        types.forEach(t -> q.append(q.length() == 0 ? "?" : "&").append("type=").append(enc(t)));
        indexes.forEach(i -> q.append(q.length() == 0 ? "?" : "&").append("index=").append(i));
        String path = "/api/handles/" + enc(handle).replace("%2F", "/") + q;
        HttpClient client = HttpClient.newBuilder().connectTimeout(timeout).build();
        HttpResponse<String> res = client.send(HttpRequest.newBuilder(URI.create("http://" + server + ":" + p + path))
                .timeout(timeout).GET().build(), HttpResponse.BodyHandlers.ofString());
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode body = (ObjectNode) mapper.readTree(res.body());
        if (json) {
            System.out.println(mapper.writeValueAsString(body));
        } else if (body.path("responseCode").asInt() == 1) {
            for (var v : body.path("values")) {
                System.out.printf("%6d  %-12s %s%n", v.path("index").asInt(), v.path("type").asText(),
                        v.path("data").path("value").isValueNode() ? v.path("data").path("value").asText()
                                : v.path("data").path("value").toString());
            }
        } else {
            System.err.println(handle + ": HTTP " + res.statusCode() + ", responseCode "
                    + body.path("responseCode").asInt() + " " + body.path("message").asText(""));
        }
        return body.path("responseCode").asInt() == 1 ? 0 : 1;
    }

    private void print(List<HandleValue> values) {
        if (json) {
            ArrayNode a = new ObjectMapper().createArrayNode();
            values.forEach(v -> a.add(JsonValues.toJson(v)));
            try {
                System.out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(a));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            return;
        }
        for (HandleValue v : values) {
            String data = JsonValues.toJson(v).path("data").path("value").isValueNode()
                    ? JsonValues.toJson(v).path("data").path("value").asText()
                    : JsonValues.toJson(v).path("data").path("value").toString();
            System.out.printf("%6d  %-12s %s  (ttl %d, %s)%n", v.index(), v.typeName(), data, v.ttl(),
                    ValuePermissions.toText(v.permissions()));
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
