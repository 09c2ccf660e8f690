package cn.idnode.node.op;

import cn.idnode.node.auth.Authorizer;
import cn.idnode.node.error.AuthenticationRequiredException;
import cn.idnode.node.error.HandleException;
import cn.idnode.node.error.HandleNotFoundException;
import cn.idnode.node.error.NotResponsibleException;
import cn.idnode.node.error.PermissionDeniedException;
import cn.idnode.node.error.ReferralException;
import cn.idnode.node.error.ValuesNotFoundException;
import cn.idnode.node.prefix.PrefixPolicy;
import cn.idnode.node.prefix.Responsibility;
import cn.idnode.node.record.StoredRecord;
import cn.idnode.protocol.AdminPermissions;
import cn.idnode.protocol.ByteString;
import cn.idnode.protocol.EncodedValues;
import cn.idnode.protocol.HandleNames;
import cn.idnode.protocol.ResponseCode;
import cn.idnode.protocol.ValuePermissions;
import cn.idnode.protocol.ValueReference;
import cn.idnode.protocol.ValueTypes;
import java.util.List;
import java.util.Optional;

/**
 * OC_RESOLUTION (handle-protocol.md §7.1): responsibility, record look-up, prefix referral, filtering and read
 * access, in that order.
 *
 * <p>Read access follows CNRI's {@code checkReadAccess}: with PO set only public values are returned (none → RC 200);
 * with PO clear all values are returned when all are public, a value readable by nobody gives RC 401, and otherwise
 * the caller must authenticate (a challenge on the Handle protocol) and hold READ_VALUE through the record's own
 * HS_ADMIN values, and then receives every requested value. Restricted values are never sent to an unauthenticated
 * caller.
 */
public final class ResolveOperation implements Operation<ResolveQuery, Resolution> {
    private static final List<ByteString> REFERRAL_TYPES =
            List.of(ValueTypes.HS_SITE_PREFIX, ValueTypes.HS_NA_DELEGATE, ValueTypes.HS_SERV_PREFIX);

    private final Responsibility responsibility;
    private final Authorizer authorizer;
    private final PrefixPolicy policy;

    public ResolveOperation(Responsibility responsibility, Authorizer authorizer, PrefixPolicy policy) {
        this.responsibility = responsibility;
        this.authorizer = authorizer;
        this.policy = policy;
    }

    @Override
    public String name() {
        return "resolve";
    }

    @Override
    public boolean readOnly() {
        return true;
    }

    @Override
    public Resolution execute(ResolveQuery q, OperationContext ctx) {
        if (q.handle().isEmpty()) {
            throw HandleException.invalidHandle("empty handle");
        }
        ByteString lookup = HandleNames.lookupHandle(q.handle());
        if (!responsibility.isMine(lookup)) {
            throw new NotResponsibleException("prefix " + HandleNames.prefix(lookup) + " is not homed here");
        }
        policy.beforeResolution(lookup);
        Optional<StoredRecord> record = ctx.records().read(lookup);
        if (record.isEmpty()) {
            if (!q.doNotRefer() && HandleNames.isDerivedPrefixHandle(lookup)) {
                referPrefix(lookup, ctx);
            }
            throw new HandleNotFoundException(q.handle().toString());
        }
        EncodedValues values = select(record.get().values(), q);
        if (values.isEmpty()) {
            throw new ValuesNotFoundException("no values match the requested indexes and types");
        }
        if (q.publicOnly() && q.identityDecides() && ctx.caller().isAuthenticated()
                && !values.allMatch(v -> ValuePermissions.publicRead(v.permissions()))
                && authorizer.hasPermission(ctx.caller().identity().get(), record, AdminPermissions.READ_VALUE,
                        ctx.records())) {
            values = values.select(v -> ValuePermissions.publicRead(v.permissions())
                    || ValuePermissions.adminRead(v.permissions()));
        } else if (q.publicOnly()) {
            values = values.select(v -> ValuePermissions.publicRead(v.permissions()));
            if (values.isEmpty()) {
                throw new ValuesNotFoundException("no publicly readable values");
            }
        } else if (!values.allMatch(v -> ValuePermissions.publicRead(v.permissions()))) {
            if (values.anyMatch(v -> !ValuePermissions.publicRead(v.permissions())
                    && !ValuePermissions.adminRead(v.permissions()))) {
                throw PermissionDeniedException.insufficient("a requested value is readable by nobody");
            }
            ValueReference identity = ctx.caller().identity().orElseThrow(() ->
                    new AuthenticationRequiredException("restricted values require authentication"));
            if (!authorizer.hasPermission(identity, record, AdminPermissions.READ_VALUE, ctx.records())) {
                throw PermissionDeniedException.notAdmin(identity + " may not read restricted values of "
                        + q.handle());
            }
        }
        return new Resolution(q.handle(), values);
    }

    private static EncodedValues select(EncodedValues values, ResolveQuery q) {
        if (q.indexes().isEmpty() && q.types().isEmpty()) {
            return values;
        }
        return values.select(v -> {
            if (q.indexes().contains(v.index())) {
                return true;
            }
            for (ByteString t : q.types()) {
                if (v.typeMatches(t)) {
                    return true;
                }
            }
            return false;
        });
    }

    /** §11.3: the nearest ancestor prefix handle with public prefix-delegation values answers RC 303. */
    private static void referPrefix(ByteString prefixHandle, OperationContext ctx) {
        Optional<ByteString> ancestor = HandleNames.prefixOfPrefixHandle(prefixHandle).flatMap(HandleNames::parentPrefix);
        while (ancestor.isPresent()) {
            ByteString ancestorHandle = HandleNames.ZERO_NA_PREFIX.concat(ancestor.get());
            Optional<StoredRecord> r = ctx.records().read(ancestorHandle);
            if (r.isPresent()) {
                EncodedValues delegation = r.get().values().select(v -> ValuePermissions.publicRead(v.permissions())
                        && REFERRAL_TYPES.stream().anyMatch(v::typeIs));
                if (!delegation.isEmpty()) {
                    throw new ReferralException(ResponseCode.PREFIX_REFERRAL, ByteString.EMPTY, delegation,
                            "derived prefixes of " + ancestor.get().utf8() + " are served elsewhere");
                }
            }
            ancestor = HandleNames.parentPrefix(ancestor.get());
        }
    }
}
