package dev.kube4c.concurrent;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import java.util.stream.IntStream;

/**
 * A function applied to every item of a list on the common pool's threads and the caller's, the
 * results in the items' order. Each thread takes the next item when it is done with one, heaviest
 * first, so that a run does not end with one thread on a long share while the others wait: a
 * parallel stream splits a list into fixed halves, and at 100k objects it left one of two cores
 * idle for 1.2 s of the 3 s of rules and 0.5 s of the parse (bench/RESULTS.md).
 */
public final class ParallelMap {

  private ParallelMap() {}

  /**
   * @param weight how long an item is expected to take, relatively (file size, say); items of equal
   *     weight are taken in list order
   */
  public static <T, R> List<R> map(
      List<T> items, ToLongFunction<? super T> weight, Function<? super T, ? extends R> function) {
    int size = items.size();
    // Each weight once: a comparator would ask for it at every comparison (a file's size is a
    // system call).
    long[] weights = new long[size];
    for (int i = 0; i < size; i++) {
      weights[i] = weight.applyAsLong(items.get(i));
    }
    int[] order =
        IntStream.range(0, size)
            .boxed()
            .sorted(Comparator.comparingLong((Integer i) -> -weights[i]))
            .mapToInt(Integer::intValue)
            .toArray();
    AtomicReferenceArray<R> results = new AtomicReferenceArray<>(size);
    AtomicInteger next = new AtomicInteger();
    Runnable worker =
        () -> {
          for (int i = next.getAndIncrement(); i < size; i = next.getAndIncrement()) {
            results.set(order[i], function.apply(items.get(order[i])));
          }
        };
    int helpers = Math.min(size - 1, ForkJoinPool.getCommonPoolParallelism());
    List<ForkJoinTask<?>> tasks = new ArrayList<>(Math.max(0, helpers));
    for (int h = 0; h < helpers; h++) {
      tasks.add(ForkJoinPool.commonPool().submit(worker));
    }
    try {
      worker.run();
    } catch (RuntimeException | Error e) {
      next.set(size); // the helpers take no further item
      throw e;
    } finally {
      tasks.forEach(ForkJoinTask::quietlyJoin); // no helper outlives the call
    }
    tasks.forEach(ForkJoinTask::join); // rethrows what a helper's item threw
    List<R> ordered = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      ordered.add(results.get(i));
    }
    return ordered;
  }

  /** {@link #map} with the items taken in list order. */
  public static <T, R> List<R> map(List<T> items, Function<? super T, ? extends R> function) {
    return map(items, item -> 0, function);
  }
}
