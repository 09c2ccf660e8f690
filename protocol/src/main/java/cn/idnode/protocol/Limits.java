package cn.idnode.protocol;

/** Wire limits (handle-protocol.md §0). Every length read from the wire is checked against one of these. */
public final class Limits {
    private Limits() {}

    public static final int ENVELOPE_SIZE = 20;
    public static final int HEADER_SIZE = 24;
    /** Header + body + credential, excluding the envelope. */
    public static final int MAX_MESSAGE_LENGTH = 262_144;
    public static final int UDP_PACKET_SIZE = 512;
    public static final int UDP_DATA_SIZE = UDP_PACKET_SIZE - ENVELOPE_SIZE;
    public static final int MAX_VALUES = 2048;
    /** The smallest possible encoded handle value (empty type and data, no references). */
    public static final int MIN_VALUE_SIZE = 26;
    public static final int MAX_HANDLE_LENGTH = 2048;
    public static final int MAX_ARRAY_SIZE = 1_048_576;
    public static final int NONCE_SIZE = 16;
    /** IDIS SDK splits TCP requests after this many message bytes (idis-extensions.md §3.4); we never exceed it. */
    public static final int IDIS_MAX_TCP_CHUNK = 262_124;
}
