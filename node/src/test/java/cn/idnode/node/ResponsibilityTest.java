package cn.idnode.node;

import static org.assertj.core.api.Assertions.assertThat;

import cn.idnode.node.prefix.Responsibility;
import cn.idnode.protocol.ByteString;
import cn.idnode.protocol.HandleNames;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResponsibilityTest {
    @TempDir
    Path dir;
    NodeFixture f;
    Responsibility r;

    @BeforeEach
    void open() {
        f = new NodeFixture(dir);
        r = new Responsibility(f.node.prefixes());
    }

    @AfterEach
    void close() {
        f.close();
    }

    boolean mine(String handle) {
        return r.isMine(HandleNames.lookupHandle(ByteString.utf8(handle)));
    }

    @Test
    void identifiersUnderTheHomedPrefixAreMineInAnyCase() {
        assertThat(mine("88.888/abc")).isTrue();
        assertThat(mine("88.888/ABC/def")).isTrue();
        assertThat(mine("88.889/abc")).isFalse();
        assertThat(mine("88.888.1/abc")).isFalse();
        assertThat(mine("88/abc")).isFalse();
    }

    @Test
    void ownPrefixHandleAndEnterprisePrefixHandlesAreMine() {
        assertThat(mine("0.NA/88.888")).isTrue();
        assertThat(mine("0.na/88.888")).isTrue();
        assertThat(mine("88.888")).isTrue();
        assertThat(mine("0.NA/88.888.1024")).isTrue();
        assertThat(mine("88.888.1024")).isTrue();
        assertThat(mine("0.NA/88.888.1024.7")).isTrue();
        assertThat(mine("0.NA/88.889")).isFalse();
        assertThat(mine("0.NA/88.889.1")).isFalse();
        assertThat(mine("0.NA/88")).isFalse();
        assertThat(mine("0")).isFalse();
    }

    @Test
    void homingAnEnterprisePrefixMakesItsIdentifiersMine() {
        assertThat(mine("88.888.1024/sn1")).isFalse();
        f.home("0.NA/88.888.1024");
        assertThat(mine("88.888.1024/sn1")).isTrue();
        assertThat(mine("88.888.1025/sn1")).isFalse();
    }
}
