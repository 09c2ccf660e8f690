package cn.idnode.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.idnode.node.audit.AuditEntry;
import cn.idnode.node.error.AuthenticationRequiredException;
import cn.idnode.node.error.HandleException;
import cn.idnode.node.op.Caller;
import cn.idnode.node.op.admin.CreateHandle;
import cn.idnode.node.op.admin.ListHandles;
import cn.idnode.node.op.admin.RemoveValues;
import cn.idnode.node.op.admin.ValueChange;
import cn.idnode.protocol.AdminPermissions;
import cn.idnode.protocol.AdminValue;
import cn.idnode.protocol.ByteString;
import cn.idnode.protocol.HandleValue;
import cn.idnode.protocol.ResponseCode;
import cn.idnode.protocol.ValueList;
import cn.idnode.protocol.ValuePermissions;
import cn.idnode.protocol.ValueReference;
import cn.idnode.store.Cursor;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The permission model of handle-protocol.md §7 and §10, operation by operation, on a real store. */
class AdminOperationsTest {
    @TempDir
    Path dir;
    NodeFixture f;

    static final ValueReference NODE_ADMIN = ValueReference.of(300, "0.NA/88.888");
    static final ValueReference CREATOR = ValueReference.of(300, "88.888/creator");
    static final ValueReference OWNER = ValueReference.of(300, "88.888/owner");
    static final ValueReference MEMBER = ValueReference.of(300, "88.888/member");
    static final ValueReference STRANGER = ValueReference.of(300, "88.888/stranger");

    @BeforeEach
    void open() {
        f = new NodeFixture(dir);
        // the prefix handle lets CREATOR create handles (and nothing else) and lets the group 200:88.888/group list
        List<HandleValue> prefixValues = new ArrayList<>(f.node.records().get(ByteString.utf8("0.NA/88.888"))
                .orElseThrow().values().decode());
        prefixValues.add(admin(101, AdminPermissions.ADD_HANDLE, CREATOR));
        prefixValues.add(admin(102, AdminPermissions.LIST_HANDLES, ValueReference.of(200, "88.888/group")));
        f.put("0.NA/88.888", prefixValues.toArray(HandleValue[]::new));
        f.put("88.888/group", HandleValue.of(200, "HS_VLIST", new ValueList(List.of(MEMBER,
                ValueReference.of(200, "88.888/group"))).encode()));
    }

    @AfterEach
    void close() {
        f.close();
    }

    static HandleValue admin(int index, int perms, ValueReference who) {
        return HandleValue.of(index, "HS_ADMIN", AdminValue.of(perms, who).encode());
    }

    static Caller as(ValueReference who) {
        return new Caller(Optional.of(who), "192.0.2.9", "test");
    }

    <I, O> O run(cn.idnode.node.op.Operation<I, O> op, I in, Caller c) {
        return f.node.runner().run(op, in, c);
    }

    CreateHandle.Result create(String handle, Caller c, HandleValue... values) {
        return run(f.node.admin().create(), new CreateHandle(ByteString.utf8(handle), List.of(values), false, false), c);
    }

    static ResponseCode rc(Throwable t) {
        return ((HandleException) t).responseCode();
    }

    @Test
    void creationNeedsAddHandleOnThePrefixHandle() {
        HandleValue url = HandleValue.text(1, "URL", "https://example.cn");
        assertThatThrownBy(() -> create("88.888/a", Caller.anonymous("x", "t"), url))
                .isInstanceOf(AuthenticationRequiredException.class);
        assertThatThrownBy(() -> create("88.888/a", as(STRANGER), url)).satisfies(e ->
                assertThat(rc(e)).isEqualTo(ResponseCode.INVALID_ADMIN));
        assertThat(create("88.888/a", as(CREATOR), url, admin(100, AdminPermissions.ALL, OWNER)).handle().utf8())
                .isEqualTo("88.888/a");
        assertThat(create("88.888/b", as(NODE_ADMIN), url).overwritten()).isFalse();
        assertThatThrownBy(() -> create("88.888/A", as(CREATOR), url)).satisfies(e ->
                assertThat(rc(e)).isEqualTo(ResponseCode.HANDLE_ALREADY_EXISTS));
        assertThatThrownBy(() -> create("88.999/a", as(NODE_ADMIN), url)).satisfies(e ->
                assertThat(rc(e)).isEqualTo(ResponseCode.SERVER_NOT_RESP));
        var stored = f.node.records().get(ByteString.utf8("88.888/a")).orElseThrow().values().decode();
        assertThat(stored.get(0).timestampSeconds()).isEqualTo(f.clock.instant().getEpochSecond());
    }

