package cn.idnode.server.cli;

import cn.idnode.crypto.KeyFormatException;
import cn.idnode.protocol.AddValueRequest;
import cn.idnode.protocol.ByteString;
import cn.idnode.protocol.CreateHandleRequest;
import cn.idnode.protocol.CreateHandleResponse;
import cn.idnode.protocol.DeleteHandleRequest;
import cn.idnode.protocol.EncodedValues;
import cn.idnode.protocol.ErrorResponse;
import cn.idnode.protocol.HandleValue;
import cn.idnode.protocol.HomePrefixRequest;
import cn.idnode.protocol.ListHandlesRequest;
import cn.idnode.protocol.Message;
import cn.idnode.protocol.MessageBody;
import cn.idnode.protocol.ModifyValueRequest;
import cn.idnode.protocol.OpCode;
import cn.idnode.protocol.OpFlags;
import cn.idnode.protocol.ProtocolException;
import cn.idnode.protocol.RemoveValueRequest;
import cn.idnode.protocol.UnhomePrefixRequest;
import cn.idnode.protocol.ValuePermissions;
import cn.idnode.server.client.AuthenticatingClient;
import cn.idnode.server.http.JsonInputException;
import cn.idnode.server.http.JsonValues;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Administration from the command line over the Handle protocol (TCP), authenticated by challenge–response — the
 * same requests CNRI's tools send: {@code create}, {@code add}, {@code modify}, {@code remove}, {@code delete},
 * {@code home}, {@code unhome}, {@code list}.
 */
final class AdminCommands {
    private AdminCommands() {}

    /** Shared flow: connect, send, print the outcome; exit code 0 on RC 1. */
    abstract static class Base implements Callable<Integer> {
        @Mixin
        AdminOptions admin;

        abstract OpCode opCode();

        abstract MessageBody body() throws IOException;

        int flags() {
            return 0;
        }

        String describe(Message answer) {
            return "done";
        }

        @Override
        public Integer call() {
            try (AuthenticatingClient client = admin.connect()) {
                Message answer = client.send(opCode(), flags(), body());
                if (answer.responseCode().code() == 1) {
                    System.out.println(describe(answer));
                    return 0;
                }
                String msg = answer.body() instanceof ErrorResponse e ? e.message().utf8() : "";
                System.err.println("idnode " + opCode().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-')
                        + ": " + answer.responseCode() + (msg.isEmpty() ? "" : ": " + msg));
                return 1;
            } catch (JsonInputException | IllegalArgumentException e) {
                System.err.println("idnode: " + e.getMessage());
                return 2;
            } catch (IOException | KeyFormatException | ProtocolException e) {
                System.err.println("idnode: " + e.getMessage());
                return 2;
            }
        }
    }

    /** Values from {@code --value index:type:data} options and/or a JSON file of REST-form values. */
    static final class ValueOptions {
        @Option(names = {"-v", "--value"}, paramLabel = "INDEX:TYPE:DATA",
                description = "A text value, e.g. 1:URL:https://example.cn/p/1 (repeatable).")
        List<String> values = new ArrayList<>();

        @Option(names = "--values", paramLabel = "FILE",
                description = "A JSON array of values in the Handle.Net REST form.")
        Path json;

        @Option(names = "--ttl", description = "TTL in seconds for --value values (default 86400).")
        int ttl = HandleValue.DEFAULT_TTL;

        @Option(names = "--permissions", description = "Permissions for --value values, e.g. 1110 (default) or 1100.")
        String permissions = "1110";

        List<HandleValue> parse() throws IOException {
            List<HandleValue> out = new ArrayList<>();
            int perms = ValuePermissions.parse(permissions);
            for (String v : values) {
                String[] parts = v.split(":", 3);
                if (parts.length != 3) {
                    throw new IllegalArgumentException("--value must look like INDEX:TYPE:DATA, got " + v);
                }
                int index;
                try {
                    index = Integer.parseInt(parts[0].trim());
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("--value index must be a number: " + v);
                }
                out.add(HandleValue.text(index, parts[1], parts[2]).withTtl(HandleValue.TTL_RELATIVE, ttl)
                        .withPermissions(perms));
            }
            if (json != null) {
                JsonNode array = new ObjectMapper().readTree(json.toFile());
                if (!array.isArray()) {
                    throw new JsonInputException(json + ": expected a JSON array of values");
                }
                for (JsonNode n : array) {
                    out.add(JsonValues.fromJson(n, 0));
                }
            }
            if (out.isEmpty()) {
                throw new IllegalArgumentException("give at least one --value or --values FILE");
            }
            return out;
        }
    }

    @Command(name = "create", mixinStandardHelpOptions = true, description = "Create a handle (OC 100).")
    static final class Create extends Base {
        @Parameters(index = "0", paramLabel = "HANDLE", description = "The handle (a stem ending in / with --mint).")
        String handle;

        @Mixin
        ValueOptions values;

        @Option(names = "--overwrite", description = "Replace the record if it exists.")
        boolean overwrite;

