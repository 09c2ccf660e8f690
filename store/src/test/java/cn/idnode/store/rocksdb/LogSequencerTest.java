package cn.idnode.store.rocksdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LogSequencerTest {
    @Test
    void reservesConsecutiveNumbersAfterTheLastPersisted() {
        LogSequencer s = new LogSequencer(41);
        assertThat(s.visible()).isEqualTo(41);
        long a = s.reserve(3);
        long b = s.reserve(1);
        assertThat(a).isEqualTo(42);
        assertThat(b).isEqualTo(45);
        assertThat(s.lastReserved()).isEqualTo(45);
    }

    @Test
    void visibilityStopsBelowTheOldestWriteInFlight() {
        LogSequencer s = new LogSequencer(0);
        long a = s.reserve(2); // 1, 2
        long b = s.reserve(1); // 3
        long c = s.reserve(1); // 4
        assertThat(s.visible()).isZero();
        s.release(b);
        assertThat(s.visible()).isZero(); // 1 and 2 are still being written
        s.release(a);
        assertThat(s.visible()).isEqualTo(3);
        s.release(c);
        assertThat(s.visible()).isEqualTo(4);
    }

    @Test
    void failedWritesLeaveGapsNotReuse() {
        LogSequencer s = new LogSequencer(10);
        long a = s.reserve(1);
        s.release(a); // the write failed
        assertThat(s.reserve(1)).isEqualTo(a + 1);
    }

    @Test
    void misuseIsRejected() {
        LogSequencer s = new LogSequencer(0);
        assertThatThrownBy(() -> s.reserve(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> s.release(7)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new LogSequencer(-1)).isInstanceOf(IllegalArgumentException.class);
    }
}
