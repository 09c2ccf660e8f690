package cn.idnode.server.snms;

import static cn.idnode.server.snms.SnmsReply.F;

import cn.idnode.node.account.NewAccount;
import cn.idnode.node.audit.AuditQuery;
import cn.idnode.node.business.BusinessException;
import cn.idnode.node.business.Page;
import cn.idnode.node.business.Role;
import cn.idnode.node.enterprise.ApplyEnterpriseOperation;
import cn.idnode.node.enterprise.ApproveEnterpriseOperation;
import cn.idnode.node.enterprise.ChangePrefixStateOperation;
import cn.idnode.node.enterprise.ConfigureResolutionOperation;
import cn.idnode.node.enterprise.Enterprise;
import cn.idnode.node.enterprise.EnterprisePrefix;
import cn.idnode.node.enterprise.EnterpriseQueryOperation;
import cn.idnode.node.enterprise.EnterpriseSites;
import cn.idnode.node.enterprise.PrefixQueryOperation;
import cn.idnode.node.enterprise.RejectEnterpriseOperation;
import cn.idnode.node.enterprise.ReviewHostingOperation;
import cn.idnode.node.enterprise.StartReviewOperation;
import cn.idnode.node.file.StoredFile;
import cn.idnode.node.file.UploadFileOperation;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.ext.web.FileUpload;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * Enterprise onboarding, review, prefixes and their resolution, files and the audit log (snms-api.md §5–7; review,
 * prefix state, hosting review and audit are idnode extensions documented in docs/snms-api.md).
 */
final class EnterpriseEndpoints {
    private EnterpriseEndpoints() {}

    static JsonNode upload(SnmsCall c) {
        if (c.uploads().isEmpty()) {
            throw BusinessException.invalid("缺少上传文件: file");
        }
        FileUpload f = c.uploads().stream().filter(u -> "file".equals(u.name())).findFirst()
                .orElse(c.uploads().get(0));
        byte[] content;
        try {
            content = Files.readAllBytes(Path.of(f.uploadedFileName()));
        } catch (IOException e) {
            throw BusinessException.invalid("读取上传文件失败");
        }
        StoredFile s = c.run(c.ops().uploadFile(), new UploadFileOperation.Input(c.who(), f.fileName(), content));
        ObjectNode data = F.objectNode();
        data.put("id", s.id());
        data.put("path", s.path());
        return data;
    }

    static JsonNode apply(SnmsCall c) {
        c.who().require(Role.ADMIN);
        JsonNode b = c.objectBody();
        JsonNode sysUser = b.get("sysUser");
        if (sysUser == null || !sysUser.isObject()) {
            throw BusinessException.invalid("缺少必要的参数: sysUser");
        }
        NewAccount user = IdentityEndpoints.newAccount(sysUser, Role.ENTERPRISE);
        return enterpriseRow(c, c.run(c.ops().apply(), new ApplyEnterpriseOperation.Input(c.who(), Optional.of(user),
                "", b.get("entBasicInfo"), b.get("entRegisterManageInfo"), b.get("entHostingAndIdentifyServeInfo"))));
    }

    static JsonNode upgradeApply(SnmsCall c) {
        JsonNode b = c.objectBody();
        String user = SnmsInput.text(b, "username");
        if (user.isEmpty()) {
            user = SnmsInput.text(b, "userName");
        }
        return enterpriseRow(c, c.run(c.ops().apply(), new ApplyEnterpriseOperation.Input(c.who(), Optional.empty(),
                user, b.get("entBasicInfo"), b.get("entRegisterManageInfo"), b.get("entHostingAndIdentifyServeInfo"))));
    }

    /** The documented answer is {@code data: true}. */
    private static JsonNode enterpriseRow(SnmsCall c, Enterprise e) {
        return F.booleanNode(e.id() > 0);
    }

    static JsonNode page(SnmsCall c) {
        Page<EnterpriseQueryOperation.Row> p = c.run(c.ops().enterpriseQuery(), new EnterpriseQueryOperation.Input(
                c.who(), 0, c.param("orgName"), c.time("startDate"), c.time("endDate"), c.intParam("status", -1),
                c.intParam("currentPage", 1), c.intParam("pageSize", 10)));
        return SnmsViews.page(p, r -> SnmsViews.enterpriseRow(r.enterprise()));
    }

    static JsonNode detail(SnmsCall c) {
        long id = c.longParam("id", 0);
        if (id <= 0) {
            throw BusinessException.invalid("缺少必要的请求参数: id");
        }
        Page<EnterpriseQueryOperation.Row> p = c.run(c.ops().enterpriseQuery(), new EnterpriseQueryOperation.Input(
                c.who(), id, "", Optional.empty(), Optional.empty(), -1, 1, 1));
        return SnmsViews.enterpriseDetail(p.content().get(0));
    }

