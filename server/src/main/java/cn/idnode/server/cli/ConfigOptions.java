package cn.idnode.server.cli;

import cn.idnode.server.config.ConfigLoader;
import cn.idnode.server.config.IdnodeConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Option;

/** Options shared by commands that read the node's configuration. */
final class ConfigOptions {
    @Option(names = {"-c", "--config"}, paramLabel = "FILE",
            description = "Configuration file (default: ./idnode.yaml if it exists, else the built-in defaults).")
    Path config;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Data directory (node.dataDir).")
    String dataDir;

    @Option(names = "--prefix", paramLabel = "PREFIX", description = "The node's prefix (node.prefix), e.g. 88.888.")
    String prefix;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Any configuration key, e.g. --set http.port=8080.")
    Map<String, String> settings = new LinkedHashMap<>();

    IdnodeConfig load(Map<String, String> extra) {
        Map<String, String> overrides = new LinkedHashMap<>(settings);
        if (dataDir != null) {
            overrides.put("node.dataDir", dataDir);
        }
        if (prefix != null) {
            overrides.put("node.prefix", prefix);
        }
        overrides.putAll(extra);
        Optional<Path> file = Optional.ofNullable(config);
        if (file.isEmpty() && System.getenv("IDNODE_CONFIG") != null) {
            file = Optional.of(Path.of(System.getenv("IDNODE_CONFIG")));
        }
        if (file.isEmpty() && Files.isRegularFile(Path.of("idnode.yaml"))) {
            file = Optional.of(Path.of("idnode.yaml"));
        }
        return ConfigLoader.load(file, System.getenv(), overrides);
    }
}
