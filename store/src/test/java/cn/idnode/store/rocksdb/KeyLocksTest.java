package cn.idnode.store.rocksdb;

import static cn.idnode.store.StoreKeys.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

class KeyLocksTest {
    @Test
    void stripesSpreadKeysAndSpaces() {
        KeyLocks locks = new KeyLocks(1024);
        Set<Integer> used = new HashSet<>();
        for (int i = 0; i < 4096; i++) {
            used.add(locks.stripe("handles", utf8("88.1000/" + i)));
        }
        assertThat(used.size()).isGreaterThan(900);
        assertThat(locks.stripe("a", utf8("k"))).isEqualTo(locks.stripe("a", utf8("k")));
    }

    @Test
    void duplicatesAreLockedOnceAndEverythingIsReleased() throws Exception {
        KeyLocks locks = new KeyLocks(16);
        try (KeyLocks.Held held = locks.lock(new int[] {5, 3, 5, 3, 9})) {
            assertThat(held.count()).isEqualTo(3);
            CompletableFuture<Void> other = CompletableFuture.runAsync(() -> locks.lock(new int[] {9}).close());
            assertThatThrownBy(() -> other.get(200, TimeUnit.MILLISECONDS)).isInstanceOf(TimeoutException.class);
            held.close();
            other.get(5, TimeUnit.SECONDS);
            held.close(); // idempotent
        }
    }

    @Test
    void stripeCountMustBeAPowerOfTwo() {
        assertThatThrownBy(() -> new KeyLocks(1000)).isInstanceOf(IllegalArgumentException.class);
    }
}
