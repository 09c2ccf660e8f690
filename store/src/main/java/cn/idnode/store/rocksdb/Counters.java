package cn.idnode.store.rocksdb;

/** The value format of counter spaces: what RocksDB's built-in {@code uint64add} merge operator reads and writes. */
final class Counters {
    private Counters() {}

    /** 8 bytes, little-endian (RocksDB's fixed64 encoding). Negative deltas wrap, which is signed addition. */
    static byte[] encode(long v) {
        byte[] b = new byte[8];
        for (int i = 0; i < 8; i++) {
            b[i] = (byte) v;
            v >>>= 8;
        }
        return b;
    }

    static long decode(byte[] b) {
        if (b.length != 8) {
            throw new IllegalArgumentException("counter values are 8 bytes, got " + b.length);
        }
        long v = 0;
        for (int i = 7; i >= 0; i--) {
            v = (v << 8) | (b[i] & 0xFF);
        }
        return v;
    }
}
