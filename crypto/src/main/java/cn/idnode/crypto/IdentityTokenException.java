package cn.idnode.crypto;

/**
 * An identity token (idis-extensions.md §8.2) was rejected. idis §8.2 asks the server to answer such a resolution as
 * anonymous and log the reason, so no response code is attached.
 */
public final class IdentityTokenException extends Exception {
    private static final long serialVersionUID = 1L;

    public enum Reason {
        /** Not a compact JWS with the expected JSON header and claims. */
        MALFORMED,
        /** A header {@code alg} other than RS256, or a critical header extension. */
        UNSUPPORTED_ALGORITHM,
        /** The identity's key is not RSA. */
        WRONG_KEY,
        /** The signature does not verify. */
        BAD_SIGNATURE
    }

    private final Reason reason;

    public IdentityTokenException(Reason reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    public IdentityTokenException(Reason reason, String message, Throwable cause) {
        super(message, cause, false, false);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
