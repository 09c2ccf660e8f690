package cn.idnode.node.auth;

import cn.idnode.protocol.ValueReference;
import java.util.List;

/**
 * Server administrators from configuration (handle-protocol.md §10.4): identities (or groups) that may home and
 * unhome prefixes and list homed prefixes, and — with full access — pass every HS_ADMIN check. The node's own
 * administrator {@code 300:0.NA/<prefix>} is always one of them.
 *
 * @param homeOnly identities allowed only to home, unhome and list prefixes
 */
public record ServerAdmins(List<ValueReference> admins, List<ValueReference> homeOnly, boolean fullAccess) {
    public ServerAdmins {
        admins = List.copyOf(admins);
        homeOnly = List.copyOf(homeOnly);
    }
}
