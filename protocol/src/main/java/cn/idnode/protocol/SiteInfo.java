package cn.idnode.protocol;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A site information record (handle-protocol.md §9.5): the data of HS_SITE values and the body of GET_SITE_INFO
 * responses. The decoder rejects trailing bytes, as the client decoders do.
 *
 * @param primaryMask 0x80 primary, 0x40 multi-primary (CNRI bit order)
 * @param hashOption  0 by prefix, 1 by suffix, 2 by whole handle
 */
public record SiteInfo(int dataFormatVersion, ProtocolVersion protocolVersion, int serialNumber, int primaryMask,
                       int hashOption, ByteString hashFilter, List<Attribute> attributes, List<Server> servers) {
    public static final int PRIMARY = 0x80;
    public static final int MULTI_PRIMARY = 0x40;
    public static final int HASH_BY_PREFIX = 0;
    public static final int HASH_BY_SUFFIX = 1;
    public static final int HASH_BY_HANDLE = 2;

    public SiteInfo {
        attributes = List.copyOf(attributes);
        servers = List.copyOf(servers);
    }

    public boolean isPrimary() {
        return (primaryMask & PRIMARY) != 0;
    }

    public boolean isMultiPrimary() {
        return (primaryMask & MULTI_PRIMARY) != 0;
    }

    public SiteInfo withSerialNumber(int serial) {
        return new SiteInfo(dataFormatVersion, protocolVersion, serial, primaryMask, hashOption, hashFilter,
                attributes, servers);
    }

    public record Attribute(ByteString name, ByteString value) {
        public static Attribute of(String name, String value) {
            return new Attribute(ByteString.utf8(name), ByteString.utf8(value));
        }
    }

    /** @param address 16 bytes; IPv4 right-aligned after 12 zero bytes */
    public record Server(int serverId, ByteString address, ByteString publicKey, List<Interface> interfaces) {
        public Server {
            if (address.length() != 16) {
                throw new IllegalArgumentException("server addresses are 16 bytes, got " + address.length());
            }
            interfaces = List.copyOf(interfaces);
        }

        public static ByteString encodeAddress(InetAddress a) {
            byte[] raw = a.getAddress();
            byte[] out = new byte[16];
            System.arraycopy(raw, 0, out, 16 - raw.length, raw.length);
            return ByteString.wrap(out);
        }

        /** The address as InetAddress (IPv4 when the first 12 bytes are zero). */
        public InetAddress inetAddress() {
            byte[] a = address.toByteArray();
            boolean v4 = true;
            for (int i = 0; i < 12; i++) {
                if (a[i] != 0) {
                    v4 = false;
                    break;
                }
            }
            try {
                return InetAddress.getByAddress(v4 ? Arrays.copyOfRange(a, 12, 16) : a);
            } catch (UnknownHostException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /**
     * @param type     0 out of service, 1 admin only, 2 query only, 3 admin and query
     * @param protocol 0 UDP, 1 TCP, 2 HTTP, 3 HTTPS
     */
    public record Interface(int type, int protocol, int port) {
        public static final int OUT_OF_SERVICE = 0;
        public static final int ADMIN = 1;
        public static final int QUERY = 2;
        public static final int ADMIN_AND_QUERY = 3;
        public static final int UDP = 0;
        public static final int TCP = 1;
        public static final int HTTP = 2;
        public static final int HTTPS = 3;

        public boolean query() {
            return (type & QUERY) != 0;
        }

        public boolean admin() {
            return (type & ADMIN) != 0;
        }

        public static String protocolName(int protocol) {
            return switch (protocol) {
                case UDP -> "UDP";
                case TCP -> "TCP";
                case HTTP -> "HTTP";
                case HTTPS -> "HTTPS";
                default -> "PROTOCOL_" + protocol;
            };
        }
    }

    public ByteString encode() {
        WireWriter w = new WireWriter(256);
        w.writeShort(dataFormatVersion).writeByte(protocolVersion.major()).writeByte(protocolVersion.minor())
                .writeShort(serialNumber).writeByte(primaryMask).writeByte(hashOption).writeBytes(hashFilter)
                .writeInt(attributes.size());
        for (Attribute a : attributes) {
            w.writeBytes(a.name()).writeBytes(a.value());
        }
        w.writeInt(servers.size());
        for (Server s : servers) {
            w.writeInt(s.serverId()).writeRaw(s.address()).writeBytes(s.publicKey()).writeInt(s.interfaces().size());
            for (Interface i : s.interfaces()) {
                w.writeByte(i.type()).writeByte(i.protocol()).writeInt(i.port());
            }
        }
        return w.toByteString();
    }

    public static SiteInfo decode(ByteString data) throws ProtocolException {
        WireReader r = WireReader.of(data);
        SiteInfo s = decode(r);
        r.requireEnd("site info");
        return s;
    }

    public static SiteInfo decode(WireReader r) throws ProtocolException {
        int format = r.readShort("site data format") & 0xFFFF;
        int major = r.readUnsignedByte("site protocol major");
        int minor = r.readUnsignedByte("site protocol minor");
        int serial = r.readShort("site serial") & 0xFFFF;
        int primary = r.readUnsignedByte("site primary mask");
        int hash = r.readUnsignedByte("site hash option");
        ByteString filter = r.readBytes("site hash filter");
        int nAttr = r.readCount("site attributes", 8, Limits.MAX_ARRAY_SIZE);
        List<Attribute> attrs = new ArrayList<>(nAttr);
        for (int i = 0; i < nAttr; i++) {
            ByteString name = r.readBytes("attribute name");
            attrs.add(new Attribute(name, r.readBytes("attribute value")));
        }
        int nServers = r.readCount("site servers", 28, Limits.MAX_ARRAY_SIZE);
        List<Server> servers = new ArrayList<>(nServers);
        for (int i = 0; i < nServers; i++) {
            int id = r.readInt("server id");
            ByteString address = r.readFixed(16, "server address");
            ByteString key = r.readBytes("server public key");
            int nIf = r.readCount("server interfaces", 6, Limits.MAX_ARRAY_SIZE);
            List<Interface> ifs = new ArrayList<>(nIf);
            for (int j = 0; j < nIf; j++) {
                int type = r.readUnsignedByte("interface type");
                int protocol = r.readUnsignedByte("interface protocol");
                ifs.add(new Interface(type, protocol, r.readInt("interface port")));
            }
            servers.add(new Server(id, address, key, ifs));
        }
        return new SiteInfo(format, new ProtocolVersion(major, minor), serial, primary, hash, filter, attrs, servers);
    }
}
