package cn.idnode.node.record;

import cn.idnode.protocol.ByteString;
import java.util.Optional;

/** Reads handle records for an operation, blocking or not depending on where the operation runs. */
@FunctionalInterface
public interface RecordReader {
    /**
     * The record stored under {@code handle} (normalised for lookup by the reader).
     *
     * @throws WouldBlockException in non-blocking mode when the answer needs I/O
     */
    Optional<StoredRecord> read(ByteString handle);
}
