package cn.idnode.node.audit;

import cn.idnode.node.NodeSchema;
import cn.idnode.node.business.Business;
import cn.idnode.node.business.BusinessException;
import cn.idnode.node.business.Principal;
import cn.idnode.node.op.Operation;
import cn.idnode.node.op.OperationContext;
import cn.idnode.store.Cursor;
import cn.idnode.store.Store;
import cn.idnode.store.StoreKeys;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Searches the audit log by object, actor and time, for operators. Object and actor searches scan their index
 * ({@link AuditLog}); a time-only search finds its first entry by binary search over sequence numbers (entries are
 * appended in time order). Results come oldest first; {@code after} continues from the last sequence number seen.
 * At most {@link #MAX_SCAN} entries are examined per call, so a query never turns into a scan of the whole log; the
 * answer then carries a continuation even if the page is not full.
 */
public final class AuditQuery implements Operation<AuditQuery.Input, AuditQuery.Result> {
    public static final int MAX_SCAN = 100_000;
    private final Store store;

    public record Input(Principal who, String object, String actor, Optional<Long> from, Optional<Long> to,
                        long after, int limit) {}

    public record Hit(long sequence, AuditEntry entry) {}

    /** @param next the sequence to pass as {@code after} for more, or 0 at the end */
    public record Result(List<Hit> hits, long next) {}

    public AuditQuery(Business b) {
        this.store = b.store();
    }

    @Override
    public String name() {
        return "audit-query";
    }

    @Override
    public boolean readOnly() {
        return true;
    }

    @Override
    public Result execute(Input in, OperationContext ctx) {
        if (!in.who().isOperator()) {
            throw BusinessException.forbidden("只有运营人员可以查询审计日志");
        }
        int limit = Math.max(1, Math.min(1000, in.limit() <= 0 ? 100 : in.limit()));
        String object = in.object() == null ? "" : in.object().trim();
        String actor = in.actor() == null ? "" : in.actor().trim();
        if (!object.isEmpty() || !actor.isEmpty()) {
            byte[] prefix = !object.isEmpty() ? AuditLog.objectKey(object) : AuditLog.actorKey(actor);
            return byIndex(prefix, in, object.isEmpty() ? "" : actor, limit);
        }
        return byTime(in, limit);
    }

    private Result byIndex(byte[] prefix, Input in, String alsoActor, int limit) {
        List<Hit> hits = new ArrayList<>();
        int scanned = 0;
        long last = in.after();
        Optional<byte[]> start = in.after() > 0 ? Optional.of(StoreKeys.concat(prefix, StoreKeys.sequence(in.after())))
                : Optional.empty();
        try (Cursor c = store.scan(NodeSchema.AUDIT_INDEX, prefix, start)) {
            while (c.next()) {
                long seq = StoreKeys.trailingSequence(c.key());
                last = seq;
                scanned++;
                Optional<AuditEntry> e = store.get(NodeSchema.AUDIT, StoreKeys.sequence(seq)).map(AuditEntry::decode);
                if (e.isPresent() && inTime(e.get(), in)
                        && (alsoActor.isEmpty() || e.get().actor().equalsIgnoreCase(alsoActor))) {
                    hits.add(new Hit(seq, e.get()));
                    if (hits.size() == limit) {
                        return new Result(hits, seq);
                    }
                }
                if (scanned >= MAX_SCAN) {
                    return new Result(hits, last);
                }
            }
        }
        return new Result(hits, 0);
    }

    private Result byTime(Input in, int limit) {
        long lastSeq = store.lastSequence(NodeSchema.AUDIT);
        long start = Math.max(in.after() + 1, in.from().map(f -> firstAtOrAfter(f, lastSeq)).orElse(1L));
        List<Hit> hits = new ArrayList<>();
        int scanned = 0;
        try (Cursor c = store.readLog(NodeSchema.AUDIT, start)) {
            while (c.next()) {
                long seq = StoreKeys.sequence(c.key());
                AuditEntry e = AuditEntry.decode(c.value());
                scanned++;
                if (in.to().isPresent() && e.timeMillis() > in.to().get() + 60_000) {
                    return new Result(hits, 0);
                }
                if (inTime(e, in)) {
                    hits.add(new Hit(seq, e));
                    if (hits.size() == limit) {
                        return new Result(hits, seq);
                    }
                }
                if (scanned >= MAX_SCAN) {
                    return new Result(hits, seq);
                }
            }
        }
        return new Result(hits, 0);
    }

    /** The smallest sequence whose entry is at or after {@code time} (entries are nearly in time order). */
    private long firstAtOrAfter(long time, long lastSeq) {
        long lo = 1;
        long hi = lastSeq + 1;
        while (lo < hi) {
            long mid = (lo + hi) >>> 1;
            Optional<byte[]> v = store.get(NodeSchema.AUDIT, StoreKeys.sequence(mid));
            if (v.isEmpty() || AuditEntry.decode(v.get()).timeMillis() < time - 60_000) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private static boolean inTime(AuditEntry e, Input in) {
        return (in.from().isEmpty() || e.timeMillis() >= in.from().get())
                && (in.to().isEmpty() || e.timeMillis() <= in.to().get());
    }
}
