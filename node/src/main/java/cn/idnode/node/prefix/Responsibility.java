package cn.idnode.node.prefix;

import cn.idnode.protocol.ByteString;
import cn.idnode.protocol.HandleNames;
import java.util.Optional;

/**
 * "Is this handle mine?" (handle-protocol.md §11.2, CNRI {@code errorIfNotHaveHandle}), for a site of one server.
 *
 * <ol>
 *   <li>Let Z be {@code 0.NA/} + the upper-cased prefix, or {@code 0.NA/0.NA} for a handle without '/'. Mine if Z is
 *       homed.</li>
 *   <li>idnode extension: a prefix handle {@code 0.NA/P} is also mine when {@code 0.NA/P} itself is homed — a node
 *       keeps a copy of the prefix handles it serves, so that its own administrators can be authenticated locally
 *       (CNRI would look them up in the global registry).</li>
 *   <li>A derived prefix handle {@code 0.NA/A.B.C} is mine if a derived-prefixes marker {@code 0.NA/0.NA/A.B}
 *       (then {@code 0.NA/0.NA/A}, ...) is homed: a secondary node homes {@code 0.NA/0.NA/88.123} to serve the
 *       prefix handles of its enterprises.</li>
 * </ol>
 * Multi-server hashing (§11.4) does not apply: an idnode site has one logical server.
 */
public final class Responsibility {
    private final PrefixTable table;

    public Responsibility(PrefixTable table) {
        this.table = table;
    }

    public boolean isMine(ByteString handle) {
        ByteString zeroNa = zeroNaHandleOf(handle);
        if (table.isHomed(zeroNa)) {
            return true;
        }
        Optional<ByteString> named = HandleNames.prefixOfPrefixHandle(handle);
        if (named.isPresent()) {
            if (table.isHomed(handle)) {
                return true;
            }
            Optional<ByteString> ancestor = HandleNames.parentPrefix(named.get());
            while (ancestor.isPresent()) {
                if (table.isHomed(HandleNames.ZERO_NA_PREFIX.concat(HandleNames.ZERO_NA_PREFIX)
                        .concat(ancestor.get()))) {
                    return true;
                }
                ancestor = HandleNames.parentPrefix(ancestor.get());
            }
        }
        return false;
    }

    /** Z of §11.2: {@code 0.NA/<PREFIX>}, or {@code 0.NA/0.NA} for a handle without '/'. */
    public static ByteString zeroNaHandleOf(ByteString handle) {
        return HandleNames.isPrefixReference(handle)
                ? HandleNames.ROOT_PREFIX_HANDLE
                : HandleNames.prefixHandleOf(handle);
    }
}
