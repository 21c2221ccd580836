package dev.kube4c.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Streaming hands on the same documents, problems and summaries as reading everything at once, in
 * the same order, and only past its size threshold.
 */
class SourceLoaderStreamingTest {

  private static final String FIXTURES = "src/test/resources/rules";

  @Test
  void streamedDocumentsAreTheDocumentsOfAWholeLoadInTheSameOrder() {
    SourceLoader.Loaded whole = loader().load(List.of(FIXTURES));
    List<String> sunk = new ArrayList<>();
    SourceLoader.Loaded streamed =
        loader()
            .load(
                List.of(FIXTURES),
                new SourceLoader.Streaming<>(
                    0,
                    1, // a wave per file: more waves than threads
                    SourceLoaderStreamingTest::describe,
                    sunk::add));

    assertThat(streamed.streamed()).isTrue();
    assertThat(streamed.documents()).isEmpty();
    assertThat(whole.documents()).hasSizeGreaterThan(500);
    assertThat(sunk)
        .containsExactlyElementsOf(
            whole.documents().stream().map(SourceLoaderStreamingTest::describe).toList());
    assertThat(streamed.problems()).isEqualTo(whole.problems());
    assertThat(streamed.inputs()).isEqualTo(whole.inputs());
    assertThat(streamed.notes()).isEqualTo(whole.notes());
  }

  @Test
  void inputsUpToTheThresholdAreNotStreamed() {
    AtomicInteger prepared = new AtomicInteger();
    SourceLoader.Loaded loaded =
        loader()
            .load(
                List.of(FIXTURES),
                new SourceLoader.Streaming<>(
                    Long.MAX_VALUE, document -> prepared.incrementAndGet(), n -> {}));

    assertThat(loaded.streamed()).isFalse();
    assertThat(loaded.documents()).hasSizeGreaterThan(500);
    assertThat(prepared).hasValue(0);
  }

  private static SourceLoader loader() {
    return new SourceLoader(new ByteArrayInputStream(new byte[0]));
  }

  private static String describe(Document document) {
    return document.location()
        + " "
        + document.tree().path("kind").asText()
        + " "
        + document.tree().path("metadata").path("name").asText();
  }
}
