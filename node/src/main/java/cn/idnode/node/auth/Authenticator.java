package cn.idnode.node.auth;

import cn.idnode.node.error.HandleException;
import cn.idnode.node.prefix.Responsibility;
import cn.idnode.node.record.RecordReader;
import cn.idnode.node.record.StoredRecord;
import cn.idnode.protocol.ByteString;
import cn.idnode.protocol.ChallengeAnswerRequest;
import cn.idnode.protocol.HandleValue;
import cn.idnode.protocol.ResponseCode;
import cn.idnode.protocol.ValueReference;
import cn.idnode.protocol.ValueTypes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Proves an identity from a challenge answer (handle-protocol.md §13.3–§13.4): finds the identity's HS_PUBKEY or
 * HS_SECKEY values (locally, restricted values included, when the identity's prefix is served here; otherwise from
 * its home node) and checks the answer. Index 0 means "any value of that type", tried in index order; the first that
 * verifies defines the identity's index.
 *
 * <p>Codes: unknown auth type → 404, no key at the identity → 403, answer does not verify → 403, a key that cannot
 * check anything (unreadable data, SM9 without the KGC key — idis-extensions.md §6.2, §7) is skipped and, if no
 * other key verifies, → 403 naming the reason; an unreadable answer → 406, an unknown algorithm in it → 404. The
 * identity is returned only after a successful check.
 */
public final class Authenticator {
    private static final Logger log = LoggerFactory.getLogger(Authenticator.class);

    private final KeyVerifier verifier;
    private final Responsibility responsibility;
    private final RemoteIdentities remote;

    public Authenticator(KeyVerifier verifier, Responsibility responsibility, RemoteIdentities remote) {
        this.verifier = verifier;
        this.responsibility = responsibility;
        this.remote = remote;
    }

    public ValueReference authenticate(ChallengeAnswerRequest answer, byte[] nonce, byte[] digest,
                                       RecordReader reads) {
        boolean publicKey = answer.authType().equals(ChallengeAnswerRequest.HS_PUBKEY);
        boolean secretKey = answer.authType().equals(ChallengeAnswerRequest.HS_SECKEY);
        if (!publicKey && !secretKey) {
            throw new HandleException(ResponseCode.INVALID_CREDENTIAL, "unknown authentication type "
                    + answer.authType());
        }
        ValueReference claimed = new ValueReference(answer.userIdHandle(), answer.userIdIndex());
        boolean local = responsibility.isMine(answer.userIdHandle());
        ByteString type = publicKey ? ValueTypes.HS_PUBKEY : ValueTypes.HS_SECKEY;
        if (secretKey && !local) {
            if (remote.verifySecretKeyRemotely(claimed, nonce, digest, answer.signedResponse())) {
                return claimed;
            }
            throw failed(claimed, "its home server did not confirm the answer");
        }
        List<HandleValue> keys = keys(claimed, type, local, reads);
        if (keys.isEmpty()) {
            throw failed(claimed, "no " + type.utf8() + " value at " + claimed);
        }
        List<String> unusable = new ArrayList<>();
        try {
            for (HandleValue key : keys) {
                boolean ok;
                try {
                    ok = publicKey
                            ? verifier.verifyPublicKey(key.data(), answer.userIdHandle(), answer.signedResponse(),
                                    nonce, digest)
                            : verifier.verifySecretKey(key.data(), answer.signedResponse(), nonce, digest);
                } catch (KeyVerifier.UnusableKeyException e) {
                    unusable.add("key at index " + key.index() + ": " + e.getMessage());
                    continue;
                }
                if (ok) {
                    return new ValueReference(answer.userIdHandle(), key.index());
                }
            }
        } catch (KeyVerifier.BadAnswerException e) {
            throw new HandleException(e.responseCode(), "cannot check the answer: " + e.getMessage());
        }
        throw failed(claimed, unusable.size() == keys.size() ? "no usable key (" + String.join("; ", unusable) + ")"
                : "the answer does not verify" + (unusable.isEmpty() ? "" : "; " + String.join("; ", unusable)));
    }

    /**
     * OC_VERIFY_CHALLENGE (handle-protocol.md §7.10): does a secret-key answer verify against the HS_SECKEY values of
     * an identity served here? Another server asks this for its own challenge.
     */
    public boolean verifyForOtherServer(ValueReference identity, ByteString signedResponse, byte[] nonce,
                                        byte[] digest, RecordReader reads) {
        if (!responsibility.isMine(identity.handle())) {
            throw new cn.idnode.node.error.NotResponsibleException("identity " + identity + " is not served here");
        }
        List<HandleValue> keys = keys(identity, ValueTypes.HS_SECKEY, true, reads);
        try {
            for (HandleValue key : keys) {
                if (verifier.verifySecretKey(key.data(), signedResponse, nonce, digest)) {
                    return true;
                }
            }
        } catch (KeyVerifier.BadAnswerException e) {
            throw new HandleException(ResponseCode.AUTHEN_ERROR, "cannot check the answer: " + e.getMessage());
        }
        return false;
    }

    /** The identity's HS_PUBKEY values (index 0: all, in index order), here or at its home node. */
    List<HandleValue> publicKeys(ValueReference identity, RecordReader reads) {
        return keys(identity, ValueTypes.HS_PUBKEY, responsibility.isMine(identity.handle()), reads);
    }

    private List<HandleValue> keys(ValueReference identity, ByteString type, boolean local, RecordReader reads) {
        Optional<List<HandleValue>> values;
        if (local) {
            values = reads.read(identity.handle()).map(StoredRecord::values).map(v -> v.decode());
        } else {
            values = remote.resolve(identity.handle(), List.of(type),
                    identity.index() == 0 ? List.of() : List.of(identity.index()));
            if (values.isEmpty()) {
                log.info("identity {} could not be resolved at its home node", identity);
            }
        }
        return values.orElse(List.of()).stream()
                .filter(v -> ValueTypes.is(v.type(), type))
                .filter(v -> identity.index() == 0 || v.index() == identity.index())
                .sorted(Comparator.comparingInt(HandleValue::index))
                .toList();
    }

    private static HandleException failed(ValueReference identity, String why) {
        return new HandleException(ResponseCode.AUTHENTICATION_FAILED, "authentication of " + identity + " failed: "
                + why);
    }
}
