package cn.idnode.node.template;

import cn.idnode.node.business.Json;
import cn.idnode.node.record.StoredRecord;
import cn.idnode.protocol.AdminPermissions;
import cn.idnode.protocol.AdminValue;
import cn.idnode.protocol.ByteString;
import cn.idnode.protocol.EncodedValues;
import cn.idnode.protocol.HandleValue;
import cn.idnode.protocol.ValueReference;
import java.util.List;

/**
 * The template's own identifier record ({@code <prefix>/META_<id>}): its definition as JSON at index 1, type
 * {@code TEMPLATE_DEFINITION}, publicly readable so other nodes and clients can validate or display records that name
 * it, and HS_ADMIN at 100 for the prefix's owners.
 */
final class TemplateRecords {
    static final int DEFINITION_INDEX = 1;
    static final String DEFINITION_TYPE = "TEMPLATE_DEFINITION";

    private TemplateRecords() {}

    static StoredRecord of(Template t, ValueReference admin, int now) {
        return new StoredRecord(ByteString.utf8(t.handle()), EncodedValues.of(List.of(
                HandleValue.of(DEFINITION_INDEX, DEFINITION_TYPE, ByteString.wrap(Json.bytes(t))).withTimestamp(now),
                HandleValue.of(100, "HS_ADMIN", AdminValue.of(AdminPermissions.ALL, admin).encode())
                        .withTimestamp(now))));
    }
}
