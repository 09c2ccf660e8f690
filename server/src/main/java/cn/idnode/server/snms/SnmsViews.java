package cn.idnode.server.snms;

import static cn.idnode.server.snms.SnmsReply.F;

import cn.idnode.node.account.Account;
import cn.idnode.node.audit.AuditEntry;
import cn.idnode.node.audit.AuditQuery;
import cn.idnode.node.business.ChinaTime;
import cn.idnode.node.business.Page;
import cn.idnode.node.data.IdentifierDetailOperation;
import cn.idnode.node.data.IdentifierRecords;
import cn.idnode.node.data.ItemResult;
import cn.idnode.node.enterprise.Enterprise;
import cn.idnode.node.enterprise.EnterprisePrefix;
import cn.idnode.node.enterprise.EnterpriseQueryOperation;
import cn.idnode.node.enterprise.HistoryEntry;
import cn.idnode.node.enterprise.PrefixQueryOperation;
import cn.idnode.node.record.StoredRecord;
import cn.idnode.node.standard.PackItem;
import cn.idnode.node.standard.TemplatePack;
import cn.idnode.node.template.Template;
import cn.idnode.node.template.TemplateItem;
import cn.idnode.protocol.ByteString;
import cn.idnode.protocol.HandleValue;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.List;
import java.util.function.Function;

/** Business objects in the JSON shapes of the SNMS API (snms-api.md §3–6), field names and types as documented. */
final class SnmsViews {
    private SnmsViews() {}

    static ObjectNode template(Template t) {
        ObjectNode o = F.objectNode();
        o.put("id", t.id());
        o.put("prefix", t.prefix());
        o.put("version", t.version());
        o.put("name", t.name());
        o.put("description", t.description());
        o.put("industryCategory", t.industryCategory());
        o.put("industrySpecific", t.industrySpecific());
        o.put("industryTrade", t.industryTrade());
        o.put("industrySubclass", t.industrySubclass());
        o.put("type", t.type());
        o.put("handle", t.handle());
        ArrayNode items = o.putArray("items");
        for (TemplateItem i : t.items()) {
            ObjectNode it = items.addObject();
            it.put("name", i.name());
            it.put("idType", i.idType());
            it.put("idIndex", i.idIndex());
            it.put("required", i.required());
            it.put("state", i.state());
            it.put("metadataId", i.metadataId());
            ObjectNode m = it.putObject("metadata");
            m.put("type", i.metadataType());
            m.put("minLength", i.minLength());
            m.put("maxLength", i.maxLength());
        }
        o.put("createDate", ChinaTime.dateTime(t.createdMillis()));
        o.put("updateDate", ChinaTime.dateTime(t.updatedMillis()));
        return o;
    }

    static ObjectNode pack(TemplatePack p) {
        ObjectNode o = F.objectNode();
        o.put("id", p.id());
        o.put("directionId", p.directionId());
        o.put("name", p.name());
        o.put("description", p.description());
        o.put("industryCategory", p.industryCategory());
        o.put("industrySpecific", p.industrySpecific());
        o.put("industryTrade", p.industryTrade());
        o.put("industrySubclass", p.industrySubclass());
        o.put("type", p.type());
        ArrayNode items = o.putArray("items");
        for (PackItem i : p.items()) {
            ObjectNode it = items.addObject();
            it.put("name", i.name());
            it.put("idType", i.idType());
            it.put("idIndex", i.idIndex());
            it.put("required", i.required());
            ObjectNode m = it.putObject("metadata");
            m.put("type", "string");
            m.put("minLength", i.minLength());
            m.put("maxLength", i.maxLength());
        }
        return o;
    }

    static ObjectNode detail(IdentifierDetailOperation.Detail d) {
        ObjectNode o = F.objectNode();
        o.put("code", "200");
        o.put("prefix", d.prefix());
        o.put("handle", d.handle());
        o.put("templateVersion", d.templateVersion());
        ArrayNode values = o.putArray("value");
        for (HandleValue v : d.values()) {
            ObjectNode e = values.addObject();
            e.put("index", v.index());
            e.put("type", v.typeName());
            e.put("auth", IdentifierRecords.auth(v));
            ObjectNode data = e.putObject("data");
            data.put("format", "string");
            data.put("value", v.data().utf8());
        }
        return o;
    }

