package cn.idnode.store;

/** A precondition of a {@link WriteBatch} did not hold; nothing of the batch was written. */
public final class PreconditionFailedException extends StoreException {
    private static final long serialVersionUID = 1L;
    private final transient WriteBatch.Op failed;

    public PreconditionFailedException(WriteBatch.Op failed) {
        super("precondition failed: " + failed);
        this.failed = failed;
    }

    /** The precondition that failed (its type, space and key). */
    public WriteBatch.Op failed() {
        return failed;
    }
}
