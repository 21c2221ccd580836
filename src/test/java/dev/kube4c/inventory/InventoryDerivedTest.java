package dev.kube4c.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class InventoryDerivedTest {

  private record Model(int id) {}

  private record Other(Model model) {}

  @Test
  void concurrentRulesShareOneComputation() throws Exception {
    Inventory inventory = Inventory.ofResources(List.of(), List.of());
    AtomicInteger computed = new AtomicInteger();
    CountDownLatch bothAsking = new CountDownLatch(2);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      List<Future<Model>> results =
          pool.invokeAll(
              List.of(
                  () -> ask(inventory, computed, bothAsking),
                  () -> ask(inventory, computed, bothAsking)));
      assertSame(results.get(0).get(), results.get(1).get());
    } finally {
      pool.shutdown();
      pool.awaitTermination(10, TimeUnit.SECONDS);
    }
    assertEquals(1, computed.get(), "the second caller waits for the first computation");
  }

  @Test
  void aComputationMayUseAnotherDerivedValue() {
    Inventory inventory = Inventory.ofResources(List.of(), List.of());
    Other other =
        inventory.derived(
            Other.class, inv -> new Other(inv.derived(Model.class, i -> new Model(7))));
    assertEquals(7, other.model().id());
    assertSame(other.model(), inventory.derived(Model.class, i -> new Model(8)));
  }

  private static Model ask(Inventory inventory, AtomicInteger computed, CountDownLatch bothAsking)
      throws InterruptedException {
    bothAsking.countDown();
    bothAsking.await(10, TimeUnit.SECONDS);
    return inventory.derived(
        Model.class,
        inv -> {
          try {
            Thread.sleep(200); // long enough for the other thread to ask meanwhile
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          return new Model(computed.incrementAndGet());
        });
  }
}
