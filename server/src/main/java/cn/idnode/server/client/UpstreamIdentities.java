package cn.idnode.server.client;

import cn.idnode.node.auth.RemoteIdentities;
import cn.idnode.protocol.ByteString;
import cn.idnode.protocol.HandleValue;
import cn.idnode.protocol.ValueReference;
import java.util.List;
import java.util.Optional;

/**
 * Identities and admin groups served by other nodes ("distributed identity", idis-extensions.md §7), found through
 * the upstream nodes: public keys and groups are resolved at the identity's home node; secret-key answers are checked
 * there with OC 201.
 */
public final class UpstreamIdentities implements RemoteIdentities {
    private final UpstreamResolver upstream;

    public UpstreamIdentities(UpstreamResolver upstream) {
        this.upstream = upstream;
    }

    @Override
    public Optional<List<HandleValue>> resolve(ByteString handle, List<ByteString> types, List<Integer> indexes) {
        return upstream.configured() ? upstream.resolve(handle, types, indexes) : Optional.empty();
    }

    @Override
    public boolean verifySecretKeyRemotely(ValueReference identity, byte[] nonce, byte[] digest, ByteString signed) {
        return upstream.configured()
                && upstream.verifySecretKey(identity.handle(), identity.index(), nonce, digest, signed);
    }
}