    @Test
    void invalidValuesAreRefusedWithTheSpecCodes() {
        assertThatThrownBy(() -> create("88.888/v", as(NODE_ADMIN), HandleValue.text(0, "URL", "x")))
                .satisfies(e -> assertThat(rc(e)).isEqualTo(ResponseCode.INVALID_VALUE));
        assertThatThrownBy(() -> create("88.888/v", as(NODE_ADMIN), HandleValue.text(1, "URL", "x"),
                HandleValue.text(1, "URL", "y"))).satisfies(e ->
                assertThat(rc(e)).isEqualTo(ResponseCode.VALUE_ALREADY_EXISTS));
        HandleValue[] tooMany = new HandleValue[2049];
        for (int i = 0; i < tooMany.length; i++) {
            tooMany[i] = HandleValue.text(i + 1, "T", "x");
        }
        assertThatThrownBy(() -> create("88.888/v", as(NODE_ADMIN), tooMany)).satisfies(e ->
                assertThat(rc(e)).isEqualTo(ResponseCode.INVALID_VALUE));
        assertThatThrownBy(() -> create("88.888/v", as(NODE_ADMIN), HandleValue.of(1, "BIG",
                ByteString.wrap(new byte[300_000])))).satisfies(e ->
                assertThat(rc(e)).isEqualTo(ResponseCode.INVALID_VALUE));
        assertThatThrownBy(() -> create("88.888/\u0001", as(NODE_ADMIN), HandleValue.text(1, "URL", "x")))
                .satisfies(e -> assertThat(rc(e)).isEqualTo(ResponseCode.INVALID_HANDLE));
        assertThat(f.node.records().get(ByteString.utf8("88.888/v"))).isEmpty();
    }

    @Test
    void overwriteFollowsTheDiffRules() {
        create("88.888/o", as(NODE_ADMIN), HandleValue.text(1, "URL", "one"),
                admin(100, AdminPermissions.MODIFY_VALUE | AdminPermissions.ADD_VALUE, OWNER));
        CreateHandle replace = new CreateHandle(ByteString.utf8("88.888/o"), List.of(HandleValue.text(1, "URL", "two"),
                HandleValue.text(2, "EMAIL", "e"), admin(100, AdminPermissions.MODIFY_VALUE | AdminPermissions.ADD_VALUE,
                        OWNER)), true, false);
        assertThat(run(f.node.admin().create(), replace, as(OWNER)).overwritten()).isTrue();
        CreateHandle dropAdmin = new CreateHandle(ByteString.utf8("88.888/o"), List.of(HandleValue.text(1, "URL", "two")),
                true, false);
        assertThatThrownBy(() -> run(f.node.admin().create(), dropAdmin, as(OWNER))).satisfies(e ->
                assertThat(rc(e)).isEqualTo(ResponseCode.INVALID_ADMIN));
    }

