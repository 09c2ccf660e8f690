package cn.idnode.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import cn.idnode.bench.data.DerivedIds;
import cn.idnode.bench.data.IdSource;
import cn.idnode.bench.sys.ProcCpu;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Aggregation of outcomes into the figures a result reports. */
class StatsTest {
    private static final long MS = 1_000_000;

    @Test
    void onlyTheMeasurementWindowCountsAndLatencyIsFromTheIntendedStart() {
        Stats s = new Stats();
        s.window(1000 * MS, 2000 * MS);
        s.success(900 * MS, 999 * MS, false);          // warm-up: progress only
        s.error("timeout", 999 * MS);
        for (int i = 0; i < 100; i++) {
            s.success(1000 * MS + i * MS, 1000 * MS + i * MS + (i + 1) * 10_000L, false); // 10..1000 µs
        }
        s.success(1500 * MS, 1500 * MS + 5 * MS, true);  // expected miss, 5 ms
        s.error("timeout", 1600 * MS);
        s.error("RC 3 SERVER_TOO_BUSY", 1700 * MS);
        s.error("RC 3 SERVER_TOO_BUSY", 1701 * MS);
        s.late(1702 * MS);
        s.success(1999 * MS, 2000 * MS, false);          // completes at the end of the window: not counted
        s.error("timeout", 2000 * MS);

        Stats.Interval iv = s.interval();
        assertThat(iv.ok()).isEqualTo(103);
        assertThat(iv.errors()).isEqualTo(5);
        assertThat(s.interval().ok()).as("interval counters reset").isZero();

        Stats.Totals t = s.totals();
        assertThat(t.found()).isEqualTo(100);
        assertThat(t.expectedMisses()).isEqualTo(1);
        assertThat(t.errors()).isEqualTo(Map.of("RC 3 SERVER_TOO_BUSY", 2L, "timeout", 1L));
        assertThat(t.lateAnswers()).isEqualTo(1);
        assertThat(t.latency().getTotalCount()).isEqualTo(101);
        assertThat(t.latency().getValueAtPercentile(50)).isBetween(500L, 515L);
        assertThat(t.latency().getMaxValue()).isBetween(4995L, 5005L);

        IdSource ids = IdSource.derived(new DerivedIds("88.888", 1, 10));
        LoadOptions o = LoadOptions.defaults(Target.TCP, "127.0.0.1", 2641, ids);
        Result r = new Result(o, 1.0, t, new ProcCpu.Usage(0.5, 1.0, 1.6, 0.1, 2, Map.of(), Map.of()), 0);
        assertThat(r.throughput()).isEqualTo(101.0);
        assertThat(r.errors()).isEqualTo(3);
        assertThat(r.timeouts()).isEqualTo(1);
        assertThat(r.percentile(99)).isBetween(990L, 1001L);
        assertThat(r.errorSummary()).isEqualTo("RC 3 SERVER_TOO_BUSY: 2; timeout: 1");
        assertThat(r.text()).contains("requests/s     101").contains("timeouts 1, response codes 2")
                .contains("16 connections x 8 pipelined");
        assertThat(r.json()).contains("\"throughput\":101.0").contains("\"errors\":3")
                .contains("\"RC 3 SERVER_TOO_BUSY\":2");
    }

    @Test
    void emptyResultsReportZeros() {
        Stats s = new Stats();
        s.window(0, 1);
        Stats.Totals t = s.totals();
        Result r = new Result(LoadOptions.defaults(Target.UDP, "h", 1, IdSource.derived(new DerivedIds("p", 1, 1))),
                1, t, null, 0);
        assertThat(r.throughput()).isZero();
        assertThat(r.percentile(99)).isZero();
        assertThat(r.errorSummary()).isEqualTo("none");
        assertThat(r.text()).contains("requests/s     0");
    }
}
