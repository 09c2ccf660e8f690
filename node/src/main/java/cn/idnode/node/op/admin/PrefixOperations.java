package cn.idnode.node.op.admin;

import cn.idnode.node.auth.Authorizer;
import cn.idnode.node.error.HandleException;
import cn.idnode.node.error.PermissionDeniedException;
import cn.idnode.node.op.Operation;
import cn.idnode.node.op.OperationContext;
import cn.idnode.node.prefix.PrefixTable;
import cn.idnode.node.audit.AuditLog;
import cn.idnode.node.record.RecordWriter;
import cn.idnode.protocol.ByteString;
import cn.idnode.protocol.HandleNames;
import cn.idnode.protocol.ResponseCode;
import cn.idnode.protocol.ValueReference;
import cn.idnode.store.Store;
import cn.idnode.store.WriteBatch;
import java.util.List;
import java.util.Optional;

/**
 * OC_HOME_NA, OC_UNHOME_NA and OC_LIST_HOMED_NAS (handle-protocol.md §7.11–§7.12): authorized from the server-admin and
 * home-only-admin lists only (not HS_ADMIN). A value without '/' means {@code 0.NA/<VALUE>}; one with '/' must start
 * with {@code 0.NA/} (else RC 102). Unhoming also removes a legacy bare entry.
 */
public final class PrefixOperations {
    private final Store store;
    private final PrefixTable prefixes;
    private final Authorizer authorizer;

    PrefixOperations(Store store, PrefixTable prefixes, Authorizer authorizer) {
        this.store = store;
        this.prefixes = prefixes;
        this.authorizer = authorizer;
    }

    /** The homed-table entry for a request value. */
    public static ByteString entryFor(ByteString value) {
        if (value.isEmpty()) {
            throw HandleException.invalidHandle("empty prefix");
        }
        if (HandleNames.isPrefixReference(value)) {
            return HandleNames.ZERO_NA_PREFIX.concat(value.toAsciiUpperCase());
        }
        if (!HandleNames.isPrefixHandle(value)) {
            throw new HandleException(ResponseCode.INVALID_HANDLE, "not a prefix handle: " + value);
        }
        return value.toAsciiUpperCase();
    }

    private void requirePrefixAdmin(OperationContext ctx, String what) {
        ValueReference identity = AdminSupport.identity(ctx);
        if (!authorizer.mayManagePrefixes(identity, ctx.records())) {
            throw PermissionDeniedException.notAdmin(identity + " is not a server administrator allowed to " + what);
        }
    }

    public Operation<ByteString, Boolean> home() {
        return new Change("home-prefix", true);
    }

    public Operation<ByteString, Boolean> unhome() {
        return new Change("unhome-prefix", false);
    }

    public Operation<Void, List<ByteString>> listHomed() {
        return new Operation<>() {
            @Override
            public String name() {
                return "list-homed-prefixes";
            }

            @Override
            public boolean readOnly() {
                return true;
            }

            @Override
            public List<ByteString> execute(Void in, OperationContext ctx) {
                requirePrefixAdmin(ctx, "list homed prefixes");
                return prefixes.list();
            }
        };
    }

    private final class Change implements Operation<ByteString, Boolean> {
        private final String name;
        private final boolean homing;

        Change(String name, boolean homing) {
            this.name = name;
            this.homing = homing;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public boolean readOnly() {
            return false;
        }

        @Override
        public Boolean execute(ByteString value, OperationContext ctx) {
            ByteString entry = entryFor(value);
            requirePrefixAdmin(ctx, homing ? "home prefixes" : "unhome prefixes");
            synchronized (prefixes) {
                WriteBatch batch = new WriteBatch();
                if (homing) {
                    prefixes.home(batch, entry);
                } else {
                    prefixes.unhome(batch, entry);
                    HandleNames.prefixOfPrefixHandle(entry).ifPresent(bare -> prefixes.unhome(batch, bare));
                }
                AuditLog.append(batch, RecordWriter.audit(ctx, name, entry, Optional.empty(), Optional.empty()));
                store.write(batch);
                prefixes.applied(entry, homing);
            }
            return true;
        }
    }
}
