package cn.idnode.node.template;

import java.util.List;

/**
 * A metadata template (snms-api.md §4.1): the schema of the attributes of identifiers under one enterprise prefix, in
 * one version. Its own identifier ({@code handle}, {@code <prefix>/META_<id>}) is what records name at index 1000,
 * with the version at index 1001.
 *
 * @param type 1 active identifier carrier (主动标识载体), 2 other
 */
public record Template(long id, String prefix, String version, String name, String description,
                       String industryCategory, String industrySpecific, String industryTrade, String industrySubclass,
                       int type, String handle, List<TemplateItem> items, long createdMillis, long updatedMillis,
                       String createdBy) {
    public Template {
        items = List.copyOf(items);
        name = name == null ? "" : name;
        description = description == null ? "" : description;
        industryCategory = industryCategory == null ? "" : industryCategory;
        industrySpecific = industrySpecific == null ? "" : industrySpecific;
        industryTrade = industryTrade == null ? "" : industryTrade;
        industrySubclass = industrySubclass == null ? "" : industrySubclass;
    }
}
