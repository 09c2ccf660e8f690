package cn.idnode.node.standard;

import java.util.List;
import java.util.Objects;

/**
 * One of the fifteen industry directions of the Chongqing notice (附件1, national-system.md §10.1).
 *
 * @param id 1 … 15, in the order of the notice
 * @param industryCodes GB/T 4754-2017 codes written section letter + digits ({@code C14}, {@code C384},
 *     {@code C3562}); empty for the park node, which spans industries
 * @param packResource file name of the direction's template pack under {@code cn/idnode/node/template/packs/}
 */
public record IndustryDirection(int id, String nameZh, String nameEn, List<String> industryCodes, String packResource) {
    public IndustryDirection {
        Objects.requireNonNull(nameZh, "nameZh");
        Objects.requireNonNull(nameEn, "nameEn");
        industryCodes = List.copyOf(industryCodes);
        Objects.requireNonNull(packResource, "packResource");
    }

    /** The pack id: the resource name without its number and extension ({@code 01-food.json} → {@code food}). */
    public String packId() {
        return packResource.substring(packResource.indexOf('-') + 1, packResource.length() - ".json".length());
    }
}
