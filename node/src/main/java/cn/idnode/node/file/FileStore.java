package cn.idnode.node.file;

import cn.idnode.node.NodeSchema;
import cn.idnode.node.business.Json;
import cn.idnode.store.Store;
import cn.idnode.store.StoreKeys;
import cn.idnode.store.WriteBatch;
import java.util.Optional;

/** Uploaded files: {@code m/<id>} → {@link StoredFile} JSON, {@code d/<id>} → content. */
public final class FileStore {
    private final Store store;

    public FileStore(Store store) {
        this.store = store;
    }

    public Optional<StoredFile> meta(long id) {
        return store.get(NodeSchema.FILES, metaKey(id)).map(b -> Json.read(b, StoredFile.class));
    }

    public Optional<byte[]> content(long id) {
        return store.get(NodeSchema.FILES, StoreKeys.utf8("d/" + id));
    }

    public void stageNew(WriteBatch batch, StoredFile f, byte[] content) {
        batch.requireAbsent(NodeSchema.FILES, metaKey(f.id())).put(NodeSchema.FILES, metaKey(f.id()), Json.bytes(f))
                .put(NodeSchema.FILES, StoreKeys.utf8("d/" + f.id()), content);
    }

    public void stageUpdate(WriteBatch batch, StoredFile before, StoredFile after) {
        batch.requireValue(NodeSchema.FILES, metaKey(before.id()), Json.bytes(before))
                .put(NodeSchema.FILES, metaKey(after.id()), Json.bytes(after));
    }

    private static byte[] metaKey(long id) {
        return StoreKeys.utf8("m/" + id);
    }
}
