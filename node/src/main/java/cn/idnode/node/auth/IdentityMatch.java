package cn.idnode.node.auth;

import cn.idnode.protocol.HandleNames;
import cn.idnode.protocol.ValueReference;

/** Does an admin reference name an identity? (handle-protocol.md §10.2 step 2) */
final class IdentityMatch {
    private IdentityMatch() {}

    /** Handles equal (prefix case-insensitive, suffix exact; {@code 0.} handles wholly case-insensitive) and index 0 or equal. */
    static boolean matches(ValueReference adminRef, ValueReference identity) {
        return HandleNames.sameIdentityHandle(adminRef.handle(), identity.handle())
                && (adminRef.index() == 0 || adminRef.index() == identity.index());
    }
}
