package cn.idnode.node.enterprise;

/**
 * An enterprise prefix known to the business layer (snms-api.md §5): its state, owner and how it is resolved.
 *
 * @param id          a number for lists (shared sequence with enterprises)
 * @param status      {@link cn.idnode.node.prefix.PrefixStatus} code
 * @param proxyState  1 not hosted (self-hosted node), 2 hosting requested, 3 hosting rejected, 4 hosted
 * @param site        the self-hosted enterprise node's address when not hosted (empty fields otherwise)
 * @param pendingSite a requested change of resolution awaiting an operator's decision
 */
public record EnterprisePrefix(long id, String prefix, long enterpriseId, int status, int proxyState, long createdMillis,
                               long updatedMillis, NodeAddress site, NodeAddress pendingSite, String note) {
    public static final int NOT_HOSTED = 1;
    public static final int HOSTING_REQUESTED = 2;
    public static final int HOSTING_REJECTED = 3;
    public static final int HOSTED = 4;

    public EnterprisePrefix {
        site = site == null ? NodeAddress.NONE : site;
        pendingSite = pendingSite == null ? NodeAddress.NONE : pendingSite;
        note = note == null ? "" : note;
    }

    public EnterprisePrefix withStatus(int newStatus, long now) {
        return new EnterprisePrefix(id, prefix, enterpriseId, newStatus, proxyState, createdMillis, now, site, pendingSite,
                note);
    }

    public EnterprisePrefix withResolution(int newProxyState, NodeAddress newSite, NodeAddress newPending,
                                           String newNote, long now) {
        return new EnterprisePrefix(id, prefix, enterpriseId, status, newProxyState, createdMillis, now, newSite,
                newPending, newNote);
    }

    /**
     * Where a self-hosted enterprise node listens (snms-api.md §7.2); {@link #NONE} for the node's own hosting.
     *
     * @param ipType 4 or 6
     */
    public record NodeAddress(int ipType, String ip, String tcpPort, String udpPort, String httpPort) {
        public static final NodeAddress NONE = new NodeAddress(0, "", "", "", "");

        public boolean isNone() {
            return ip == null || ip.isEmpty();
        }
    }
}
