package cn.idnode.node.op.admin;

import cn.idnode.node.auth.Authorizer;
import cn.idnode.node.error.AuthenticationRequiredException;
import cn.idnode.node.error.HandleException;
import cn.idnode.node.error.NotResponsibleException;
import cn.idnode.node.error.PermissionDeniedException;
import cn.idnode.node.op.OperationContext;
import cn.idnode.node.prefix.PrefixPolicy;
import cn.idnode.node.prefix.Responsibility;
import cn.idnode.node.record.RecordWriter;
import cn.idnode.node.record.StoredRecord;
import cn.idnode.protocol.AdminPermissions;
import cn.idnode.protocol.ByteString;
import cn.idnode.protocol.HandleNames;
import cn.idnode.protocol.HandleValue;
import cn.idnode.protocol.ResponseCode;
import cn.idnode.protocol.ValueReference;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/** What the administrative operations share: identity, responsibility, authorization, retries on races. */
final class AdminSupport {
    private static final int ATTEMPTS = 5;

    final Responsibility responsibility;
    final Authorizer authorizer;
    final RecordWriter writer;
    final PrefixPolicy policy;

    AdminSupport(Responsibility responsibility, Authorizer authorizer, RecordWriter writer, PrefixPolicy policy) {
        this.responsibility = responsibility;
        this.authorizer = authorizer;
        this.writer = writer;
        this.policy = policy;
    }

    static ValueReference identity(OperationContext ctx) {
        return ctx.caller().identity().orElseThrow(() ->
                new AuthenticationRequiredException("this operation requires authentication"));
    }

    void requireMine(ByteString handle) {
        if (!responsibility.isMine(handle)) {
            throw new NotResponsibleException("prefix " + HandleNames.prefix(handle) + " is not homed here");
        }
    }

    /** Throws RC 400 unless the identity holds {@code permissions} on {@code adminRecord}. */
    void authorize(ValueReference identity, Optional<StoredRecord> adminRecord, int permissions, String what,
                   OperationContext ctx) {
        if (!authorizer.hasPermission(identity, adminRecord, permissions, ctx.records())) {
            throw PermissionDeniedException.notAdmin(identity + " is not an administrator allowed to " + what
                    + " (needs " + AdminPermissions.toRestText(permissions) + ")");
        }
    }

    /**
     * The record whose HS_ADMIN values govern creating {@code handle}: {@code 0.NA/<prefix>} for ordinary handles,
     * the parent prefix handle for a derived prefix handle {@code 0.NA/A.B.C}.
     */
    static CreationAuthority creationAuthority(ByteString handle) {
        if (HandleNames.isDerivedPrefixHandle(handle)) {
            ByteString named = HandleNames.prefixOfPrefixHandle(handle).orElseThrow();
            ByteString parent = HandleNames.parentPrefix(named).orElseThrow();
            return new CreationAuthority(HandleNames.ZERO_NA_PREFIX.concat(parent.toAsciiUpperCase()),
                    AdminPermissions.ADD_DERIVED_PREFIX);
        }
        return new CreationAuthority(HandleNames.prefixHandleOf(handle), AdminPermissions.ADD_HANDLE);
    }

    record CreationAuthority(ByteString prefixHandle, int permission) {}

    /** Runs a read-modify-write, re-reading on a lost race. */
    static <T> T retrying(Supplier<T> attempt) {
        for (int i = 0; i < ATTEMPTS; i++) {
            try {
                return attempt.get();
            } catch (RecordWriter.ConflictException e) {
                // somebody else changed the record: read again
            }
        }
        throw new HandleException(ResponseCode.SERVER_TOO_BUSY, "the record is being changed concurrently; retry");
    }

    static List<HandleValue> stamped(List<HandleValue> values, int now) {
        return values.stream().map(v -> v.withTimestamp(now)).toList();
    }
}
