package cn.idnode.node.file;

import cn.idnode.node.business.Business;
import cn.idnode.node.business.BusinessAudit;
import cn.idnode.node.business.BusinessException;
import cn.idnode.node.business.Principal;
import cn.idnode.node.op.Operation;
import cn.idnode.node.op.OperationContext;
import cn.idnode.store.WriteBatch;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;

/**
 * Stores an uploaded licence or ID-card image, or a PDF (snms-api.md §6.1): the type is decided from the content's
 * magic bytes, not the name or the declared type; images up to 1 MB (JPEG, PNG, BMP), PDF up to 5 MB.
 */
public final class UploadFileOperation implements Operation<UploadFileOperation.Input, StoredFile> {
    private final Business b;
    private final FileStore files;

    public record Input(Principal who, String originalName, byte[] content) {}

    public UploadFileOperation(Business b, FileStore files) {
        this.b = b;
        this.files = files;
    }

    @Override
    public String name() {
        return "upload-file";
    }

    @Override
    public boolean readOnly() {
        return false;
    }

    @Override
    public StoredFile execute(Input in, OperationContext ctx) {
        byte[] c = in.content();
        if (c == null || c.length == 0) {
            throw BusinessException.invalid("缺少上传文件: file");
        }
        Kind kind = Kind.of(c).orElseThrow(() ->
                BusinessException.invalid("不支持的文件类型，仅支持 JPG、PNG、BMP 图片和 PDF 文件"));
        long limit = kind == Kind.PDF ? b.settings().maxPdfBytes() : b.settings().maxImageBytes();
        if (c.length > limit) {
            throw BusinessException.invalid((kind == Kind.PDF ? "PDF文件" : "图片") + "大小不能超过"
                    + (limit / (1024 * 1024)) + "MB");
        }
        long now = b.now();
        String name = in.originalName() == null ? "" : in.originalName();
        if (name.length() > 255) {
            name = name.substring(0, 255);
        }
        StoredFile f = new StoredFile(b.fileIds().next(), UUID.randomUUID() + "." + kind.extension, name,
                kind.contentType, c.length, sha256(c), in.who().accountId(), 0, now);
        WriteBatch batch = new WriteBatch();
        files.stageNew(batch, f, c);
        BusinessAudit.stage(batch, in.who(), now, "upload-file", "file/" + f.id(), Optional.empty(), Optional.of(f));
        b.store().write(batch);
        return f;
    }

    private static String sha256(byte[] c) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(c));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    enum Kind {
        JPEG("jpg", "image/jpeg"), PNG("png", "image/png"), BMP("bmp", "image/bmp"), PDF("pdf", "application/pdf");

        final String extension;
        final String contentType;

        Kind(String extension, String contentType) {
            this.extension = extension;
            this.contentType = contentType;
        }

        static Optional<Kind> of(byte[] c) {
            if (starts(c, 0xFF, 0xD8, 0xFF)) {
                return Optional.of(JPEG);
            }
            if (starts(c, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) {
                return Optional.of(PNG);
            }
            if (starts(c, 'B', 'M') && c.length > 26) {
                return Optional.of(BMP);
            }
            if (starts(c, '%', 'P', 'D', 'F', '-')) {
                return Optional.of(PDF);
            }
            return Optional.empty();
        }

        private static boolean starts(byte[] c, int... magic) {
            if (c.length < magic.length) {
                return false;
            }
            for (int i = 0; i < magic.length; i++) {
                if ((c[i] & 0xFF) != magic[i]) {
                    return false;
                }
            }
            return true;
        }
    }
}
