package cn.idnode.node.auth;

import cn.idnode.protocol.ByteString;
import cn.idnode.protocol.HandleValue;
import cn.idnode.protocol.ValueReference;
import java.util.List;
import java.util.Optional;

/**
 * Identities and groups whose handles are not served here ("distributed identity", handle-protocol.md §13.3,
 * idis-extensions.md §7): their values are resolved from their home node, and secret-key answers are checked there
 * with OC_VERIFY_CHALLENGE (§7.10). Implemented by the server, which has network clients.
 */
public interface RemoteIdentities {

    /** The values of a foreign handle (for keys: HS_PUBKEY; for groups: HS_VLIST), or empty if unreachable. */
    Optional<List<HandleValue>> resolve(ByteString handle, List<ByteString> types, List<Integer> indexes);

    /** Asks the identity's home node whether a secret-key answer is valid. */
    boolean verifySecretKeyRemotely(ValueReference identity, byte[] nonce, byte[] digest, ByteString signedResponse);

    RemoteIdentities NONE = new RemoteIdentities() {
        @Override
        public Optional<List<HandleValue>> resolve(ByteString handle, List<ByteString> types, List<Integer> indexes) {
            return Optional.empty();
        }

        @Override
        public boolean verifySecretKeyRemotely(ValueReference identity, byte[] nonce, byte[] digest,
                                               ByteString signedResponse) {
            return false;
        }
    };
}
