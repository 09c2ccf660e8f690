package cn.idnode.node;

import cn.idnode.node.auth.RemoteIdentities;
import cn.idnode.node.business.BusinessConfig;
import cn.idnode.node.prefix.PrefixLimits;
import cn.idnode.protocol.ByteString;
import cn.idnode.protocol.SiteInfo;
import cn.idnode.protocol.ValueReference;
import java.util.List;

/**
 * What the node needs from configuration.
 *
 * @param prefix            the node's prefix ({@code 88.888})
 * @param site              the site record to publish (its serial number is chosen by the node)
 * @param adminKeyBlob      HS_PUBKEY of the administrator identity, stored when the prefix handle is created
 * @param serverAdmins      further server administrators (the node's own administrator is always one)
 * @param homeOnlyAdmins    identities allowed only to home, unhome and list prefixes
 * @param adminFullAccess   server administrators pass every HS_ADMIN check
 * @param listHandles       LIST_HANDLES enabled
 * @param remote            identities and groups served by other nodes
 * @param tokenWindow       how far an IDIS identity token's timestamp may be from now
 * @param rejectTokenReplays refuse a token nonce seen before (within twice the window)
 * @param prefixLimits      quotas, registration caps and suspension per enterprise prefix (upper-cased keys)
 * @param business          the business layer's settings and secrets
 */
public record NodeSettings(ByteString prefix, SiteInfo site, ByteString adminKeyBlob, List<ValueReference> serverAdmins,
                           List<ValueReference> homeOnlyAdmins, boolean adminFullAccess, boolean listHandles,
                           RemoteIdentities remote, java.time.Duration tokenWindow, boolean rejectTokenReplays,
                           java.util.Map<ByteString, PrefixLimits> prefixLimits, BusinessConfig business) {
    public NodeSettings {
        serverAdmins = List.copyOf(serverAdmins);
        prefixLimits = java.util.Map.copyOf(prefixLimits);
        homeOnlyAdmins = List.copyOf(homeOnlyAdmins);
    }

    public static NodeSettings of(ByteString prefix, SiteInfo site, ByteString adminKeyBlob) {
        return new NodeSettings(prefix, site, adminKeyBlob, List.of(), List.of(), true, true, RemoteIdentities.NONE,
                java.time.Duration.ofMinutes(5), true, java.util.Map.of(), BusinessConfig.ephemeral());
    }
}
