package cn.idnode.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import cn.idnode.server.EmbeddedNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.Map;
import net.handle.hdllib.Util;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The command line in-process: keygen output readable by CNRI, load into a store, resolve over each transport. */
class CliTest {
    @TempDir
    Path dir;

    record Run(int code, String out, String err) {}

    static synchronized Run run(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int code = new CommandLine(new IdnodeCommand()).setCaseInsensitiveEnumValuesAllowed(true).execute(args);
            return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    @Test
    void keygenWritesKeysThatCnriReads() throws Exception {
        Path priv = dir.resolve("k/admpriv.bin");
        Run r = run("keygen", "--private", priv.toString());
        assertThat(r.code()).isZero();
        PrivateKey p = Util.getPrivateKeyFromBytes(Util.decrypt(Files.readAllBytes(priv), null));
        PublicKey pub = Util.getPublicKeyFromBytes(Files.readAllBytes(dir.resolve("k/admpriv.bin.pub")));
        assertThat(Util.isMatchingKeyPair(pub, p)).isTrue();
        assertThat(run("keygen", "--private", priv.toString()).code()).isEqualTo(1);
        Run dsa = run("keygen", "--type", "dsa", "--private", dir.resolve("dsa.bin").toString(), "-p", "pw");
        assertThat(dsa.code()).isZero();
        assertThat(Util.getPrivateKeyFromBytes(Util.decrypt(Files.readAllBytes(dir.resolve("dsa.bin")),
                "pw".getBytes(StandardCharsets.UTF_8))).getAlgorithm()).isEqualTo("DSA");
    }

    @Test
    void loadThenServeThenResolveOverEveryTransport() throws Exception {
        Path data = dir.resolve("data");
        Path json = dir.resolve("records.json");
        Files.writeString(json, """
                [ {"handle": "88.888/a1", "values": [ {"index": 1, "type": "URL", "data": "https://example.cn/a1"},
                                                      {"index": 2000, "type": "name", "data": "零件A1"} ]},
                  {"handle": "88.888/a2", "values": [ {"index": 1, "type": "URL", "data": "https://example.cn/a2"} ]} ]
                """);
        Path jsonl = dir.resolve("more.jsonl");
        Files.writeString(jsonl, """
                {"handle": "88.888/b1", "values": [ {"index": 1, "type": "URL", "data": "https://example.cn/b1"} ]}
                {"handle": "88.888.5/c1", "values": [ {"index": 1, "type": "URL", "data": "https://example.cn/c1"} ]}
                """);
        Path csv = dir.resolve("rows.csv");
        Files.writeString(csv, "handle,index,type,data,ttl,permissions\n"
                + "88.888/d1,1,URL,https://example.cn/d1,600,\n"
                + "88.888/d1,2,NOTE,\"a, quoted note\",,1100\n"
                + "88.888/d2,1,URL,https://example.cn/d2,,\n");
        Run a = run("load", json.toString(), "--data-dir", data.toString(), "--quiet");
        assertThat(a.code()).as(a.err()).isZero();
        assertThat(a.out()).contains("loaded 2 records");
        Run b = run("load", jsonl.toString(), "--data-dir", data.toString(), "--quiet");
        assertThat(b.code()).isZero();
        assertThat(b.out()).contains("loaded 2 records").contains("88.888.5");
        Run c = run("load", csv.toString(), "--data-dir", data.toString(), "--quiet", "--home-prefixes");
        assertThat(c.code()).as(c.err()).isZero();
        assertThat(c.out()).contains("loaded 2 records");

        try (EmbeddedNode node = EmbeddedNode.start(data, java.time.InstantSource.system(), Map.of())) {
            String udp = Integer.toString(node.server().udpPort());
            Run r1 = run("resolve", "88.888/a1", "--port", udp);
            assertThat(r1.code()).as(r1.err()).isZero();
            assertThat(r1.out()).contains("https://example.cn/a1").contains("零件A1");
            Run r2 = run("resolve", "88.888/d1", "--via", "tcp", "--port", Integer.toString(node.server().tcpPort()));
            assertThat(r2.out()).contains("https://example.cn/d1").contains("ttl 600").doesNotContain("quoted");
            Run r3 = run("resolve", "88.888/b1", "--via", "http", "--port", Integer.toString(node.server().httpPort()));
            assertThat(r3.out()).contains("https://example.cn/b1");
            Run r4 = run("resolve", "88.888/a2", "--via", "rest", "--port", Integer.toString(node.server().httpPort()));
            assertThat(r4.out()).contains("https://example.cn/a2");
            Run r5 = run("resolve", "88.888/nothing", "--port", udp);
            assertThat(r5.code()).isEqualTo(1);
            assertThat(r5.err()).contains("HANDLE_NOT_FOUND");
            Run r6 = run("resolve", "88.888.5/c1", "--port", udp);
            assertThat(r6.err()).contains("SERVER_NOT_RESP");

            Run locked = run("load", json.toString(), "--data-dir", data.toString(), "--quiet");
            assertThat(locked.code()).isEqualTo(1);
            assertThat(locked.err()).contains("in use");
        }
    }

    @Test
    void administrationFromTheCommandLine() throws Exception {
        Path data = dir.resolve("admin-data");
        try (EmbeddedNode node = EmbeddedNode.start(data, java.time.InstantSource.system(), Map.of())) {
            String tcp = Integer.toString(node.server().tcpPort());
            String udp = Integer.toString(node.server().udpPort());
            String[] target = {"--data-dir", data.toString(), "--port", tcp};
            Run created = run(concat(new String[] {"create", "88.888/cli-1", "--value", "1:URL:https://example.cn/c1",
                    "--value", "2:NOTE:a:b:c"}, target));
            assertThat(created.code()).as(created.err()).isZero();
            assertThat(created.out()).contains("created 88.888/cli-1");
            assertThat(run(concat(new String[] {"add", "88.888/cli-1", "-v", "3:EMAIL:x@example.cn"}, target)).code())
                    .isZero();
            assertThat(run(concat(new String[] {"modify", "88.888/cli-1", "-v", "1:URL:https://example.cn/c2"},
                    target)).code()).isZero();
            assertThat(run(concat(new String[] {"remove", "88.888/cli-1", "-i", "3"}, target)).code()).isZero();
            Run resolved = run("resolve", "88.888/cli-1", "--port", udp);
            assertThat(resolved.out()).contains("https://example.cn/c2").contains("a:b:c").doesNotContain("x@example");
            Run listed = run(concat(new String[] {"list", "88.888"}, target));
            assertThat(listed.out()).contains("88.888/CLI-1");
            Run minted = run(concat(new String[] {"create", "88.888/batch-", "--mint", "-v", "1:URL:u"}, target));
            assertThat(minted.out()).matches("(?s)created 88\\.888/batch-[0-9a-f-]{36}\\s*");
            assertThat(run(concat(new String[] {"home", "88.888.77"}, target)).code()).isZero();
            assertThat(run(concat(new String[] {"unhome", "88.888.77"}, target)).code()).isZero();
            Run dup = run(concat(new String[] {"create", "88.888/cli-1", "-v", "1:URL:u"}, target));
            assertThat(dup.code()).isEqualTo(1);
            assertThat(dup.err()).contains("HANDLE_ALREADY_EXISTS");
            Run keygen = run("keygen", "--private", dir.resolve("user.bin").toString());
            assertThat(keygen.code()).isZero();
            Run stranger = run(concat(new String[] {"delete", "88.888/cli-1", "--auth", "300:0.NA/88.888", "--key",
                    dir.resolve("user.bin").toString()}, target));
            assertThat(stranger.code()).isEqualTo(1);
            assertThat(stranger.err()).contains("AUTHENTICATION_FAILED");
            assertThat(run(concat(new String[] {"delete", "88.888/cli-1"}, target)).code()).isZero();
            assertThat(run("resolve", "88.888/cli-1", "--port", udp).err()).contains("HANDLE_NOT_FOUND");
        }
    }

    static String[] concat(String[] a, String[] b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @Test
    void invalidRecordsStopTheLoadWithAClearMessageUnlessSkipped() throws Exception {
        Path data = dir.resolve("data");
        Path bad = dir.resolve("bad.jsonl");
        Files.writeString(bad, """
                {"handle": "88.888/ok", "values": [ {"index": 1, "type": "URL", "data": "x"} ]}
                {"handle": "88.888/dup", "values": [ {"index": 1, "type": "URL", "data": "x"}, {"index": 1, "type": "URL", "data": "y"} ]}
                {"handle": "88.888/zero", "values": [ {"index": 0, "type": "URL", "data": "x"} ]}
                {"handle": "88.888/ok2", "values": [ {"index": 1, "type": "URL", "data": {"format": "nope", "value": "x"}} ]}
                {"handle": "88.888/ok3", "values": [ {"index": 1, "type": "URL", "data": "fine"} ]}
                """);
        Run stop = run("load", bad.toString(), "--data-dir", data.toString(), "--quiet");
        assertThat(stop.code()).isEqualTo(1);
        assertThat(stop.err()).contains("duplicate value index 1").contains("1 records written");
        Run skip = run("load", bad.toString(), "--data-dir", data.toString(), "--quiet", "--skip-invalid");
        assertThat(skip.code()).isZero();
        assertThat(skip.out()).contains("loaded 2 records").contains("skipped 3 invalid");
        assertThat(skip.err()).contains("index must be above 0").contains("unknown data format");
        Run missing = run("load", dir.resolve("none.json").toString(), "--data-dir", data.toString());
        assertThat(missing.code()).isEqualTo(2);
        Run garbage = run("load", Files.writeString(dir.resolve("g.json"), "{not json").toString(),
                "--data-dir", data.toString(), "--quiet");
        assertThat(garbage.code()).isEqualTo(1);
        assertThat(garbage.err()).contains("record 1");
    }
}