        @Option(names = "--mint", description = "Let the node append a fresh suffix to HANDLE.")
        boolean mint;

        @Override
        OpCode opCode() {
            return OpCode.CREATE_HANDLE;
        }

        @Override
        int flags() {
            return (overwrite ? OpFlags.OVERWRITE : 0) | (mint ? OpFlags.MINT_NEW_SUFFIX : 0);
        }

        @Override
        MessageBody body() throws IOException {
            return new CreateHandleRequest(ByteString.utf8(handle), EncodedValues.of(values.parse()));
        }

        @Override
        String describe(Message answer) {
            return "created " + ((CreateHandleResponse) answer.body()).handle().map(ByteString::utf8).orElse(handle);
        }
    }

    @Command(name = "add", mixinStandardHelpOptions = true, description = "Add values to a handle (OC 102).")
    static final class Add extends Base {
        @Parameters(index = "0", paramLabel = "HANDLE")
        String handle;

        @Mixin
        ValueOptions values;

        @Option(names = "--overwrite", description = "Replace values whose index exists.")
        boolean overwrite;

        @Override
        OpCode opCode() {
            return OpCode.ADD_VALUE;
        }

        @Override
        int flags() {
            return overwrite ? OpFlags.OVERWRITE : 0;
        }

        @Override
        MessageBody body() throws IOException {
            return new AddValueRequest(ByteString.utf8(handle), EncodedValues.of(values.parse()));
        }
    }

    @Command(name = "modify", mixinStandardHelpOptions = true, description = "Replace values by index (OC 104).")
    static final class Modify extends Base {
        @Parameters(index = "0", paramLabel = "HANDLE")
        String handle;

        @Mixin
        ValueOptions values;

        @Override
        OpCode opCode() {
            return OpCode.MODIFY_VALUE;
        }

        @Override
        MessageBody body() throws IOException {
            return new ModifyValueRequest(ByteString.utf8(handle), EncodedValues.of(values.parse()));
        }
    }

    @Command(name = "remove", mixinStandardHelpOptions = true, description = "Remove values by index (OC 103).")
    static final class Remove extends Base {
        @Parameters(index = "0", paramLabel = "HANDLE")
        String handle;

        @Option(names = {"-i", "--index"}, required = true, description = "Index to remove (repeatable).")
        List<Integer> indexes;

        @Override
        OpCode opCode() {
            return OpCode.REMOVE_VALUE;
        }

        @Override
        MessageBody body() {
            return new RemoveValueRequest(ByteString.utf8(handle), indexes);
        }
    }

    @Command(name = "delete", mixinStandardHelpOptions = true, description = "Delete a handle (OC 101).")
    static final class Delete extends Base {
        @Parameters(index = "0", paramLabel = "HANDLE")
        String handle;

        @Override
        OpCode opCode() {
            return OpCode.DELETE_HANDLE;
        }

        @Override
        MessageBody body() {
            return new DeleteHandleRequest(ByteString.utf8(handle));
        }
    }

    @Command(name = "home", mixinStandardHelpOptions = true, description = "Home a prefix on the node (OC 300).")
    static final class Home extends Base {
        @Parameters(index = "0", paramLabel = "PREFIX", description = "88.888.1 or 0.NA/88.888.1")
        String prefix;

        @Override
        OpCode opCode() {
            return OpCode.HOME_NA;
        }

        @Override
        MessageBody body() {
            return new HomePrefixRequest(ByteString.utf8(prefix));
        }
    }

    @Command(name = "unhome", mixinStandardHelpOptions = true, description = "Unhome a prefix (OC 301).")
    static final class Unhome extends Base {
        @Parameters(index = "0", paramLabel = "PREFIX")
        String prefix;

        @Override
        OpCode opCode() {
            return OpCode.UNHOME_NA;
        }

        @Override
        MessageBody body() {
            return new UnhomePrefixRequest(ByteString.utf8(prefix));
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the handles under a prefix (OC 105).")
    static final class ListHandles implements Callable<Integer> {
        @Mixin
        AdminOptions admin;

        @Parameters(index = "0", paramLabel = "PREFIX")
        String prefix;

        @Override
        public Integer call() {
            try (AuthenticatingClient client = admin.connect()) {
                List<ByteString> handles = new ArrayList<>();
                Message answer = client.sendCollecting(OpCode.LIST_HANDLES, 0,
                        new ListHandlesRequest(ByteString.utf8(prefix)), handles);
                if (answer.responseCode().code() != 1) {
                    String msg = answer.body() instanceof ErrorResponse e ? e.message().utf8() : "";
                    System.err.println("idnode list: " + answer.responseCode() + (msg.isEmpty() ? "" : ": " + msg));
                    return 1;
                }
                handles.forEach(h -> System.out.println(h.utf8()));
                return 0;
            } catch (IOException | KeyFormatException | ProtocolException e) {
                System.err.println("idnode: " + e.getMessage());
                return 2;
            }
        }
    }
}
