package cn.idnode.node.auth;

import cn.idnode.node.record.RecordReader;
import cn.idnode.node.record.StoredRecord;
import cn.idnode.protocol.AdminValue;
import cn.idnode.protocol.HandleValue;
import cn.idnode.protocol.ProtocolException;
import cn.idnode.protocol.ValueList;
import cn.idnode.protocol.ValueReference;
import cn.idnode.protocol.ValueTypes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Who may do what (handle-protocol.md §10): HS_ADMIN values of a record grant permission bits to identities, directly
 * or through HS_VLIST groups, and configured server administrators may pass every check.
 *
 * <p>Group expansion is breadth-first, visits each reference once, ignores references with index 0 (CNRI does not
 * expand them) and stops after {@link #MAX_GROUP_REFERENCES} references, so cycles and deep nesting cost a bounded
 * number of reads. Groups may live on other nodes: {@link GroupSource} resolves them.
 */
public final class Authorizer {
    public static final int MAX_GROUP_REFERENCES = 100;

    /** Where to read a group's values: local records or, for foreign handles, a remote resolution. */
    @FunctionalInterface
    public interface GroupSource {
        Optional<List<HandleValue>> values(ValueReference ref, RecordReader localReads);
    }

    private final ServerAdmins serverAdmins;
    private final GroupSource groups;

    public Authorizer(ServerAdmins serverAdmins, GroupSource groups) {
        this.serverAdmins = serverAdmins;
        this.groups = groups;
    }

    public ServerAdmins serverAdmins() {
        return serverAdmins;
    }

    /** Is the identity a configured server administrator (directly or through a group)? */
    public boolean isServerAdmin(ValueReference identity, RecordReader reads) {
        return isMember(identity, serverAdmins.admins(), reads);
    }

    /** May the identity home, unhome and list prefixes? */
    public boolean mayManagePrefixes(ValueReference identity, RecordReader reads) {
        return isServerAdmin(identity, reads) || isMember(identity, serverAdmins.homeOnly(), reads);
    }

    /**
     * Does the identity hold all {@code permissions} bits through the HS_ADMIN values of {@code adminRecord}
     * (or as a server administrator with full access)?
     */
    public boolean hasPermission(ValueReference identity, Optional<StoredRecord> adminRecord, int permissions,
                                 RecordReader reads) {
        if (adminRecord.isPresent()) {
            List<ValueReference> admins = new ArrayList<>();
            for (HandleValue v : adminRecord.get().values().decode()) {
                if (ValueTypes.is(v.type(), ValueTypes.HS_ADMIN)) {
                    try {
                        AdminValue a = AdminValue.decode(v.data());
                        if (a.has(permissions)) {
                            admins.add(a.admin());
                        }
                    } catch (ProtocolException e) {
                        // a malformed HS_ADMIN value grants nothing
                    }
                }
            }
            if (isMember(identity, admins, reads)) {
                return true;
            }
        }
        return serverAdmins.fullAccess() && isServerAdmin(identity, reads);
    }

    /** Is the identity one of the references, or a member of a group they name (transitively)? */
    boolean isMember(ValueReference identity, List<ValueReference> refs, RecordReader reads) {
        for (ValueReference r : refs) {
            if (IdentityMatch.matches(r, identity)) {
                return true;
            }
        }
        ArrayDeque<ValueReference> queue = new ArrayDeque<>();
        Set<ValueReference> seen = new HashSet<>();
        for (ValueReference r : refs) {
            if (r.index() != 0 && seen.add(canonical(r))) {
                queue.add(r);
            }
        }
        int visited = 0;
        while (!queue.isEmpty() && visited < MAX_GROUP_REFERENCES) {
            ValueReference group = queue.poll();
            visited++;
            Optional<List<HandleValue>> values = groups.values(group, reads);
            if (values.isEmpty()) {
                continue;
            }
            for (HandleValue v : values.get()) {
                if (v.index() != group.index() || !ValueTypes.is(v.type(), ValueTypes.HS_VLIST)) {
                    continue;
                }
                try {
                    for (ValueReference m : ValueList.decode(v.data()).members()) {
                        if (IdentityMatch.matches(m, identity)) {
                            return true;
                        }
                        if (m.index() != 0 && seen.add(canonical(m))) {
                            queue.add(m);
                        }
                    }
                } catch (ProtocolException e) {
                    // a malformed group has no members
                }
            }
        }
        return false;
    }

    private static ValueReference canonical(ValueReference r) {
        return new ValueReference(r.handle().toAsciiUpperCase(), r.index());
    }

}
