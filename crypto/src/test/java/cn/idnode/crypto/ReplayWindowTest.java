package cn.idnode.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Session counter replay window (handle-protocol.md §14.4). */
class ReplayWindowTest {

    @Test
    void rejectsRepeatsAndCountersBelowTheWindow() {
        ReplayWindow w = new ReplayWindow();
        for (int c = 1; c <= 200; c++) {
            assertThat(w.accept(c)).isTrue();
        }
        assertThat(w.accept(1)).isFalse();
        assertThat(w.accept(200)).isFalse();
        assertThat(w.accept(201)).isTrue(); // evicts 1
        assertThat(w.accept(1)).isFalse();
        assertThat(w.accept(2)).as("still remembered").isFalse();
        for (int c = 202; c <= 500; c++) {
            assertThat(w.accept(c)).isTrue();
        }
        assertThat(w.accept(300)).as("≤ the oldest remembered").isFalse();
        assertThat(w.accept(301)).as("remembered").isFalse();
        assertThat(w.accept(1000)).isTrue();
    }

    @Test
    void outOfOrderCountersInsideTheWindowAreFineButEvictedOnesNeverComeBack() {
        ReplayWindow w = new ReplayWindow();
        assertThat(w.accept(10)).isTrue();
        assertThat(w.accept(5)).isTrue();
        assertThat(w.accept(7)).isTrue();
        assertThat(w.accept(5)).isFalse();
        ReplayWindow v = new ReplayWindow();
        v.accept(1000); // arrives first, evicted first
        for (int c = 1; c < 200; c++) {
            v.accept(c);
        }
        assertThat(v.accept(200)).isTrue(); // evicts 1000
        assertThat(v.accept(1000)).as("evicted counters stay rejected").isFalse();
        assertThat(v.accept(999)).isFalse();
        assertThat(v.accept(1001)).isTrue();
    }

    @Test
    void zeroIsNotCheckedAndNegativesAreRejected() {
        ReplayWindow w = new ReplayWindow();
        assertThat(w.accept(0)).isTrue();
        assertThat(w.accept(0)).isTrue();
        assertThat(w.accept(-1)).isFalse();
        assertThat(w.accept(Integer.MIN_VALUE)).isFalse();
    }

    @Test
    void eachCounterIsAcceptedOnceUnderConcurrency() throws Exception {
        ReplayWindow w = new ReplayWindow();
        AtomicInteger accepted = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        for (int t = 0; t < 8; t++) {
            pool.execute(() -> {
                for (int c = 1; c <= 150; c++) {
                    if (w.accept(c)) {
                        accepted.incrementAndGet();
                    }
                }
            });
        }
        pool.shutdown();
        assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        assertThat(accepted.get()).isEqualTo(150);
    }
}
