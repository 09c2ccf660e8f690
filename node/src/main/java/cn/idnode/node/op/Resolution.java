package cn.idnode.node.op;

import cn.idnode.protocol.ByteString;
import cn.idnode.protocol.EncodedValues;

/** The answer of a resolution: the handle as asked and the selected values, still in wire encoding. */
public record Resolution(ByteString handle, EncodedValues values) {}
