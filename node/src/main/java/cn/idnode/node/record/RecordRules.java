package cn.idnode.node.record;

import cn.idnode.node.error.HandleException;
import cn.idnode.protocol.ByteString;
import cn.idnode.protocol.EncodedValues;
import cn.idnode.protocol.HandleValue;
import cn.idnode.protocol.Limits;
import cn.idnode.protocol.ResponseCode;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What a record must satisfy before it is stored, whichever surface writes it (handle-protocol.md §7.3, §0):
 * a non-empty UTF-8 handle of at most 2048 bytes, value indexes above 0 and unique, at most 2048 values, and a size
 * that still fits in one answer — every answer must stay within 262 124 message bytes (the IDIS client limit), with
 * room for the header, a SHA-256 digest and the handle.
 */
public final class RecordRules {
    private RecordRules() {}

    /** Largest encoded value list that fits in an answer together with the longest handle. */
    public static final int MAX_VALUES_BYTES = Limits.IDIS_MAX_TCP_CHUNK - Limits.HEADER_SIZE - 33 - 4
            - Limits.MAX_HANDLE_LENGTH - 4 - 4;

    public static void checkHandle(ByteString handle) {
        if (handle.isEmpty()) {
            throw HandleException.invalidHandle("empty handle");
        }
        if (handle.length() > Limits.MAX_HANDLE_LENGTH) {
            throw HandleException.invalidHandle("handle longer than " + Limits.MAX_HANDLE_LENGTH + " bytes");
        }
        if (!handle.isValidUtf8()) {
            throw HandleException.invalidHandle("handle is not valid UTF-8");
        }
        for (int i = 0; i < handle.length(); i++) {
            int b = handle.byteAt(i) & 0xFF;
            if (b < 0x20 || b == 0x7F) {
                throw HandleException.invalidHandle("handle contains a control character");
            }
        }
    }

    public static void checkValues(List<HandleValue> values) {
        if (values.size() > Limits.MAX_VALUES) {
            throw new HandleException(ResponseCode.INVALID_VALUE, "a record holds at most " + Limits.MAX_VALUES
                    + " values, got " + values.size());
        }
        Set<Integer> seen = new HashSet<>();
        for (HandleValue v : values) {
            if (v.index() <= 0) {
                throw new HandleException(ResponseCode.INVALID_VALUE, "value index must be above 0: " + v.index());
            }
            if (!seen.add(v.index())) {
                throw new HandleException(ResponseCode.VALUE_ALREADY_EXISTS, "duplicate value index " + v.index());
            }
        }
    }

    public static void checkSize(EncodedValues values) {
        if (values.byteLength() > MAX_VALUES_BYTES) {
            throw new HandleException(ResponseCode.INVALID_VALUE, "record of " + values.byteLength()
                    + " bytes exceeds the " + MAX_VALUES_BYTES + "-byte limit of one answer");
        }
    }

    /** All rules; returns the values encoded. */
    public static EncodedValues check(ByteString handle, List<HandleValue> values) {
        checkHandle(handle);
        checkValues(values);
        EncodedValues encoded = EncodedValues.of(values);
        checkSize(encoded);
        return encoded;
    }
}
