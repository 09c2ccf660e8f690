package cn.idnode.server.handle;

import cn.idnode.node.Node;
import cn.idnode.node.op.Caller;
import cn.idnode.node.op.Operation;
import cn.idnode.node.op.Resolution;
import cn.idnode.node.op.ResolveQuery;
import cn.idnode.node.op.admin.CreateHandle;
import cn.idnode.node.op.admin.ListHandles;
import cn.idnode.node.op.admin.RemoveValues;
import cn.idnode.node.op.admin.ValueChange;
import cn.idnode.protocol.AddValueRequest;
import cn.idnode.protocol.ByteString;
import cn.idnode.protocol.CreateHandleRequest;
import cn.idnode.protocol.CreateHandleResponse;
import cn.idnode.protocol.DeleteHandleRequest;
import cn.idnode.protocol.GenericResponse;
import cn.idnode.protocol.HomePrefixRequest;
import cn.idnode.protocol.ListHandlesRequest;
import cn.idnode.protocol.ListHandlesResponse;
import cn.idnode.protocol.ModifyValueRequest;
import cn.idnode.protocol.OpCode;
import cn.idnode.protocol.OpFlags;
import cn.idnode.protocol.RemoveValueRequest;
import cn.idnode.protocol.ResolutionRequest;
import cn.idnode.protocol.ResolutionResponse;
import cn.idnode.protocol.ResponseCode;
import cn.idnode.protocol.SiteInfoResponse;
import cn.idnode.protocol.UnhomePrefixRequest;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The pure mapping from Handle opcodes to node operations and from their results to answer bodies — the picker of
 * STYLE.md §1. It holds no state; permissions, validation and storage belong to the operations.
 */
final class OpcodeDispatch {
    /** An opcode and the authentication and permission it requires — the security surface of STYLE.md §6. */
    record Rule(OpCode opCode, String access) {}

    /**
     * Every opcode the server answers, with its access (test resource handle/opcodes.txt must agree, and
     * OpcodeAccessTest checks the behaviour: anonymous requests to identity-only opcodes are challenged). Opcodes
     * not listed are answered RC 5.
     */
    static final List<Rule> RULES = List.of(
            new Rule(OpCode.RESOLUTION, "none (restricted values: identity with READ_VALUE on the handle)"),
            new Rule(OpCode.GET_SITE_INFO, "none"),
            new Rule(OpCode.CREATE_HANDLE, "identity: ADD_HANDLE on 0.NA/<prefix> (ADD_DERIVED_PREFIX on the parent "
                    + "for 0.NA/A.B.C); overwrite: the §7.3 rules on the record's HS_ADMIN"),
            new Rule(OpCode.DELETE_HANDLE, "identity: DELETE_HANDLE on the record"),
            new Rule(OpCode.ADD_VALUE, "identity: ADD_VALUE / ADD_ADMIN (modify rules when overwriting)"),
            new Rule(OpCode.REMOVE_VALUE, "identity: REMOVE_VALUE / REMOVE_ADMIN"),
            new Rule(OpCode.MODIFY_VALUE, "identity: MODIFY_VALUE / MODIFY_ADMIN (none for publicly writable values)"),
            new Rule(OpCode.LIST_HANDLES, "identity: LIST_HANDLES on 0.NA/<prefix>"),
            new Rule(OpCode.CHALLENGE_RESPONSE, "the answer itself (one per challenge, rate limited per address)"),
            new Rule(OpCode.VERIFY_CHALLENGE, "none (for other servers; answers are certified when asked)"),
            new Rule(OpCode.HOME_NA, "identity: server admin or home-only admin"),
            new Rule(OpCode.UNHOME_NA, "identity: server admin or home-only admin"),
            new Rule(OpCode.LIST_HOMED_NAS, "identity: server admin or home-only admin"),
            new Rule(OpCode.SESSION_SETUP, "none (the session is anonymous until a challenge inside it succeeds)"),
            new Rule(OpCode.SESSION_TERMINATE, "session MAC"),
            new Rule(OpCode.SESSION_EXCHANGEKEY, "session (mode 2, before its key is set)"),
            new Rule(OpCode.LOGIN_ID_SYSTEM, "none: always challenged; a verified answer binds the identity to this "
                    + "TCP connection's client-chosen session id (IDIS), never to another connection"));

    private final Node node;
    private final HandleService service;
    private final int perMessage;

    OpcodeDispatch(Node node, HandleService service) {
        this.node = node;
        this.service = service;
        this.perMessage = ListHandlesResponse.HANDLES_PER_MESSAGE;
    }

