package cn.idnode.store;

import java.util.Map;

/** Engine name and a few properties for status pages and metrics. */
public record StoreStatus(String engine, Map<String, String> properties) {
    public StoreStatus {
        properties = Map.copyOf(properties);
    }
}
