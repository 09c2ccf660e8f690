package cn.idnode.node.file;

import cn.idnode.node.business.Business;
import cn.idnode.node.business.BusinessException;
import cn.idnode.node.business.Principal;
import cn.idnode.node.op.Operation;
import cn.idnode.node.op.OperationContext;

/** Downloads an uploaded file: for its uploader, the user it is linked to, and operators (reviewing documents). */
public final class ReadFileOperation implements Operation<ReadFileOperation.Input, ReadFileOperation.Content> {
    private final Business b;

    public record Input(Principal who, long id) {}

    public record Content(StoredFile meta, byte[] bytes) {}

    public ReadFileOperation(Business b) {
        this.b = b;
    }

    @Override
    public String name() {
        return "read-file";
    }

    @Override
    public boolean readOnly() {
        return true;
    }

    @Override
    public Content execute(Input in, OperationContext ctx) {
        StoredFile f = b.files().meta(in.id()).orElseThrow(() -> BusinessException.notFound("文件不存在: " + in.id()));
        long me = in.who().accountId();
        if (!in.who().isOperator() && f.ownerAccount() != me && f.linkedAccount() != me) {
            throw BusinessException.forbidden("没有权限查看该文件");
        }
        byte[] bytes = b.files().content(in.id()).orElseThrow(() -> BusinessException.notFound("文件内容不存在"));
        return new Content(f, bytes);
    }
}
