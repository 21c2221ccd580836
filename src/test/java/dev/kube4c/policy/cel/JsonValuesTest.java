package dev.kube4c.policy.cel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cel.common.values.CelValue;
import dev.cel.runtime.CelEvaluationException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** JSON views and settled lists read by CEL as the plain maps and lists they stand for. */
class JsonValuesTest {

  private static Object eval(String expression, Object list) throws Exception {
    return CelEval.eval(
        expression,
        Map.of(
            "object",
            JsonValues.of(
                new ObjectMapper()
                    .readTree("{\"metadata\": {\"name\": \"web\", \"labels\": {\"app\": \"a\"}}}")),
            "variables",
            Map.of("names", list)));
  }

  @ParameterizedTest(name = "{0} == {1}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      textBlock =
          """
          'b' in variables.names                      | true
          size(variables.names)                       | 2
          variables.names == ['a', 'b']               | true
          variables.names + ['c']                     | [a, b, c]
          variables.names.map(n, n + '!')             | [a!, b!]
          variables.names[1]                          | b
          variables.names.exists(n, n == object.metadata.name) | false
          object.metadata.name                        | web
          has(object.metadata.labels)                 | true
          has(object.metadata.annotations)            | false
          object.metadata.?annotations.orValue({})    | {}
          object.metadata.labels.app in variables.names | true
          """)
  void aSettledListReadsAsThePlainList(String expression, String expected) throws Exception {
    List<Object> plain = new ArrayList<>(List.of("a", "b"));
    Object settled = JsonValues.settled(plain);

    assertThat(settled).isInstanceOf(CelValue.class);
    assertThat(String.valueOf(eval(expression, settled)))
        .isEqualTo(String.valueOf(eval(expression, plain)))
        .isEqualTo(expected);
  }

  @Test
  void listsWithValuesTheRuntimeWouldConvertAreLeftAsTheyAre() {
    List<Object> optionals = List.of(Optional.of("a"));
    List<Object> nested = List.of(List.of("a"));

    assertThat(JsonValues.settled(optionals)).isSameAs(optionals);
    assertThat(JsonValues.settled(nested)).isSameAs(nested);
    assertThat(JsonValues.settled("a")).isEqualTo("a");
  }

  @Test
  void aMissingFieldIsNoSuchKeyAsInAMap() {
    assertThatThrownBy(() -> eval("object.metadata.namespace", List.of()))
        .isInstanceOf(CelEvaluationException.class)
        .hasMessageContaining("key 'namespace' is not present in map");
  }
}
