package cn.idnode.node.data;

import cn.idnode.node.business.BusinessException;
import cn.idnode.node.business.Principal;
import cn.idnode.node.error.HandleException;
import cn.idnode.node.error.HandleNotFoundException;
import cn.idnode.node.error.NotResponsibleException;
import cn.idnode.node.error.ValuesNotFoundException;
import cn.idnode.node.op.Operation;
import cn.idnode.node.op.OperationContext;
import cn.idnode.node.op.Resolution;
import cn.idnode.node.op.ResolveOperation;
import cn.idnode.node.op.ResolveQuery;
import cn.idnode.protocol.ByteString;
import cn.idnode.protocol.HandleNames;
import cn.idnode.protocol.HandleValue;
import java.util.List;

/**
 * Resolves an identifier for the SNMS API ({@code GET /identityv2/data/detail}, snms-api.md §3.2) through the same
 * resolution operation as the Handle protocol, with the caller's identity deciding which restricted values it sees
 * (as for logged-in IDIS connections). Returns the template values (1000, 1001, ≥ 2000); administration values are
 * not part of this API.
 */
public final class IdentifierDetailOperation implements Operation<IdentifierDetailOperation.Input,
        IdentifierDetailOperation.Detail> {
    private final ResolveOperation resolve;

    public record Input(Principal who, String handle) {}

    /** @param templateVersion the value at 1001, or "" */
    public record Detail(String handle, String prefix, String templateVersion, List<HandleValue> values) {}

    public IdentifierDetailOperation(ResolveOperation resolve) {
        this.resolve = resolve;
    }

    @Override
    public String name() {
        return "identifier-detail";
    }

    @Override
    public boolean readOnly() {
        return true;
    }

    @Override
    public Detail execute(Input in, OperationContext ctx) {
        String h = in.handle() == null ? "" : in.handle().trim();
        if (h.isEmpty()) {
            throw BusinessException.invalid("缺少必要的请求参数: handle");
        }
        Resolution r;
        try {
            r = resolve.execute(new ResolveQuery(ByteString.utf8(h), List.of(), List.of(), true, true, true), ctx);
        } catch (HandleNotFoundException | NotResponsibleException | ValuesNotFoundException e) {
            throw BusinessException.notFound("没有找到标识");
        } catch (BusinessException e) {
            throw e;
        } catch (HandleException e) {
            throw BusinessException.invalid(e.getMessage());
        }
        List<HandleValue> values = r.values().decode().stream()
                .filter(v -> IdentifierRecords.isTemplateValue(v.index())).toList();
        String version = values.stream().filter(v -> v.index() == 1001).map(v -> v.data().utf8()).findFirst()
                .orElse("");
        ByteString handle = ByteString.utf8(h);
        return new Detail(h, HandleNames.prefix(handle).utf8(), version, values);
    }
}
