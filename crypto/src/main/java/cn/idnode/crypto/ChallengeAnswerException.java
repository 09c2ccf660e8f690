package cn.idnode.crypto;

import cn.idnode.protocol.ResponseCode;

/**
 * A challenge answer that cannot be checked at all — as opposed to one that is checked and fails, which the
 * verifiers report as {@code false} (RC 403). The reason carries the response code of handle-protocol.md §13.2.
 */
public final class ChallengeAnswerException extends Exception {
    private static final long serialVersionUID = 1L;

    public enum Reason {
        /** The signed-response container or its parameters are unreadable or out of bounds: RC 406. */
        MALFORMED(ResponseCode.AUTHEN_ERROR),
        /** An unknown hash, MAC or signature algorithm name or code: RC 404. */
        UNKNOWN_ALGORITHM(ResponseCode.INVALID_CREDENTIAL),
        /** The identity's key cannot verify anything here (SM9 without a KGC key, a DH key): RC 403. */
        UNSUPPORTED_KEY(ResponseCode.AUTHENTICATION_FAILED);

        private final ResponseCode responseCode;

        Reason(ResponseCode responseCode) {
            this.responseCode = responseCode;
        }
    }

    private final Reason reason;

    public ChallengeAnswerException(Reason reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }

    /** The Handle response code to answer with. */
    public ResponseCode responseCode() {
        return reason.responseCode;
    }
}
