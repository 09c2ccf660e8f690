package cn.idnode.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
    @TempDir
    Path dir;

    @Test
    void builtInDefaults() {
        IdnodeConfig c = ConfigLoader.defaultsOnly();
        assertThat(c.node().prefix()).isEqualTo("88.888");
        assertThat(c.handle().udpPort()).isEqualTo(2641);
        assertThat(c.handle().tcpPort()).isEqualTo(2641);
        assertThat(c.http().port()).isEqualTo(8000);
        assertThat(c.store().syncWrites()).isTrue();
        assertThat(c.executorThreads()).isGreaterThanOrEqualTo(8);
    }

    @Test
    void fileThenEnvironmentThenOverridesWin() throws Exception {
        Path f = dir.resolve("idnode.yaml");
        Files.writeString(f, "node:\n  prefix: \"88.101\"\nhttp:\n  port: 8080\n");
        IdnodeConfig c = ConfigLoader.load(Optional.of(f), Map.of("IDNODE_HTTP_PORT", "9090",
                "IDNODE_HANDLE_PUBLICADDRESS", "203.0.113.5", "PATH", "/bin"), Map.of("handle.udpPort", "3641"));
        assertThat(c.node().prefix()).isEqualTo("88.101");
        assertThat(c.http().port()).isEqualTo(9090);
        assertThat(c.handle().publicAddress()).isEqualTo("203.0.113.5");
        assertThat(c.handle().udpPort()).isEqualTo(3641);
        assertThat(c.handle().tcpPort()).isEqualTo(2641);
    }

    @Test
    void mistakesAreNamed() throws Exception {
        Path f = dir.resolve("bad.yaml");
        Files.writeString(f, "http:\n  prot: 8080\n");
        assertThatThrownBy(() -> ConfigLoader.load(Optional.of(f), Map.of(), Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("http.prot");
        assertThatThrownBy(() -> ConfigLoader.load(Optional.empty(), Map.of(), Map.of("http.port", "70000")))
                .hasMessageContaining("http.port");
        assertThatThrownBy(() -> ConfigLoader.load(Optional.empty(), Map.of(), Map.of("node.prefix", "88.abc")))
                .hasMessageContaining("node.prefix");
        assertThatThrownBy(() -> ConfigLoader.load(Optional.empty(), Map.of("IDNODE_HTTP_PROT", "1"), Map.of()))
                .hasMessageContaining("IDNODE_HTTP_PROT");
        assertThatThrownBy(() -> ConfigLoader.load(Optional.empty(), Map.of(), Map.of("http.port", "eighty")))
                .isInstanceOf(ConfigException.class);
        assertThatThrownBy(() -> ConfigLoader.load(Optional.of(dir.resolve("none.yaml")), Map.of(), Map.of()))
                .hasMessageContaining("not found");
    }

    @Test
    void perPrefixLimitsFromTheFileAndFromOverrides() throws Exception {
        Path f = dir.resolve("idnode.yaml");
        Files.writeString(f, "limits:\n  prefixes:\n    \"88.888.1\":\n      dailyRequests: 1000\n"
                + "    \"88.888.2\":\n      suspended: true\n");
        IdnodeConfig c = ConfigLoader.load(Optional.of(f), Map.of(),
                Map.of("limits.prefixes.88.888.1.registrations", "50", "limits.prefixes.88.888.3.dailyRequests", "7"));
        assertThat(c.limits().prefixes()).containsOnlyKeys("88.888.1", "88.888.2", "88.888.3");
        assertThat(c.limits().prefixes().get("88.888.1").dailyRequests()).isEqualTo(1000);
        assertThat(c.limits().prefixes().get("88.888.1").registrations()).isEqualTo(50);
        assertThat(c.limits().prefixes().get("88.888.2").suspended()).isTrue();
        assertThat(c.limits().prefixes().get("88.888.3").dailyRequests()).isEqualTo(7);
        Files.writeString(f, "limits:\n  prefixes:\n    \"88.888.1\":\n      daily: 1\n");
        assertThatThrownBy(() -> ConfigLoader.load(Optional.of(f), Map.of(), Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("daily");
    }
}
