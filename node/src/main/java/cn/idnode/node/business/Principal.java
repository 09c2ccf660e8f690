package cn.idnode.node.business;

import cn.idnode.node.op.Caller;
import cn.idnode.protocol.ValueReference;
import java.util.Optional;
import java.util.Set;

/**
 * A logged-in account as the business layer sees it: its roles, its enterprise (0 if none) and the Handle identity
 * it acts as, so record permissions are decided by the same HS_ADMIN rules on every surface.
 */
public record Principal(long accountId, String username, Set<Role> roles, long enterpriseId, ValueReference identity,
                        String remoteAddress, String surface) {
    public Principal {
        roles = Set.copyOf(roles);
    }

    /** The system itself (start-up, migrations, the CLI on a stopped node). */
    public static Principal system(ValueReference nodeAdmin) {
        return new Principal(0, "system", Set.of(Role.ADMIN), 0, nodeAdmin, "local", "system");
    }

    public boolean has(Role role) {
        return roles.contains(role);
    }

    public boolean isAdmin() {
        return roles.contains(Role.ADMIN);
    }

    /** Administrators and reviewers: the operators of the node. */
    public boolean isOperator() {
        return roles.contains(Role.ADMIN) || roles.contains(Role.REVIEWER);
    }

    public Optional<Long> enterprise() {
        return enterpriseId > 0 ? Optional.of(enterpriseId) : Optional.empty();
    }

    /** The node-layer caller this principal acts as. */
    public Caller caller() {
        return new Caller(Optional.of(identity), remoteAddress, surface);
    }

    /** Audit actor: "username (index:handle)". */
    public String actor() {
        return username + " (" + identity + ")";
    }

    public void require(Role... anyOf) {
        for (Role r : anyOf) {
            if (roles.contains(r)) {
                return;
            }
        }
        throw BusinessException.forbidden("没有权限执行此操作");
    }
}
