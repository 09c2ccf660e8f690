package cn.idnode.node;

import static org.assertj.core.api.Assertions.assertThat;

import cn.idnode.node.audit.AuditEntry;
import cn.idnode.protocol.AdminValue;
import cn.idnode.protocol.ByteString;
import cn.idnode.protocol.HandleValue;
import cn.idnode.protocol.SiteInfo;
import cn.idnode.store.Cursor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SitePublisherTest {
    @TempDir
    Path dir;

    @Test
    void firstStartCreatesThePrefixHandleHomingsAndAnAuditEntry() {
        try (NodeFixture f = new NodeFixture(dir)) {
            List<HandleValue> values = f.node.records().get(ByteString.utf8("0.NA/88.888")).orElseThrow().values()
                    .decode();
            assertThat(values).extracting(HandleValue::index).containsExactly(1, 100, 300);
            assertThat(values.get(0).typeName()).isEqualTo("HS_SITE");
            assertThat(values.get(0).timestampSeconds()).isEqualTo(f.clock.instant().getEpochSecond());
            AdminValue admin = decodeAdmin(values.get(1));
            assertThat(admin.admin().toString()).isEqualTo("300:0.NA/88.888");
            assertThat(admin.permissions()).isEqualTo(0x0FFF);
            assertThat(values.get(2).data().utf8()).isEqualTo("test-admin-key");
            assertThat(f.node.prefixes().list()).extracting(ByteString::utf8)
                    .containsExactly("0.NA/0.NA/88.888", "0.NA/88.888");
            assertThat(audit(f)).extracting(AuditEntry::action).containsExactly("bootstrap");
            assertThat(f.node.site().serialNumber()).isEqualTo(1);
        }
    }

    @Test
    void restartWithTheSameSiteChangesNothingAndAChangedSiteBumpsTheSerial() {
        try (NodeFixture f = new NodeFixture(dir)) {
            assertThat(f.node.site().serialNumber()).isEqualTo(1);
        }
        try (NodeFixture f = new NodeFixture(dir)) {
            assertThat(f.node.site().serialNumber()).isEqualTo(1);
            assertThat(audit(f)).hasSize(1);
        }
        try (NodeFixture f = new NodeFixture(dir, NodeFixture.site(2642))) {
            assertThat(f.node.site().serialNumber()).isEqualTo(2);
            List<HandleValue> values = f.node.records().get(ByteString.utf8("0.NA/88.888")).orElseThrow().values()
                    .decode();
            SiteInfo published = decodeSite(values.get(0));
            assertThat(published.serialNumber()).isEqualTo(2);
            assertThat(published.servers().get(0).interfaces().get(0).port()).isEqualTo(2642);
            assertThat(values).extracting(HandleValue::index).containsExactly(1, 100, 300);
            assertThat(audit(f)).extracting(AuditEntry::action).containsExactly("bootstrap", "publish-site");
        }
    }

    private static List<AuditEntry> audit(NodeFixture f) {
        List<AuditEntry> out = new ArrayList<>();
        try (Cursor c = f.store.readLog(NodeSchema.AUDIT, 0)) {
            while (c.next()) {
                out.add(AuditEntry.decode(c.value()));
            }
        }
        return out;
    }

    private static AdminValue decodeAdmin(HandleValue v) {
        try {
            return AdminValue.decode(v.data());
        } catch (cn.idnode.protocol.ProtocolException e) {
            throw new AssertionError(e);
        }
    }

    private static SiteInfo decodeSite(HandleValue v) {
        try {
            return SiteInfo.decode(v.data());
        } catch (cn.idnode.protocol.ProtocolException e) {
            throw new AssertionError(e);
        }
    }
}
