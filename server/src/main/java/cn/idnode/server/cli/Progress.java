package cn.idnode.server.cli;

import java.io.PrintStream;

/** A one-line progress bar on a terminal stream: {@code [#######-------]  48%  480000 records  95000/s}. */
final class Progress {
    private static final int WIDTH = 30;
    private final PrintStream out;
    private final long total;
    private final long start = System.nanoTime();
    private long lastPrint;

    Progress(PrintStream out, long total) {
        this.out = out;
        this.total = Math.max(total, 1);
    }

    void update(long done, long records) {
        if (out == null) {
            return;
        }
        long now = System.nanoTime();
        if (now - lastPrint < 200_000_000L && done < total) {
            return;
        }
        lastPrint = now;
        int pct = (int) Math.min(100, done * 100 / total);
        int filled = pct * WIDTH / 100;
        double secs = Math.max((now - start) / 1e9, 1e-9);
        out.printf("\r[%s%s] %3d%%  %d records  %.0f/s ", "#".repeat(filled), "-".repeat(WIDTH - filled), pct,
                records, records / secs);
        out.flush();
    }

    void clear() {
        if (out != null) {
            out.print("\r" + " ".repeat(WIDTH + 50) + "\r");
            out.flush();
        }
    }
}
