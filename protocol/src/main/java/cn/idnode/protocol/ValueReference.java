package cn.idnode.protocol;

/** A reference {@code index:handle} — an admin, a group member, a key location (handle-protocol.md §0 ValueRef). */
public record ValueReference(ByteString handle, int index) {
    public ValueReference {
        if (handle == null) {
            throw new IllegalArgumentException("handle is required");
        }
    }

    public static ValueReference of(int index, String handle) {
        return new ValueReference(ByteString.utf8(handle), index);
    }

    /** Parses "300:88.123/admin". */
    public static ValueReference parse(String text) {
        int colon = text.indexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("expected index:handle, got " + text);
        }
        int index;
        try {
            index = Integer.parseInt(text.substring(0, colon).trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expected a numeric index in " + text, e);
        }
        return of(index, text.substring(colon + 1));
    }

    @Override
    public String toString() {
        return index + ":" + handle.utf8();
    }
}