    /** Batch create/update results: {@code [{handle, msg}]}. */
    static ArrayNode results(List<ItemResult> results, boolean withCode) {
        ArrayNode a = F.arrayNode();
        for (ItemResult r : results) {
            ObjectNode o = a.addObject();
            o.put("handle", r.handle());
            if (withCode) {
                o.put("code", r.status());
            }
            o.put("msg", r.message());
        }
        return a;
    }

    static ObjectNode prefixDetail(PrefixQueryOperation.Row row, String registryName) {
        EnterprisePrefix p = row.prefix();
        ObjectNode o = F.objectNode();
        o.put("prefix", p.prefix());
        o.put("createDate", ChinaTime.dateTime(p.createdMillis()));
        o.put("ghrName", registryName);
        o.put("status", p.status());
        o.put("proxyState", p.proxyState());
        Enterprise e = row.enterprise().orElse(null);
        JsonNode basic = e == null ? F.objectNode() : e.entBasicInfo();
        o.put("entNameCn", e == null ? "" : e.orgName());
        o.put("entWebSite", SnmsInput.text(basic, "website"));
        o.put("entIndustry", SnmsInput.text(basic, "industryCategory"));
        o.put("entAddrCn", SnmsInput.text(basic, "orgAddr"));
        o.put("entDesc", SnmsInput.text(basic, "orgDesc"));
        if (!p.site().isNone()) {
            ObjectNode s = o.putObject("entPrefixConfig");
            s.put("hdlType", "HS_SITE");
            s.put("ipType", p.site().ipType());
            s.put("ip", p.site().ip());
            s.put("tcpPort", p.site().tcpPort());
            s.put("udpPort", p.site().udpPort());
            s.put("httpPort", p.site().httpPort());
        }
        return o;
    }

    static ObjectNode prefixRow(PrefixQueryOperation.Row row) {
        EnterprisePrefix p = row.prefix();
        ObjectNode o = F.objectNode();
        o.put("id", p.id());
        o.put("createDate", ChinaTime.dateTime(p.createdMillis()));
        o.put("updateDate", ChinaTime.dateTime(p.updatedMillis()));
        o.put("entPrefix", p.prefix());
        o.put("entId", p.enterpriseId());
        o.put("state", p.status());
        o.put("entName", row.enterprise().map(Enterprise::orgName).orElse(""));
        o.put("proxyState", p.proxyState());
        return o;
    }

    static ObjectNode enterpriseRow(Enterprise e) {
        ObjectNode o = F.objectNode();
        o.put("id", e.id());
        o.put("createDate", ChinaTime.dateTime(e.createdMillis()));
        o.put("updateDate", ChinaTime.dateTime(e.updatedMillis()));
        o.put("orgName", e.orgName());
        JsonNode b = e.entBasicInfo();
        o.set("orgNature", b.has("orgNature") ? b.get("orgNature") : F.nullNode());
        o.put("orgCrtType", e.orgCrtType());
        o.put("orgCrtCode", e.orgCrtCode());
        o.put("orgDesc", SnmsInput.text(b, "orgDesc"));
        o.put("website", SnmsInput.text(b, "website"));
        o.put("entGeneralId", e.id());
        o.putArray("openIds");
        o.put("status", e.status());
        o.put("entPrefix", e.prefix().isEmpty() ? e.requestedPrefix() : e.prefix());
        o.put("username", e.username());
        return o;
    }

