package cn.idnode.node.file;

/**
 * An uploaded file's metadata (snms-api.md §6.1). Content is kept separately under the same id.
 *
 * @param path          the name clients see ({@code <uuid>.<ext>})
 * @param ownerAccount  the account that uploaded it
 * @param linkedAccount the one user it is linked to once an application references it (0 before)
 */
public record StoredFile(long id, String path, String originalName, String contentType, long size, String sha256,
                         long ownerAccount, long linkedAccount, long createdMillis) {

    public StoredFile linkedTo(long account) {
        return new StoredFile(id, path, originalName, contentType, size, sha256, ownerAccount, account, createdMillis);
    }
}