    /** Review actions: {@code start}, {@code approve} (optional {@code prefix}, {@code entPrefixConfig}), {@code reject}. */
    static JsonNode review(SnmsCall c) {
        c.who().require(Role.ADMIN, Role.REVIEWER);
        JsonNode b = c.objectBody();
        long id = SnmsInput.optionalInt(b, "id").orElseThrow(() -> BusinessException.invalid("缺少必要的参数: id"));
        String action = SnmsInput.text(b, "action").trim().toLowerCase(Locale.ROOT);
        Enterprise e = switch (action) {
            case "start" -> c.run(c.ops().startReview(), new StartReviewOperation.Input(c.who(), id));
            case "approve" -> c.run(c.ops().approve(), new ApproveEnterpriseOperation.Input(c.who(), id,
                    SnmsInput.text(b, "prefix"), nodeAddress(b.get("entPrefixConfig")), SnmsInput.text(b, "note")));
            case "reject" -> c.run(c.ops().reject(), new RejectEnterpriseOperation.Input(c.who(), id,
                    SnmsInput.text(b, "reason")));
            default -> throw BusinessException.invalid("action 应为 start、approve 或 reject");
        };
        return SnmsViews.enterpriseRow(e);
    }

    static JsonNode prefixQuery(SnmsCall c) {
        Page<PrefixQueryOperation.Row> p = c.run(c.ops().prefixQuery(), new PrefixQueryOperation.Input(c.who(), "",
                c.required("prefix"), Optional.empty(), Optional.empty(), 1, 1, true));
        return SnmsViews.prefixDetail(p.content().get(0), c.ops().business().settings().registryName());
    }

    static JsonNode prefixPage(SnmsCall c) {
        Page<PrefixQueryOperation.Row> p = c.run(c.ops().prefixQuery(), new PrefixQueryOperation.Input(c.who(),
                c.param("entName"), c.param("entPrefix"), c.time("startDate"), c.time("endDate"),
                c.intParam("currentPage", 1), c.intParam("pageSize", 10), false));
        return SnmsViews.page(p, SnmsViews::prefixRow);
    }

    /** {@code {prefix, status}} with status 0, 1 or 2, or {@code {prefix, action: "delete"}}. */
    static JsonNode prefixState(SnmsCall c) {
        JsonNode b = c.objectBody();
        String prefix = SnmsInput.text(b, "prefix");
        int target = "delete".equalsIgnoreCase(SnmsInput.text(b, "action")) ? ChangePrefixStateOperation.DELETE
                : SnmsInput.optionalInt(b, "status").orElse(Integer.MIN_VALUE);
        Optional<EnterprisePrefix> after = c.run(c.ops().changePrefixState(), new ChangePrefixStateOperation.Input(
                c.who(), prefix, target, SnmsInput.text(b, "reason")));
        return after.<JsonNode>map(p -> SnmsViews.prefixRow(new PrefixQueryOperation.Row(p, Optional.empty())))
                .orElse(F.booleanNode(true));
    }

    static JsonNode config(SnmsCall c) {
        JsonNode b = c.objectBody();
        JsonNode cfg = b.get("entPrefixConfig");
        String prefix = SnmsInput.text(cfg, "entPrefix");
        Optional<EnterprisePrefix.NodeAddress> self = cfg != null && cfg.hasNonNull("ip")
                && !SnmsInput.text(cfg, "ip").isBlank() ? nodeAddress(cfg) : Optional.empty();
        if (self.isPresent() && !SnmsInput.text(cfg, "hdlType").isEmpty()
                && !"HS_SITE".equals(SnmsInput.text(cfg, "hdlType"))) {
            throw BusinessException.invalid("hdlType 仅支持 HS_SITE");
        }
        EnterprisePrefix p = c.run(c.ops().configureResolution(), new ConfigureResolutionOperation.Input(c.who(),
                prefix, SnmsInput.optionalInt(b, "proxyServerId"), self));
        return SnmsViews.prefixRow(new PrefixQueryOperation.Row(p, Optional.empty()));
    }

    static JsonNode configReview(SnmsCall c) {
        JsonNode b = c.objectBody();
        EnterprisePrefix p = c.run(c.ops().reviewHosting(), new ReviewHostingOperation.Input(c.who(),
                SnmsInput.text(b, "entPrefix"), SnmsInput.optionalBoolean(b, "approve").orElse(false),
                SnmsInput.text(b, "reason")));
        return SnmsViews.prefixRow(new PrefixQueryOperation.Row(p, Optional.empty()));
    }

    static JsonNode audit(SnmsCall c) {
        return SnmsViews.audit(c.run(c.ops().auditQuery(), new AuditQuery.Input(c.who(), c.param("object"),
                c.param("actor"), c.time("startDate"), c.time("endDate"), c.longParam("after", 0),
                c.intParam("limit", 100))));
    }

    private static Optional<EnterprisePrefix.NodeAddress> nodeAddress(JsonNode cfg) {
        if (cfg == null || cfg.isNull() || !cfg.isObject()) {
            return Optional.empty();
        }
        int ipType = SnmsInput.optionalInt(cfg, "ipType").orElseThrow(() ->
                BusinessException.invalid("缺少必要的参数: entPrefixConfig.ipType"));
        return Optional.of(EnterpriseSites.check(ipType, SnmsInput.text(cfg, "ip"), SnmsInput.text(cfg, "tcpPort"),
                SnmsInput.text(cfg, "udpPort"), SnmsInput.text(cfg, "httpPort")));
    }
}
