package cn.idnode.protocol;

import java.util.Optional;

/**
 * Handle name rules (handle-protocol.md §11): prefix and suffix, prefix handles, derived prefixes and the storage key.
 *
 * <ul>
 *   <li>prefix = the text before the first '/'; a handle without '/' is a prefix reference, looked up as
 *       {@code 0.NA/} + the ASCII-upper-cased text;</li>
 *   <li>storage key = the whole handle ASCII-upper-cased (the default case-insensitive mode, §11.6);</li>
 *   <li>a derived prefix handle is {@code 0.NA/A.B} — a prefix handle whose prefix part contains a dot.</li>
 * </ul>
 */
public final class HandleNames {
    private HandleNames() {}

    public static final ByteString ZERO_NA_PREFIX = ByteString.utf8("0.NA/");
    public static final ByteString ROOT_PREFIX_HANDLE = ByteString.utf8("0.NA/0.NA");

    /** True if the handle contains no '/' — a bare prefix such as {@code 88.123.4567}. */
    public static boolean isPrefixReference(ByteString handle) {
        return handle.indexOf((byte) '/') < 0;
    }

    /**
     * The handle to look up: bare prefixes become {@code 0.NA/<PREFIX>}; anything else is returned unchanged.
     * (Callers echo the original bytes to the client.)
     */
    public static ByteString lookupHandle(ByteString handle) {
        return isPrefixReference(handle) ? ZERO_NA_PREFIX.concat(handle.toAsciiUpperCase()) : handle;
    }

    /** The storage key: the handle ASCII-upper-cased. */
    public static ByteString key(ByteString handle) {
        return handle.toAsciiUpperCase();
    }

    /** The prefix (text before the first '/'), or the whole handle if it has none. */
    public static ByteString prefix(ByteString handle) {
        int slash = handle.indexOf((byte) '/');
        return slash < 0 ? handle : handle.substring(0, slash);
    }

    /** The suffix (text after the first '/'), empty if none. */
    public static ByteString suffix(ByteString handle) {
        int slash = handle.indexOf((byte) '/');
        return slash < 0 ? ByteString.EMPTY : handle.substring(slash + 1, handle.length());
    }

    /** {@code 0.NA/<PREFIX>} (upper-cased) for the handle's prefix: where its prefix-level admins live. */
    public static ByteString prefixHandleOf(ByteString handle) {
        return ZERO_NA_PREFIX.concat(prefix(handle).toAsciiUpperCase());
    }

    /** True if the handle starts with {@code 0.NA/} (any case). */
    public static boolean isPrefixHandle(ByteString handle) {
        return handle.length() > ZERO_NA_PREFIX.length()
                && handle.substring(0, ZERO_NA_PREFIX.length()).equalsIgnoreAsciiCase(ZERO_NA_PREFIX);
    }

    /** For {@code 0.NA/88.123.4567}: {@code 88.123.4567}. */
    public static Optional<ByteString> prefixOfPrefixHandle(ByteString handle) {
        return isPrefixHandle(handle)
                ? Optional.of(handle.substring(ZERO_NA_PREFIX.length(), handle.length()))
                : Optional.empty();
    }

    /** True for {@code 0.NA/A.B...} whose named prefix contains a dot: served by the parent prefix's node. */
    public static boolean isDerivedPrefixHandle(ByteString handle) {
        return prefixOfPrefixHandle(handle).map(p -> p.indexOf((byte) '.') >= 0 && p.indexOf((byte) '/') < 0)
                .orElse(false);
    }

    /** {@code 88.123.4567} → {@code 88.123}; empty for a prefix without a dot. */
    public static Optional<ByteString> parentPrefix(ByteString prefix) {
        for (int i = prefix.length() - 1; i > 0; i--) {
            if (prefix.byteAt(i) == '.') {
                return Optional.of(prefix.substring(0, i));
            }
        }
        return Optional.empty();
    }

    /** Handles starting {@code 0.} are global: case-insensitive as a whole (§10.2). */
    public static boolean isGlobal(ByteString handle) {
        return handle.length() >= 2 && handle.byteAt(0) == '0' && handle.byteAt(1) == '.';
    }

    /**
     * Admin-reference matching (§10.2): equal if the prefixes are equal ignoring ASCII case and the suffixes equal
     * exactly — or, for global handles ({@code 0.}...), equal ignoring case as a whole.
     */
    public static boolean sameIdentityHandle(ByteString a, ByteString b) {
        if (isGlobal(a) || isGlobal(b)) {
            return a.equalsIgnoreAsciiCase(b);
        }
        return prefix(a).equalsIgnoreAsciiCase(prefix(b)) && suffix(a).equals(suffix(b))
                && isPrefixReference(a) == isPrefixReference(b);
    }
}
