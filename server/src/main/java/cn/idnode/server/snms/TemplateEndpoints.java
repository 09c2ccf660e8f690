package cn.idnode.server.snms;

import static cn.idnode.server.snms.SnmsReply.F;

import cn.idnode.node.template.DeleteTemplateOperation;
import cn.idnode.node.template.InstallTemplatePackOperation;
import cn.idnode.node.template.SaveTemplateOperation;
import cn.idnode.node.template.Template;
import cn.idnode.node.template.TemplateQueryOperation;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.List;

/** {@code /snms/api/v5/template} (and the v3 alias): metadata templates (snms-api.md §4), plus industry packs. */
final class TemplateEndpoints {
    private TemplateEndpoints() {}

    /** One template (prefix and version), or with no version every version of the prefix as an array. */
    static JsonNode get(SnmsCall c) {
        List<Template> found = c.run(c.ops().templateQuery(),
                new TemplateQueryOperation.Input(c.who(), c.required("prefix"), c.param("version")));
        if (!c.param("version").isEmpty()) {
            return SnmsViews.template(found.get(0));
        }
        ArrayNode a = F.arrayNode();
        found.forEach(t -> a.add(SnmsViews.template(t)));
        return a;
    }

    static JsonNode create(SnmsCall c) {
        c.run(c.ops().saveTemplate(), new SaveTemplateOperation.Input(c.who(), SnmsInput.template(c.objectBody()),
                true));
        return F.booleanNode(true);
    }

    static JsonNode update(SnmsCall c) {
        c.run(c.ops().saveTemplate(), new SaveTemplateOperation.Input(c.who(), SnmsInput.template(c.objectBody()),
                false));
        return F.booleanNode(true);
    }

    static JsonNode delete(SnmsCall c) {
        JsonNode b = c.objectBody();
        c.run(c.ops().deleteTemplate(), new DeleteTemplateOperation.Input(c.who(), SnmsInput.text(b, "prefix"),
                SnmsInput.text(b, "version")));
        return F.booleanNode(true);
    }

    static JsonNode packs(SnmsCall c) {
        c.who();
        ArrayNode a = F.arrayNode();
        c.ops().packs().all().forEach(p -> a.add(SnmsViews.pack(p)));
        return a;
    }

    static JsonNode installPack(SnmsCall c) {
        JsonNode b = c.objectBody();
        Template t = c.run(c.ops().installPack(), new InstallTemplatePackOperation.Input(c.who(),
                SnmsInput.text(b, "prefix"), SnmsInput.text(b, "version"), SnmsInput.text(b, "pack")));
        return SnmsViews.template(t);
    }
}
