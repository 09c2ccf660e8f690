package cn.idnode.store.rocksdb;

import cn.idnode.store.KeySpace;
import org.rocksdb.ColumnFamilyHandle;

/** A declared key space and its column family; log spaces also carry their sequencer (null otherwise). */
record Space(KeySpace keySpace, ColumnFamilyHandle handle, LogSequencer sequencer) {
    String name() {
        return keySpace.name();
    }

    KeySpace.Kind kind() {
        return keySpace.kind();
    }
}
