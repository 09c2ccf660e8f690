package cn.idnode.protocol;

import java.util.Optional;

/**
 * A referral body (RC 302 / 303, §6.4): a handle (empty in CNRI's 303) and, optionally, the values saying where to go
 * (HS_SITE / HS_SERV / HS_SITE.PREFIX ...).
 */
public record ReferralResponse(ByteString handle, Optional<EncodedValues> values) implements MessageBody {
    @Override
    public void encodeTo(WireWriter w) {
        w.writeBytes(handle);
        values.ifPresent(v -> {
            w.writeInt(v.count());
            v.writeTo(w);
        });
    }

    static ReferralResponse decode(WireReader r) throws ProtocolException {
        ByteString handle = r.readBytes("referral handle");
        if (!r.hasRemaining()) {
            return new ReferralResponse(handle, Optional.empty());
        }
        int n = r.readCount("referral values", Limits.MIN_VALUE_SIZE, Limits.MAX_VALUES);
        return new ReferralResponse(handle, Optional.of(EncodedValues.read(r, n)));
    }
}
