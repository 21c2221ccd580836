package dev.kube4c.concurrent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ParallelMapTest {

  @Test
  void resultsComeInTheItemsOrderWhateverOrderTheyAreTakenIn() {
    List<Integer> items = IntStream.range(0, 500).boxed().toList();
    Set<String> threads = ConcurrentHashMap.newKeySet();
    AtomicInteger calls = new AtomicInteger();
    List<String> results =
        ParallelMap.map(
            items,
            i -> i % 7, // heaviest first: not the list order
            i -> {
              calls.incrementAndGet();
              threads.add(Thread.currentThread().getName());
              return "item " + i;
            });
    assertThat(results).hasSize(500).startsWith("item 0", "item 1").endsWith("item 499");
    assertThat(results).containsExactlyElementsOf(items.stream().map(i -> "item " + i).toList());
    assertThat(calls).hasValue(500);
  }

  @Test
  void whatAnItemThrowsReachesTheCallerAndNoHelperOutlivesTheCall() {
    AtomicInteger running = new AtomicInteger();
    List<Integer> items = IntStream.range(0, 200).boxed().toList();
    assertThatThrownBy(
            () ->
                ParallelMap.map(
                    items,
                    i -> {
                      running.incrementAndGet();
                      try {
                        if (i == 100) {
                          throw new IllegalStateException("item 100 is bad");
                        }
                        return i;
                      } finally {
                        running.decrementAndGet();
                      }
                    }))
        .hasMessageContaining("item 100 is bad");
    assertThat(running).hasValue(0);
  }
}
