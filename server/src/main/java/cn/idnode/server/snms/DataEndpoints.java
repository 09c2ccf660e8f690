package cn.idnode.server.snms;

import static cn.idnode.server.snms.SnmsReply.F;

import cn.idnode.node.business.BusinessException;
import cn.idnode.node.data.DeleteIdentifiersOperation;
import cn.idnode.node.data.IdentifierDetailOperation;
import cn.idnode.node.data.IdentifierInput;
import cn.idnode.node.data.ItemResult;
import cn.idnode.node.data.RegisterIdentifiersOperation;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** {@code /identityv2/data}: identifier registration, update, deletion and resolution (snms-api.md §3). */
final class DataEndpoints {
    private DataEndpoints() {}

    static JsonNode detail(SnmsCall c) {
        return SnmsViews.detail(c.run(c.ops().identifierDetail(),
                new IdentifierDetailOperation.Input(c.who(), c.required("handle"))));
    }

    static JsonNode create(SnmsCall c) {
        return single(c, false);
    }

    static JsonNode update(SnmsCall c) {
        return single(c, true);
    }

    private static JsonNode single(SnmsCall c, boolean update) {
        IdentifierInput in = SnmsInput.identifier(c.objectBody());
        ItemResult r = c.run(c.ops().registerIdentifiers(),
                new RegisterIdentifiersOperation.Input(c.who(), List.of(in), update)).get(0);
        return outcome(r);
    }

    static JsonNode batchCreate(SnmsCall c) {
        return batch(c, false);
    }

    static JsonNode batchUpdate(SnmsCall c) {
        return batch(c, true);
    }

    private static JsonNode batch(SnmsCall c, boolean update) {
        JsonNode body = c.body();
        if (body == null || !body.isArray()) {
            throw BusinessException.invalid("请求体应为标识数据的JSON数组");
        }
        if (body.size() > c.ops().business().settings().maxBatch()) {
            throw BusinessException.invalid("单次最多提交" + c.ops().business().settings().maxBatch() + "个标识，实际"
                    + body.size() + "个");
        }
        List<IdentifierInput> items = new ArrayList<>(body.size());
        for (JsonNode n : body) {
            items.add(SnmsInput.identifier(n));
        }
        return SnmsViews.results(c.run(c.ops().registerIdentifiers(),
                new RegisterIdentifiersOperation.Input(c.who(), items, update)), false);
    }

    static JsonNode delete(SnmsCall c) {
        String handle = SnmsInput.text(c.objectBody(), "handle");
        if (handle.isEmpty()) {
            throw BusinessException.invalid("缺少必要的请求参数: handle");
        }
        return outcome(c.run(c.ops().deleteIdentifiers(),
                new DeleteIdentifiersOperation.Input(c.who(), List.of(handle))).get(0));
    }

    static JsonNode batchDelete(SnmsCall c) {
        JsonNode body = c.body();
        if (body == null || !body.isArray()) {
            throw BusinessException.invalid("请求体应为标识字符串的JSON数组");
        }
        if (body.size() > c.ops().business().settings().maxBatch()) {
            throw BusinessException.invalid("单次最多提交" + c.ops().business().settings().maxBatch() + "个标识，实际"
                    + body.size() + "个");
        }
        List<String> handles = new ArrayList<>(body.size());
        for (JsonNode n : body) {
            if (!n.isTextual()) {
                throw BusinessException.invalid("批量删除的每一项应为标识字符串");
            }
            handles.add(n.asText());
        }
        return SnmsViews.results(c.run(c.ops().deleteIdentifiers(),
                new DeleteIdentifiersOperation.Input(c.who(), handles)), true);
    }

    /** A single call's item result: success is {@code data: true}, a failure the item's status and message. */
    private static JsonNode outcome(ItemResult r) {
        if (r.succeeded()) {
            return F.booleanNode(true);
        }
        throw new BusinessException(r.status() == -3 ? BusinessException.Kind.FORBIDDEN
                : r.status() == -1 ? BusinessException.Kind.UNAUTHENTICATED : BusinessException.Kind.INVALID,
                r.message());
    }
}
