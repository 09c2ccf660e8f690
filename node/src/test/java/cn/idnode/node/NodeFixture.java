package cn.idnode.node;

import cn.idnode.node.record.RecordRules;
import cn.idnode.node.record.StoredRecord;
import cn.idnode.protocol.ByteString;
import cn.idnode.protocol.HandleValue;
import cn.idnode.protocol.ProtocolVersion;
import cn.idnode.protocol.SiteInfo;
import cn.idnode.store.Store;
import cn.idnode.store.WriteBatch;
import cn.idnode.store.rocksdb.RocksDbOptions;
import cn.idnode.store.rocksdb.RocksDbStore;
import cn.idnode.testing.FakeClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.util.List;

/** A node over a real RocksDB store in a temporary directory, at the fixture clock. */
final class NodeFixture implements AutoCloseable {
    final FakeClock clock = FakeClock.atFixtureTime();
    final Store store;
    final Node node;

    NodeFixture(Path dir) {
        this(dir, site(2641));
    }

    NodeFixture(Path dir, SiteInfo site) {
        store = RocksDbStore.open(dir, RocksDbOptions.defaults().withBlockCacheBytes(8 << 20).withSyncWrites(false),
                NodeSchema.all());
        node = Node.open(store, clock, new Metrics(new SimpleMeterRegistry()),
                NodeSettings.of(ByteString.utf8("88.888"), site, ByteString.utf8("test-admin-key")));
    }

    static SiteInfo site(int tcpPort) {
        return new SiteInfo(1, ProtocolVersion.CURRENT, 1, SiteInfo.PRIMARY, 2, ByteString.EMPTY, List.of(),
                List.of(new SiteInfo.Server(1, ByteString.wrap(new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
                        127, 0, 0, 1}), ByteString.EMPTY,
                        List.of(new SiteInfo.Interface(3, SiteInfo.Interface.TCP, tcpPort)))));
    }

    void put(String handle, HandleValue... values) {
        WriteBatch b = new WriteBatch();
        ByteString h = ByteString.utf8(handle);
        node.records().put(b, new StoredRecord(h, RecordRules.check(h, List.of(values))));
        store.write(b);
    }

    void home(String prefixHandle) {
        WriteBatch b = new WriteBatch();
        node.prefixes().home(b, ByteString.utf8(prefixHandle));
        store.write(b);
        node.prefixes().applied(ByteString.utf8(prefixHandle), true);
    }

    @Override
    public void close() {
        store.close();
    }
}
