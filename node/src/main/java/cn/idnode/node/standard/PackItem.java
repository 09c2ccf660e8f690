package cn.idnode.node.standard;

import java.util.Objects;

/**
 * One item of a template pack, in the terms of an SNMS v5 template item (snms-api.md §4.2). Pack items are always
 * enabled ({@code state} 1) and of metadata type {@code "string"}.
 *
 * @param name Chinese display name, unique within the pack
 * @param idType English name, the Handle value type; unique within the pack
 * @param idIndex the Handle value index, ≥ 2000 and unique within the pack
 */
public record PackItem(String name, String idType, int idIndex, boolean required, int minLength, int maxLength) {
    public PackItem {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(idType, "idType");
    }
}
