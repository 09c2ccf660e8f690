package cn.idnode.node.template;

/**
 * One attribute of a metadata template (snms-api.md §4.2): a Handle value index (≥ 2000) and type, a display name,
 * whether it is required, whether it is enabled, and its string length bounds.
 *
 * @param state 1 enabled, 0 disabled (items are never deleted)
 */
public record TemplateItem(String name, String idType, int idIndex, boolean required, int state, long metadataId,
                           String metadataType, int minLength, int maxLength) {
    public static final int ENABLED = 1;
    public static final int DISABLED = 0;

    public boolean enabled() {
        return state == ENABLED;
    }
}
