package cn.idnode.bench.data;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;

/**
 * The identifiers of a generated data set, derived from (prefix, seed, index) so that the load generator can pick
 * random ones without reading the data file: identifier {@code i} (0 ≤ i &lt; count) is
 * {@code PREFIX/LINE-YYYYMMDD-SERIAL}, where LINE (a product line) and the date come from a hash of (seed, i) and
 * SERIAL is {@code i} in base 36 (so identifiers are unique). Unknown identifiers for miss traffic are
 * {@code PREFIX/MISS-<hex>}, a shape no generated identifier has.
 */
public final class DerivedIds {
    static final String[] LINES = {
        "CBN-E316", "XK714", "GZ2T", "JXM8", "DC550", "HB22K", "S7PLC", "YB40A", "QJ-R12", "ZL50G",
        "BX-60", "FD-3000", "HG-K9", "LD-11", "MT-Z4", "PV-220", "RS485M", "TX-9", "WH-32", "ZC-A1",
    };
    private static final String[] DATES = new String[731];

    static {
        LocalDate base = LocalDate.of(2023, 1, 1);
        for (int d = 0; d < DATES.length; d++) {
            DATES[d] = base.plusDays(d).format(DateTimeFormatter.BASIC_ISO_DATE);
        }
    }

    private final String prefix;
    private final long seed;
    private final long count;

    public DerivedIds(String prefix, long seed, long count) {
        if (prefix.isEmpty() || prefix.contains("/")) {
            throw new IllegalArgumentException("prefix must be non-empty and contain no '/': " + prefix);
        }
        if (count <= 0) {
            throw new IllegalArgumentException("count must be positive: " + count);
        }
        this.prefix = prefix;
        this.seed = seed;
        this.count = count;
    }

    public String prefix() {
        return prefix;
    }

    public long seed() {
        return seed;
    }

    public long count() {
        return count;
    }

    /** A well-mixed 64-bit hash of (seed, i) (the SplitMix64 finaliser). */
    public static long mix(long seed, long i) {
        long z = seed * 0x9E3779B97F4A7C15L + (i + 1) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Identifier number {@code i}. */
    public String id(long i) {
        if (i < 0 || i >= count) {
            throw new IndexOutOfBoundsException("identifier " + i + " outside 0.." + (count - 1));
        }
        return prefix + '/' + suffix(i);
    }

    /** The part after the '/' of identifier {@code i}. */
    public String suffix(long i) {
        long h = mix(seed, i);
        String line = LINES[(int) ((h >>> 1) % LINES.length)];
        String date = DATES[(int) ((h >>> 20) % DATES.length)];
        String serial = Long.toString(i, 36);
        StringBuilder sb = new StringBuilder(line.length() + 17);
        sb.append(line).append('-').append(date).append('-');
        for (int k = serial.length(); k < 6; k++) {
            sb.append('0');
        }
        return sb.append(serial).toString();
    }

    /** An identifier that is certainly not in the set. */
    public String miss(long random) {
        return prefix + "/MISS-" + Long.toHexString(random);
    }
}
