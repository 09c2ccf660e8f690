package cn.idnode.node.enterprise;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * An enterprise and its application, stored as JSON. The three application blocks are kept exactly as submitted
 * (snms-api.md §6.2 field names) after validation; the fields the node works with are lifted out.
 *
 * @param accountId       the enterprise user who applied (owner)
 * @param status          application status, numbered like prefix states: 4 pending review, 5 under review,
 *                        1 approved, 3 rejected
 * @param requestedPrefix the prefix asked for ({@code entPrefix})
 * @param prefix          the prefix allocated on approval ("" before)
 * @param warnings        reviewer hints found by validation (e.g. an organisation-code check that failed)
 * @param reason          the reason of the last rejection ("" if none)
 */
public record Enterprise(long id, long accountId, String username, int status, String orgName, int orgCrtType,
                         String orgCrtCode, String requestedPrefix, String prefix, long createdMillis,
                         long updatedMillis, JsonNode entBasicInfo, JsonNode entRegisterManageInfo,
                         JsonNode entHostingAndIdentifyServeInfo, List<String> warnings, String reason) {
    public Enterprise {
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
        prefix = prefix == null ? "" : prefix;
        reason = reason == null ? "" : reason;
    }

    public Enterprise withStatus(int newStatus, String newPrefix, String newReason, long now) {
        return new Enterprise(id, accountId, username, newStatus, orgName, orgCrtType, orgCrtCode, requestedPrefix,
                newPrefix, createdMillis, now, entBasicInfo, entRegisterManageInfo, entHostingAndIdentifyServeInfo,
                warnings, newReason);
    }
}