    @Test
    void valueOperationsCheckExistenceIndexesAndPermissions() {
        create("88.888/x", as(NODE_ADMIN), HandleValue.text(1, "URL", "one"),
                HandleValue.text(2, "RO", "fixed").withPermissions(ValuePermissions.ADMIN_READ | ValuePermissions.PUBLIC_READ),
                HandleValue.text(3, "GUESTBOOK", "open").withPermissions(ValuePermissions.DEFAULT | ValuePermissions.PUBLIC_WRITE),
                admin(100, AdminPermissions.ADD_VALUE | AdminPermissions.REMOVE_VALUE | AdminPermissions.MODIFY_VALUE
                        | AdminPermissions.DELETE_HANDLE, OWNER));
        ByteString h = ByteString.utf8("88.888/x");
        var add = f.node.admin().addValues();
        assertThat(run(add, new ValueChange(h, List.of(HandleValue.text(4, "EMAIL", "a@b")), false), as(OWNER))).isFalse();
        assertThatThrownBy(() -> run(add, new ValueChange(h, List.of(HandleValue.text(4, "EMAIL", "c")), false),
                as(OWNER))).satisfies(e -> assertThat(rc(e)).isEqualTo(ResponseCode.VALUE_ALREADY_EXISTS));
        assertThat(run(add, new ValueChange(h, List.of(HandleValue.text(4, "EMAIL", "c")), true), as(OWNER))).isTrue();
        assertThatThrownBy(() -> run(add, new ValueChange(h, List.of(admin(101, AdminPermissions.ALL, STRANGER)), false),
                as(OWNER))).satisfies(e -> assertThat(rc(e)).isEqualTo(ResponseCode.INVALID_ADMIN));
        assertThatThrownBy(() -> run(add, new ValueChange(h, List.of(), false), as(OWNER)))
                .satisfies(e -> assertThat(rc(e)).isEqualTo(ResponseCode.INVALID_VALUE));

        var modify = f.node.admin().modifyValues();
        assertThatThrownBy(() -> run(modify, new ValueChange(h, List.of(HandleValue.text(2, "RO", "changed")), false),
                as(OWNER))).satisfies(e -> assertThat(rc(e)).isEqualTo(ResponseCode.INSUFFICIENT_PERMISSIONS));
        assertThatThrownBy(() -> run(modify, new ValueChange(h, List.of(HandleValue.text(9, "X", "y")), false),
                as(OWNER))).satisfies(e -> assertThat(rc(e)).isEqualTo(ResponseCode.VALUES_NOT_FOUND));
        assertThat(run(modify, new ValueChange(h, List.of(HandleValue.text(3, "GUESTBOOK", "signed")), false),
                Caller.anonymous("x", "t"))).isTrue();
        assertThatThrownBy(() -> run(modify, new ValueChange(h, List.of(HandleValue.text(1, "URL", "x")), false),
                Caller.anonymous("x", "t"))).isInstanceOf(AuthenticationRequiredException.class);
        assertThat(run(modify, new ValueChange(h, List.of(HandleValue.text(1, "URL", "uno")), false), as(OWNER))).isTrue();

        var remove = f.node.admin().removeValues();
        assertThatThrownBy(() -> run(remove, new RemoveValues(h, List.of(1, 77)), as(OWNER))).satisfies(e ->
                assertThat(rc(e)).isEqualTo(ResponseCode.VALUES_NOT_FOUND));
        assertThat(run(remove, new RemoveValues(h, List.of(4)), as(OWNER))).isTrue();
        assertThatThrownBy(() -> run(remove, new RemoveValues(h, List.of(100)), as(OWNER))).satisfies(e ->
                assertThat(rc(e)).isEqualTo(ResponseCode.INVALID_ADMIN));
        var values = f.node.records().get(h).orElseThrow().values().decode();
        assertThat(values).extracting(HandleValue::index).containsExactly(1, 2, 3, 100);
        assertThat(values.get(0).data().utf8()).isEqualTo("uno");

        assertThatThrownBy(() -> run(f.node.admin().delete(), h, as(STRANGER))).satisfies(e ->
                assertThat(rc(e)).isEqualTo(ResponseCode.INVALID_ADMIN));
        assertThat(run(f.node.admin().delete(), h, as(OWNER))).isTrue();
        assertThatThrownBy(() -> run(f.node.admin().delete(), h, as(OWNER))).satisfies(e ->
                assertThat(rc(e)).isEqualTo(ResponseCode.HANDLE_NOT_FOUND));
    }

