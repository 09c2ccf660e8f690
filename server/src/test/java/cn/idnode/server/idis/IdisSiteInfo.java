package cn.idnode.server.idis;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Site records (HS_SITE data and the GET_SITE_INFO body, handle-protocol.md §9.5) as the test client reads and
 * writes them, and the SDK's choice of where to connect (idis-extensions.md §10.1 step 3): the first server of the
 * site, its first TCP interface.
 */
record IdisSiteInfo(int version, int protocolMajor, int protocolMinor, int serial, int primaryMask, int hashOption,
                    List<Server> servers) {
    static final int TCP = 1;

    record Interface(int type, int protocol, int port) {}

    record Server(int id, byte[] address, byte[] publicKey, List<Interface> interfaces) {
        InetAddress inetAddress() throws UnknownHostException {
            boolean v4 = Arrays.equals(Arrays.copyOf(address, 12), new byte[12]);
            return InetAddress.getByAddress(v4 ? Arrays.copyOfRange(address, 12, 16) : address);
        }
    }

    static IdisSiteInfo decode(byte[] data) {
        IdisBytes.Reader r = new IdisBytes.Reader(data);
        int version = r.int2();
        int major = r.int1();
        int minor = r.int1();
        int serial = r.int2();
        int primary = r.int1();
        int hash = r.int1();
        r.bytes(); // hash filter
        int attributes = r.int4();
        for (int i = 0; i < attributes; i++) {
            r.bytes();
            r.bytes();
        }
        int n = r.int4();
        List<Server> servers = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int id = r.int4();
            byte[] address = r.raw(16);
            byte[] key = r.bytes();
            int count = r.int4();
            List<Interface> interfaces = new ArrayList<>();
            for (int j = 0; j < count; j++) {
                interfaces.add(new Interface(r.int1(), r.int1(), r.int4()));
            }
            servers.add(new Server(id, address, key, List.copyOf(interfaces)));
        }
        if (r.remaining() != 0) {
            throw new AssertionError("site record with " + r.remaining() + " trailing bytes");
        }
        return new IdisSiteInfo(version, major, minor, serial, primary, hash, List.copyOf(servers));
    }

    /** A one-server primary site on an IPv4 address with the given interfaces, in that order. */
    static byte[] encode(byte[] ipv4, int serial, List<Interface> interfaces) {
        IdisBytes b = new IdisBytes().int2(1).int1(2).int1(10).int2(serial).int1(0x80).int1(2).bytes(new byte[0])
                .int4(1).utf8("desc").utf8("enterprise node").int4(1).int4(1).raw(new byte[12]).raw(ipv4)
                .bytes(new byte[0]).int4(interfaces.size());
        for (Interface i : interfaces) {
            b.int1(i.type()).int1(i.protocol()).int4(i.port());
        }
        return b.toArray();
    }

    /** Where the SDK connects: the first server's first TCP interface. */
    Interface firstTcpInterface() {
        return servers.get(0).interfaces().stream().filter(i -> i.protocol() == TCP).findFirst()
                .orElseThrow(() -> new AssertionError("no TCP interface in the first server"));
    }
}
