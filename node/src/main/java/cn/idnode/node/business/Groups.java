package cn.idnode.node.business;

import cn.idnode.node.record.RecordStore;
import cn.idnode.node.record.RecordWriter;
import cn.idnode.node.record.StoredRecord;
import cn.idnode.protocol.EncodedValues;
import cn.idnode.protocol.HandleValue;
import cn.idnode.protocol.ProtocolException;
import cn.idnode.protocol.ValueList;
import cn.idnode.protocol.ValuePermissions;
import cn.idnode.protocol.ValueReference;
import cn.idnode.protocol.ValueTypes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Membership of the identity groups the business layer keeps as HS_VLIST values (handle-protocol.md §10.3): the
 * operators' group and each enterprise's group, both at index 200 of a prefix handle. Group values are admin-read
 * only, so anonymous resolution does not list who the operators or an enterprise's users are.
 */
public final class Groups {
    private Groups() {}

    /** A change adding {@code member} to the group (empty if it is a member already or the record is missing). */
    public static Optional<RecordWriter.Change> adding(RecordStore records, ValueReference group,
                                                       ValueReference member, int now) {
        return changing(records, group, member, true, now);
    }

    /** A change removing {@code member} from the group (empty if it is not a member). */
    public static Optional<RecordWriter.Change> removing(RecordStore records, ValueReference group,
                                                         ValueReference member, int now) {
        return changing(records, group, member, false, now);
    }

    /** The HS_VLIST value of a new group with these members. */
    public static HandleValue value(int index, List<ValueReference> members, int now) {
        return HandleValue.of(index, "HS_VLIST", new ValueList(members).encode()).withTimestamp(now)
                .withPermissions(ValuePermissions.SECRET);
    }

    private static Optional<RecordWriter.Change> changing(RecordStore records, ValueReference group,
                                                          ValueReference member, boolean add, int now) {
        Optional<StoredRecord> before = records.get(group.handle());
        if (before.isEmpty()) {
            return Optional.empty();
        }
        List<HandleValue> values = new ArrayList<>(before.get().values().decode());
        int at = -1;
        List<ValueReference> members = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            HandleValue v = values.get(i);
            if (v.index() == group.index() && !ValueTypes.is(v.type(), ValueTypes.HS_VLIST)) {
                throw BusinessException.conflict("身份组 " + group + " 的索引已被 " + v.typeName() + " 占用");
            }
            if (v.index() == group.index()) {
                at = i;
                try {
                    members.addAll(ValueList.decode(v.data()).members());
                } catch (ProtocolException e) {
                    // a corrupt group is rewritten with the new member only
                }
            }
        }
        boolean present = members.stream().anyMatch(m -> m.index() == member.index()
                && m.handle().equalsIgnoreAsciiCase(member.handle()));
        if (present == add) {
            return Optional.empty();
        }
        if (add) {
            members.add(member);
        } else {
            members.removeIf(m -> m.index() == member.index() && m.handle().equalsIgnoreAsciiCase(member.handle()));
        }
        HandleValue updated = value(group.index(), members, now);
        if (at >= 0) {
            values.set(at, updated);
        } else {
            values.add(updated);
        }
        StoredRecord after = new StoredRecord(before.get().handle(), EncodedValues.of(values));
        return Optional.of(new RecordWriter.Change(group.handle(), before, Optional.of(after)));
    }
}
