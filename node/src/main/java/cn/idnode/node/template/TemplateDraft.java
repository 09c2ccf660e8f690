package cn.idnode.node.template;

import java.util.List;
import java.util.Optional;

/**
 * A template as a client submits it for creation or update; absent members keep their defaults (creation) or
 * current values (update).
 */
public record TemplateDraft(String prefix, String version, Optional<String> name, Optional<String> description,
                            Optional<String> industryCategory, Optional<String> industrySpecific,
                            Optional<String> industryTrade, Optional<String> industrySubclass, Optional<Integer> type,
                            List<ItemDraft> items) {
    public TemplateDraft {
        items = List.copyOf(items);
    }

    /** An item as submitted; {@code idIndex} absent means "assign the next free index". */
    public record ItemDraft(Optional<String> name, Optional<String> idType, Optional<Integer> idIndex,
                            Optional<Boolean> required, Optional<Integer> state, Optional<String> metadataType,
                            Optional<Integer> minLength, Optional<Integer> maxLength) {}
}