    @Test
    void listingGoesThroughGroupsAndPagesInBoundedMemory() {
        for (int i = 0; i < 7; i++) {
            create("88.888/item" + i, as(NODE_ADMIN), HandleValue.text(1, "URL", "u" + i));
        }
        var list = f.node.admin().listHandles();
        assertThatThrownBy(() -> run(list, new ListHandles(ByteString.utf8("88.888"), Optional.empty(), 3),
                as(STRANGER))).satisfies(e -> assertThat(rc(e)).isEqualTo(ResponseCode.INVALID_ADMIN));
        List<String> all = new ArrayList<>();
        Optional<ByteString> after = Optional.empty();
        ListHandles.Page page;
        do {
            page = run(list, new ListHandles(ByteString.utf8("0.NA/88.888"), after, 3), as(MEMBER));
            page.handles().forEach(x -> all.add(x.utf8()));
            after = page.handles().isEmpty() ? after : Optional.of(page.handles().get(page.handles().size() - 1));
        } while (page.more());
        assertThat(all).contains("88.888/ITEM0", "88.888/ITEM6", "88.888/GROUP");
        assertThatThrownBy(() -> run(list, new ListHandles(ByteString.utf8("88.777"), Optional.empty(), 3),
                as(NODE_ADMIN))).satisfies(e -> assertThat(rc(e)).isEqualTo(ResponseCode.SERVER_NOT_RESP));
    }

    @Test
    void homingIsForServerAdministratorsOnly() {
        var home = f.node.admin().homePrefix();
        assertThatThrownBy(() -> run(home, ByteString.utf8("88.888.1"), as(OWNER))).satisfies(e ->
                assertThat(rc(e)).isEqualTo(ResponseCode.INVALID_ADMIN));
        assertThatThrownBy(() -> run(home, ByteString.utf8("88.888/x"), as(NODE_ADMIN))).satisfies(e ->
                assertThat(rc(e)).isEqualTo(ResponseCode.INVALID_HANDLE));
        assertThat(run(home, ByteString.utf8("88.888.1"), as(NODE_ADMIN))).isTrue();
        assertThat(f.node.prefixes().isHomed(ByteString.utf8("0.NA/88.888.1"))).isTrue();
        assertThat(run(f.node.admin().listHomedPrefixes(), null, as(NODE_ADMIN))).extracting(ByteString::utf8)
                .contains("0.NA/88.888.1");
        assertThat(run(f.node.admin().unhomePrefix(), ByteString.utf8("0.na/88.888.1"), as(NODE_ADMIN))).isTrue();
        assertThat(f.node.prefixes().isHomed(ByteString.utf8("0.NA/88.888.1"))).isFalse();
    }

    @Test
    void everyChangeIsAuditedWithActorAndSecretsMasked() {
        create("88.888/s", as(NODE_ADMIN), HandleValue.text(300, "HS_SECKEY", "top-secret")
                .withPermissions(ValuePermissions.SECRET));
        run(f.node.admin().delete(), ByteString.utf8("88.888/s"), as(NODE_ADMIN));
        List<AuditEntry> audit = new ArrayList<>();
        try (Cursor c = f.store.readLog(NodeSchema.AUDIT, 0)) {
            while (c.next()) {
                audit.add(AuditEntry.decode(c.value()));
            }
        }
        AuditEntry created = audit.get(audit.size() - 2);
        assertThat(created.action()).isEqualTo("create-handle");
        assertThat(created.actor()).isEqualTo("300:0.NA/88.888");
        assertThat(created.source()).isEqualTo("192.0.2.9/test");
        assertThat(created.after().utf8()).doesNotContain("top-secret").contains("***");
        assertThat(audit.get(audit.size() - 1).action()).isEqualTo("delete-handle");
        assertThat(audit.get(audit.size() - 1).before().isEmpty()).isFalse();
    }

    @Test
    void concurrentAddsToOneRecordAllLand() throws Exception {
        create("88.888/c", as(NODE_ADMIN), HandleValue.text(1, "URL", "x"));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        AtomicInteger busy = new AtomicInteger();
        List<Future<?>> futures = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            int index = 10 + i;
            futures.add(pool.submit(() -> {
                try {
                    run(f.node.admin().addValues(), new ValueChange(ByteString.utf8("88.888/c"),
                            List.of(HandleValue.text(index, "T", "v")), false), as(NODE_ADMIN));
                } catch (HandleException e) {
                    assertThat(e.responseCode()).isEqualTo(ResponseCode.SERVER_TOO_BUSY);
                    busy.incrementAndGet();
                }
            }));
        }
        for (Future<?> fu : futures) {
            fu.get();
        }
        pool.shutdown();
        int values = f.node.records().get(ByteString.utf8("88.888/c")).orElseThrow().values().count();
        assertThat(values).isEqualTo(1 + 40 - busy.get());
        f.clock.advance(Duration.ofSeconds(1));
    }
}
