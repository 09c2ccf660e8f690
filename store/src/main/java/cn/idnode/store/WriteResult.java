package cn.idnode.store;

import java.util.List;

/** What a write assigned: the sequence numbers of its log appends, in the order they were added to the batch. */
public record WriteResult(List<Long> appendedSequences) {
    public static final WriteResult NONE = new WriteResult(List.of());

    public WriteResult {
        appendedSequences = List.copyOf(appendedSequences);
    }
}
