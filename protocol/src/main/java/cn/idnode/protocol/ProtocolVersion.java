package cn.idnode.protocol;

/**
 * A Handle protocol version (major.minor). See handle-protocol.md §5 for what each version changed and how the
 * response version is negotiated.
 */
public record ProtocolVersion(int major, int minor) implements Comparable<ProtocolVersion> {
    public static final ProtocolVersion V2_1 = new ProtocolVersion(2, 1);
    public static final ProtocolVersion V2_2 = new ProtocolVersion(2, 2);
    public static final ProtocolVersion V2_3 = new ProtocolVersion(2, 3);
    public static final ProtocolVersion V2_4 = new ProtocolVersion(2, 4);
    public static final ProtocolVersion V2_5 = new ProtocolVersion(2, 5);
    public static final ProtocolVersion V2_6 = new ProtocolVersion(2, 6);
    public static final ProtocolVersion V2_7 = new ProtocolVersion(2, 7);
    public static final ProtocolVersion V2_8 = new ProtocolVersion(2, 8);
    public static final ProtocolVersion V2_9 = new ProtocolVersion(2, 9);
    public static final ProtocolVersion V2_10 = new ProtocolVersion(2, 10);
    public static final ProtocolVersion V2_11 = new ProtocolVersion(2, 11);

    /** The highest version idnode speaks (CNRI 9.x). */
    public static final ProtocolVersion CURRENT = V2_11;

    public ProtocolVersion {
        if (major < 0 || major > 255 || minor < 0 || minor > 255) {
            throw new IllegalArgumentException("version bytes out of range: " + major + "." + minor);
        }
    }

    public boolean atLeast(ProtocolVersion other) {
        return compareTo(other) >= 0;
    }

    public boolean below(ProtocolVersion other) {
        return compareTo(other) < 0;
    }

    /** The version of our answer to a peer that suggested {@code suggested}: min(suggested, CURRENT). */
    public static ProtocolVersion negotiate(ProtocolVersion suggested) {
        return suggested.compareTo(CURRENT) < 0 ? suggested : CURRENT;
    }

    @Override
    public int compareTo(ProtocolVersion o) {
        return major != o.major ? Integer.compare(major, o.major) : Integer.compare(minor, o.minor);
    }

    @Override
    public String toString() {
        return major + "." + minor;
    }

    /** Parses "2.10". */
    public static ProtocolVersion parse(String s) {
        int dot = s.indexOf('.');
        if (dot <= 0) {
            throw new IllegalArgumentException("version must look like 2.11: " + s);
        }
        return new ProtocolVersion(Integer.parseInt(s.substring(0, dot)), Integer.parseInt(s.substring(dot + 1)));
    }
}
