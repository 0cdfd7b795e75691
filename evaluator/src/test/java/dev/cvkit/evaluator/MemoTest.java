package dev.cvkit.evaluator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class MemoTest {

    @Test
    void aValueAskedForOnManyThreadsAtOnceIsMadeOnce() throws Exception {
        Memo<String, Object> memo = new Memo<>();
        AtomicInteger made = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Object>> asked = new ArrayList<>();
            for (int i = 0; i < 32; i++) {
                asked.add(pool.submit(() -> {
                    start.await();
                    return memo.get("steps", k -> {
                        made.incrementAndGet();
                        sleep(50);
                        return new Object();
                    });
                }));
            }
            start.countDown();
            Object first = asked.get(0).get(10, TimeUnit.SECONDS);
            for (Future<Object> f : asked) {
                assertThat(f.get(10, TimeUnit.SECONDS)).isSameAs(first);
            }
            assertThat(made).hasValue(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    @Timeout(30) // held up, the loop below would wait for a release that never comes
    void aLongMakingOfOneKeyHoldsUpNoOtherKey() throws Exception {
        Memo<Integer, String> memo = new Memo<>();
        CountDownLatch making = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<String> slow = pool.submit(() -> memo.get(0, k -> {
                making.countDown();
                await(release);
                return "slow";
            }));
            assertThat(making.await(10, TimeUnit.SECONDS)).isTrue();
            // Every other key, including those that share a bin of the map with 0, is made at once meanwhile.
            for (int key = 1; key <= 4096; key++) {
                assertThat(memo.get(key, k -> "v" + k)).isEqualTo("v" + key);
            }
            assertThat(slow.isDone()).isFalse();
            release.countDown();
            assertThat(slow.get(10, TimeUnit.SECONDS)).isEqualTo("slow");
            assertThat(memo.get(0, k -> "again")).isEqualTo("slow");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void whatTheMakingThrowsReachesEveryCallerOfThatKeyAsItWas() {
        Memo<String, String> memo = new Memo<>();
        IllegalStateException problem = new IllegalStateException("the rows of segment 2 were not read over time");
        assertThatThrownBy(() -> memo.get("k", k -> {
            throw problem;
        })).isSameAs(problem);
        assertThatThrownBy(() -> memo.get("k", k -> "never made")).isSameAs(problem);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
