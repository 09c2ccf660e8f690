package cn.idnode.node.data;

import java.util.List;

/** An identifier to register or update through the SNMS API (snms-api.md §3.3). */
public record IdentifierInput(String handle, String templateVersion, List<DataValue> values) {
    public IdentifierInput {
        values = values == null ? List.of() : List.copyOf(values);
    }
}
