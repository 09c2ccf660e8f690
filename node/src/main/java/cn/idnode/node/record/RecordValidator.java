package cn.idnode.node.record;

import cn.idnode.protocol.ByteString;
import java.util.Optional;

/**
 * A rule every stored record must satisfy whichever surface writes it — e.g. conformance to the metadata template
 * it names. Called by {@link RecordWriter} before a record is staged; throws a
 * {@link cn.idnode.node.error.HandleException} with a client-readable message to refuse the write.
 */
@FunctionalInterface
public interface RecordValidator {
    RecordValidator NONE = (handle, before, after) -> { };

    void check(ByteString handle, Optional<StoredRecord> before, StoredRecord after);
}
