package cn.idnode.node.error;

import cn.idnode.protocol.ByteString;
import cn.idnode.protocol.EncodedValues;
import cn.idnode.protocol.ResponseCode;

/**
 * RC 302 / 303: go elsewhere. Not a failure, but like one it ends the operation with its own answer, so it travels
 * the same way. Carries the values that say where to go (HS_SITE.PREFIX, HS_SERV...).
 */
public final class ReferralException extends HandleException {
    private static final long serialVersionUID = 1L;
    private final transient ByteString referralHandle;
    private final transient EncodedValues values;

    public ReferralException(ResponseCode code, ByteString referralHandle, EncodedValues values, String message) {
        super(code, message);
        if (code.code() != 302 && code.code() != 303) {
            throw new IllegalArgumentException("referrals are 302 or 303: " + code);
        }
        this.referralHandle = referralHandle;
        this.values = values;
    }

    /** The handle the client should ask for; empty in prefix referrals (as CNRI sends them). */
    public ByteString referralHandle() {
        return referralHandle;
    }

    public EncodedValues values() {
        return values;
    }
}
