package cn.idnode.node.data;

/**
 * One attribute value in the SNMS identifier API (snms-api.md §3.1): Handle index and type, the reserved
 * {@code auth} code, and {@code data.format} / {@code data.value}.
 *
 * @param auth "" or "1": public; "0": restricted to the enterprise (readable through its identities only) [inferred]
 */
public record DataValue(int index, String type, String auth, String format, String value) {}
