package cn.idnode.node.standard;

import java.util.List;
import java.util.Objects;

/**
 * A ready-made metadata template for one industry direction: the body of an SNMS v5 template (snms-api.md §4.1)
 * without {@code prefix}, {@code version}, {@code id} and {@code handle}, which the enterprise supplies or the server
 * assigns when the pack is used.
 *
 * @param id pack id, e.g. {@code food} (see {@link IndustryDirection#packId()})
 * @param directionId the industry direction, 1 … 15
 * @param industryCategory GB/T 4754 section; the other three industry fields may be empty
 * @param type 1 = active identifier carrier, 2 = other (all bundled packs are 2)
 */
public record TemplatePack(String id, int directionId, String name, String description, String industryCategory,
        String industrySpecific, String industryTrade, String industrySubclass, int type, List<PackItem> items) {
    public TemplatePack {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(industryCategory, "industryCategory");
        Objects.requireNonNull(industrySpecific, "industrySpecific");
        Objects.requireNonNull(industryTrade, "industryTrade");
        Objects.requireNonNull(industrySubclass, "industrySubclass");
        items = List.copyOf(items);
    }
}