    static ObjectNode enterpriseDetail(EnterpriseQueryOperation.Row row) {
        Enterprise e = row.enterprise();
        ObjectNode o = F.objectNode();
        o.set("entBasicInfo", e.entBasicInfo());
        o.set("entRegisterManageInfo", e.entRegisterManageInfo() == null ? F.nullNode() : e.entRegisterManageInfo());
        o.set("entHostingAndIdentifyServeInfo", e.entHostingAndIdentifyServeInfo() == null ? F.nullNode()
                : e.entHostingAndIdentifyServeInfo());
        o.put("id", e.id());
        o.put("status", e.status());
        o.put("username", e.username());
        o.put("requestedPrefix", e.requestedPrefix());
        o.put("prefix", e.prefix());
        o.put("reason", e.reason());
        ArrayNode w = o.putArray("warnings");
        e.warnings().forEach(w::add);
        ArrayNode h = o.putArray("history");
        for (HistoryEntry x : row.history()) {
            ObjectNode y = h.addObject();
            y.put("time", ChinaTime.dateTime(x.timeMillis()));
            y.put("actor", x.actor());
            y.put("action", x.action());
            y.put("status", x.status());
            y.put("note", x.note());
        }
        return o;
    }

    static ObjectNode account(Account a) {
        ObjectNode o = F.objectNode();
        o.put("id", a.id());
        o.put("username", a.username());
        o.put("email", a.email());
        o.put("mobile", a.mobile());
        ArrayNode r = o.putArray("roles");
        a.roles().stream().map(Enum::name).sorted().forEach(r::add);
        o.put("enterpriseId", a.enterpriseId());
        o.put("identity", a.identity());
        o.put("createDate", ChinaTime.dateTime(a.createdMillis()));
        return o;
    }

    /** A Spring-style page (snms-api.md §5.2): {@code number} counts from 0 as Spring does. */
    static <T> ObjectNode page(Page<T> page, Function<T, JsonNode> row) {
        ObjectNode o = F.objectNode();
        ArrayNode content = o.putArray("content");
        page.content().forEach(t -> content.add(row.apply(t)));
        int totalPages = page.totalPages();
        o.put("first", page.page() <= 1);
        o.put("last", page.page() >= totalPages);
        o.put("totalPages", totalPages);
        o.put("totalElements", page.total());
        o.put("number", page.page() - 1);
        o.put("size", page.size());
        ObjectNode sort = o.putObject("sort");
        sort.put("sorted", false);
        sort.put("unsorted", true);
        sort.put("empty", true);
        o.put("numberOfElements", page.content().size());
        return o;
    }

    static ObjectNode audit(AuditQuery.Result r) {
        ObjectNode o = F.objectNode();
        ArrayNode hits = o.putArray("items");
        for (AuditQuery.Hit h : r.hits()) {
            AuditEntry e = h.entry();
            ObjectNode x = hits.addObject();
            x.put("sequence", h.sequence());
            x.put("time", ChinaTime.dateTime(e.timeMillis()));
            x.put("actor", e.actor());
            x.put("source", e.source());
            x.put("action", e.action());
            x.put("object", e.object());
            x.set("before", state(e.before()));
            x.set("after", state(e.after()));
        }
        if (r.next() > 0) {
            o.put("next", r.next());
        } else {
            o.putNull("next");
        }
        return o;
    }

    /** An audited state: business objects are JSON; records are shown as their values. */
    private static JsonNode state(ByteString b) {
        if (b.isEmpty()) {
            return F.nullNode();
        }
        byte first = b.byteAt(0);
        if (first == '{' || first == '[') {
            try {
                return SnmsReply.JSON.readTree(b.toByteArray());
            } catch (IOException e) {
                // not JSON after all
            }
        }
        try {
            StoredRecord r = StoredRecord.decode(b.toByteArray());
            ArrayNode values = F.arrayNode();
            for (HandleValue v : r.values().decode()) {
                ObjectNode x = values.addObject();
                x.put("index", v.index());
                x.put("type", v.typeName());
                x.put("data", v.data().isValidUtf8() ? v.data().utf8() : v.data().hex());
            }
            ObjectNode rec = F.objectNode();
            rec.put("handle", r.handle().utf8());
            rec.set("values", values);
            return rec;
        } catch (RuntimeException e) {
            return F.textNode(b.hex());
        }
    }
}