    void dispatch(Exchange x) {
        switch (x.request.opCode().code()) {
            case 1 -> resolve(x);
            case 2 -> x.success(new SiteInfoResponse(node.site().current()));
            case 100 -> write(x, () -> create(x));
            case 101 -> write(x, () -> {
                run(x, node.admin().delete(), ((DeleteHandleRequest) x.request.body()).handle());
                x.success(GenericResponse.INSTANCE);
            });
            case 102 -> write(x, () -> {
                AddValueRequest b = (AddValueRequest) x.request.body();
                boolean overwrote = run(x, node.admin().addValues(), new ValueChange(b.handle(), b.values().decode(),
                        x.request.has(OpFlags.OVERWRITE)));
                x.success(GenericResponse.INSTANCE, overwrote ? OpFlags.OVERWRITE : 0);
            });
            case 103 -> write(x, () -> {
                RemoveValueRequest b = (RemoveValueRequest) x.request.body();
                run(x, node.admin().removeValues(), new RemoveValues(b.handle(), b.indexes()));
                x.success(GenericResponse.INSTANCE);
            });
            case 104 -> write(x, () -> {
                ModifyValueRequest b = (ModifyValueRequest) x.request.body();
                run(x, node.admin().modifyValues(), new ValueChange(b.handle(), b.values().decode(), false));
                x.success(GenericResponse.INSTANCE);
            });
            case 105 -> continued(x, () -> listHandles(x, ((ListHandlesRequest) x.request.body()).handle()));
            case 300 -> write(x, () -> {
                run(x, node.admin().homePrefix(), ((HomePrefixRequest) x.request.body()).handle());
                x.success(GenericResponse.INSTANCE);
            });
            case 301 -> write(x, () -> {
                run(x, node.admin().unhomePrefix(), ((UnhomePrefixRequest) x.request.body()).handle());
                x.success(GenericResponse.INSTANCE);
            });
            case 302 -> continued(x, () -> listHomed(x));
            default -> x.error(ResponseCode.OPERATION_NOT_SUPPORTED,
                    "operation " + x.request.opCode() + " is not supported by this server");
        }
    }

    private <I, O> O run(Exchange x, Operation<I, O> op, I input) {
        return node.runner().run(op, input, x.caller);
    }

    private void write(Exchange x, Runnable work) {
        service.offload(x, work);
    }

    private void continued(Exchange x, Runnable work) {
        if (!x.reply.supportsContinuation()) {
            x.error(ResponseCode.PROTOCOL_ERROR, x.request.opCode().name() + " needs a connection: use TCP or HTTP");
            return;
        }
        service.offload(x, work);
    }

    private void resolve(Exchange x) {
        ResolutionRequest body = (ResolutionRequest) x.request.body();
        boolean withToken = x.request.has(OpFlags.IDIS_IDENTITY_TOKEN) && body.token().map(t -> !t.isEmpty())
                .orElse(false);
        if (withToken && !x.offloaded) {
            service.offload(x, () -> resolve(x)); // verifying the token may need keys from other nodes
            return;
        }
        if (withToken) {
            node.identityTokens().verify(body.token().get(), node.records()::get, x.transport.remoteAddress())
                    .ifPresent(id -> x.caller = new Caller(Optional.of(id), x.transport.remoteAddress(),
                            x.transport.surface()));
        }
        ResolveQuery query = new ResolveQuery(body.handle(), body.requestedIndexes(), body.requestedTypes(),
                x.request.has(OpFlags.PUBLIC_ONLY), x.request.has(OpFlags.DO_NOT_REFER), x.idis || withToken);
        if (!x.offloaded) {
            Optional<Resolution> fast = node.runner().tryWithoutBlocking(node.resolve(), query, x.caller);
            if (fast.isPresent()) {
                x.success(new ResolutionResponse(fast.get().handle(), fast.get().values()));
                return;
            }
        }
        service.offload(x, () -> {
            Resolution r = run(x, node.resolve(), query);
            x.success(new ResolutionResponse(r.handle(), r.values()));
        });
    }

    private void create(Exchange x) {
        CreateHandleRequest b = (CreateHandleRequest) x.request.body();
        boolean mint = x.request.has(OpFlags.MINT_NEW_SUFFIX);
        CreateHandle.Result r = run(x, node.admin().create(), new CreateHandle(b.handle(), b.values().decode(),
                x.request.has(OpFlags.OVERWRITE), mint));
        x.success(new CreateHandleResponse(Optional.of(r.handle())),
                (r.overwritten() ? OpFlags.OVERWRITE : 0) | (mint ? OpFlags.MINT_NEW_SUFFIX : 0));
    }

    /** Pages of 50 handles, each its own message with CN set but the last; waits for each write (back-pressure). */
    private void listHandles(Exchange x, ByteString prefix) {
        Optional<ByteString> after = Optional.empty();
        CompletableFuture<Void> previous = CompletableFuture.completedFuture(null);
        while (true) {
            ListHandles.Page page = run(x, node.admin().listHandles(), new ListHandles(prefix, after, perMessage));
            if (!page.more()) {
                previous.join();
                x.success(new ListHandlesResponse(page.handles()));
                return;
            }
            previous.join();
            previous = x.continued(new ListHandlesResponse(page.handles()));
            after = Optional.of(page.handles().get(page.handles().size() - 1));
        }
    }

    private void listHomed(Exchange x) {
        List<ByteString> all = run(x, node.admin().listHomedPrefixes(), null);
        for (int from = 0; from + perMessage < all.size(); from += perMessage) {
            x.continued(new ListHandlesResponse(all.subList(from, from + perMessage))).join();
        }
        int last = all.isEmpty() ? 0 : ((all.size() - 1) / perMessage) * perMessage;
        x.success(new ListHandlesResponse(all.subList(last, all.size())));
    }
}
