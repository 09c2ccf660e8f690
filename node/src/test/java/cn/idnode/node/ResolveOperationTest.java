package cn.idnode.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.idnode.node.error.AuthenticationRequiredException;
import cn.idnode.node.error.HandleNotFoundException;
import cn.idnode.node.error.NotResponsibleException;
import cn.idnode.node.error.PermissionDeniedException;
import cn.idnode.node.error.ReferralException;
import cn.idnode.node.error.ValuesNotFoundException;
import cn.idnode.node.op.Caller;
import cn.idnode.node.op.Resolution;
import cn.idnode.node.op.ResolveQuery;
import cn.idnode.protocol.ByteString;
import cn.idnode.protocol.HandleValue;
import cn.idnode.protocol.ResponseCode;
import cn.idnode.protocol.ValuePermissions;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResolveOperationTest {
    @TempDir
    Path dir;
    NodeFixture f;
    static final Caller ANON = Caller.anonymous("192.0.2.1", "test");

    @BeforeEach
    void open() {
        f = new NodeFixture(dir);
        f.put("88.888/item", HandleValue.text(1, "URL", "https://example.cn/1"),
                HandleValue.text(2, "URL.backup", "https://backup.example.cn/1"),
                HandleValue.text(3, "EMAIL", "a@example.cn"),
                HandleValue.text(4, "NOTE", "admins only").withPermissions(ValuePermissions.ADMIN_READ),
                HandleValue.text(5, "HIDDEN", "nobody").withPermissions(ValuePermissions.ADMIN_WRITE));
    }

    @AfterEach
    void close() {
        f.close();
    }

    Resolution resolve(String handle, List<Integer> idx, List<String> types, boolean po) {
        return f.node.runner().run(f.node.resolve(), new ResolveQuery(ByteString.utf8(handle), idx,
                types.stream().map(ByteString::utf8).toList(), po, false), ANON);
    }

    List<Integer> indexes(Resolution r) {
        return r.values().decode().stream().map(HandleValue::index).toList();
    }

    @Test
    void publicOnlyReturnsPublicValuesInStoredOrder() {
        Resolution r = resolve("88.888/ITEM", List.of(), List.of(), true);
        assertThat(indexes(r)).containsExactly(1, 2, 3);
        assertThat(r.handle().utf8()).isEqualTo("88.888/ITEM");
    }

    @Test
    void typeAndIndexFiltersFollowTheSpecRules() {
        assertThat(indexes(resolve("88.888/item", List.of(), List.of("URL"), true))).containsExactly(1);
        assertThat(indexes(resolve("88.888/item", List.of(), List.of("url."), true))).containsExactly(1, 2);
        assertThat(indexes(resolve("88.888/item", List.of(3), List.of("URL"), true))).containsExactly(1, 3);
        assertThatThrownBy(() -> resolve("88.888/item", List.of(99), List.of(), true))
                .isInstanceOf(ValuesNotFoundException.class);
        assertThatThrownBy(() -> resolve("88.888/item", List.of(4), List.of(), true))
                .isInstanceOf(ValuesNotFoundException.class).hasMessageContaining("public");
    }

    @Test
    void restrictedValuesNeedAuthenticationAndUnreadableOnesAreRefused() {
        assertThat(indexes(resolve("88.888/item", List.of(1, 3), List.of(), false))).containsExactly(1, 3);
        assertThatThrownBy(() -> resolve("88.888/item", List.of(1, 4), List.of(), false))
                .isInstanceOf(AuthenticationRequiredException.class);
        assertThatThrownBy(() -> resolve("88.888/item", List.of(), List.of(), false))
                .isInstanceOf(PermissionDeniedException.class)
                .satisfies(e -> assertThat(((PermissionDeniedException) e).responseCode())
                        .isEqualTo(ResponseCode.INSUFFICIENT_PERMISSIONS));
    }

    @Test
    void authenticatedReadersNeedReadValueAndThenGetEverything() {
        f.put("88.888/guarded", HandleValue.text(1, "URL", "public"),
                HandleValue.text(2, "NOTE", "restricted").withPermissions(ValuePermissions.ADMIN_READ),
                HandleValue.of(100, "HS_ADMIN", cn.idnode.protocol.AdminValue.of(
                        cn.idnode.protocol.AdminPermissions.READ_VALUE,
                        cn.idnode.protocol.ValueReference.of(300, "88.888/reader")).encode()));
        var q = new ResolveQuery(ByteString.utf8("88.888/guarded"), List.of(), List.of(), false, false);
        var reader = new Caller(java.util.Optional.of(cn.idnode.protocol.ValueReference.of(300, "88.888/reader")), "x",
                "t");
        assertThat(indexes(f.node.runner().run(f.node.resolve(), q, reader))).containsExactly(1, 2, 100);
        var other = new Caller(java.util.Optional.of(cn.idnode.protocol.ValueReference.of(300, "88.888/other")), "x",
                "t");
        assertThatThrownBy(() -> f.node.runner().run(f.node.resolve(), q, other))
                .isInstanceOfSatisfying(PermissionDeniedException.class,
                        e -> assertThat(e.responseCode()).isEqualTo(ResponseCode.INVALID_ADMIN));
    }

    @Test
    void missingAndForeignHandles() {
        assertThatThrownBy(() -> resolve("88.888/none", List.of(), List.of(), true))
                .isInstanceOf(HandleNotFoundException.class);
        assertThatThrownBy(() -> resolve("88.999/x", List.of(), List.of(), true))
                .isInstanceOf(NotResponsibleException.class).hasMessageContaining("88.999");
        assertThatThrownBy(() -> resolve("", List.of(), List.of(), true))
                .satisfies(e -> assertThat(((cn.idnode.node.error.HandleException) e).responseCode())
                        .isEqualTo(ResponseCode.INVALID_HANDLE));
    }

    @Test
    void delegatedDerivedPrefixGetsAPrefixReferral() {
        f.put("0.NA/88.888.77", HandleValue.text(1, "URL", "placeholder"));
        // the node's own prefix handle gains a public HS_SITE.PREFIX value: derived prefixes are served elsewhere
        List<HandleValue> values = new java.util.ArrayList<>(f.node.records().get(ByteString.utf8("0.NA/88.888"))
                .orElseThrow().values().decode());
        values.add(HandleValue.of(2, "HS_SITE.PREFIX", f.node.site().current().encode()));
        f.put("0.NA/88.888", values.toArray(HandleValue[]::new));
        assertThatThrownBy(() -> resolve("88.888.5", List.of(), List.of(), true))
                .isInstanceOfSatisfying(ReferralException.class, e -> {
                    assertThat(e.responseCode()).isEqualTo(ResponseCode.PREFIX_REFERRAL);
                    assertThat(e.values().decode()).extracting(HandleValue::typeName).containsExactly("HS_SITE.PREFIX");
                    assertThat(e.referralHandle().isEmpty()).isTrue();
                });
        assertThat(indexes(resolve("0.NA/88.888.77", List.of(), List.of(), true))).containsExactly(1);
        assertThatThrownBy(() -> f.node.runner().run(f.node.resolve(), new ResolveQuery(ByteString.utf8("88.888.5"),
                List.of(), List.of(), true, true), ANON)).isInstanceOf(HandleNotFoundException.class);
    }

    @Test
    void nonBlockingModeAnswersFromTheCacheOrGivesUp() {
        var q = new ResolveQuery(ByteString.utf8("88.888/item"), List.of(), List.of(), true, false);
        var fast = f.node.runner().tryWithoutBlocking(f.node.resolve(), q, ANON);
        // just written: the memtable holds it, so the answer needs no I/O
        assertThat(fast).isPresent();
        assertThat(indexes(fast.get())).containsExactly(1, 2, 3);
    }
}
