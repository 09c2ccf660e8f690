package cn.idnode.node.enterprise;

import cn.idnode.node.business.BusinessException;
import cn.idnode.protocol.ByteString;
import cn.idnode.protocol.ProtocolVersion;
import cn.idnode.protocol.SiteInfo;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The HS_SITE value of a self-hosted enterprise node (snms-api.md §7.2–7.3, idis-extensions.md §10.2): one primary
 * site, hashed by handle, one server whose interfaces are listed TCP first (IDIS clients take the first TCP
 * interface), then UDP, then HTTP — only the ports given. Addresses must be IP literals: a host name would make the
 * published record depend on DNS at the time of publishing.
 */
public final class EnterpriseSites {
    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

    private EnterpriseSites() {}

    /** Validates an address as submitted; returns it normalised. */
    public static EnterprisePrefix.NodeAddress check(int ipType, String ip, String tcp, String udp, String http) {
        String addr = ip == null ? "" : ip.trim();
        if (ipType != 4 && ipType != 6) {
            throw BusinessException.invalid("ipType 应为 4 或 6");
        }
        boolean literal = ipType == 4 ? IPV4.matcher(addr).matches() && octetsOk(addr)
                : addr.contains(":") && IPV6.matcher(addr).matches();
        if (!literal) {
            throw BusinessException.invalid("ip 不是合法的 IPv" + ipType + " 地址: " + addr);
        }
        try {
            InetAddress.getByName(addr);
        } catch (UnknownHostException e) {
            throw BusinessException.invalid("ip 不是合法的 IPv" + ipType + " 地址: " + addr);
        }
        String t = port(tcp, "tcpPort");
        String u = port(udp, "udpPort");
        String h = port(http, "httpPort");
        if (t.isEmpty() && u.isEmpty() && h.isEmpty()) {
            throw BusinessException.invalid("tcpPort、udpPort、httpPort 至少需要填写一个");
        }
        return new EnterprisePrefix.NodeAddress(ipType, addr, t, u, h);
    }

    public static SiteInfo site(EnterprisePrefix.NodeAddress a, int serial) {
        List<SiteInfo.Interface> interfaces = new ArrayList<>();
        if (!a.tcpPort().isEmpty()) {
            interfaces.add(new SiteInfo.Interface(SiteInfo.Interface.ADMIN_AND_QUERY, SiteInfo.Interface.TCP,
                    Integer.parseInt(a.tcpPort())));
        }
        if (!a.udpPort().isEmpty()) {
            interfaces.add(new SiteInfo.Interface(SiteInfo.Interface.QUERY, SiteInfo.Interface.UDP,
                    Integer.parseInt(a.udpPort())));
        }
        if (!a.httpPort().isEmpty()) {
            interfaces.add(new SiteInfo.Interface(SiteInfo.Interface.ADMIN_AND_QUERY, SiteInfo.Interface.HTTP,
                    Integer.parseInt(a.httpPort())));
        }
        ByteString address;
        try {
            address = SiteInfo.Server.encodeAddress(InetAddress.getByName(a.ip()));
        } catch (UnknownHostException e) {
            throw BusinessException.invalid("ip 不是合法的地址: " + a.ip());
        }
        return new SiteInfo(1, new ProtocolVersion(2, 10), serial, SiteInfo.PRIMARY, SiteInfo.HASH_BY_HANDLE,
                ByteString.EMPTY, List.of(), List.of(new SiteInfo.Server(1, address, ByteString.EMPTY, interfaces)));
    }

    private static boolean octetsOk(String ip) {
        for (String o : ip.split("\\.")) {
            if (Integer.parseInt(o) > 255) {
                return false;
            }
        }
        return true;
    }

    private static String port(String p, String field) {
        String v = p == null ? "" : p.trim();
        if (v.isEmpty()) {
            return "";
        }
        if (!v.matches("\\d{1,5}") || Integer.parseInt(v) < 1 || Integer.parseInt(v) > 65_535) {
            throw BusinessException.invalid(field + " 应为 1-65535 的端口号: " + v);
        }
        return v;
    }
}
