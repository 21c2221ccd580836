package dev.kube4c.pss;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Version switches and messages of the engine, on small pods. */
class PssEvaluatorTest {

  private final PssEvaluator evaluator = new PssEvaluator();

  private static PssPod pod(String spec) throws IOException {
    JsonNode node = new YAMLMapper().readTree("metadata: {name: p}\nspec:\n" + spec.indent(2));
    return PssPod.ofPod(node);
  }

  private List<String> failed(PssPod pod, PssLevel level, String version) {
    return evaluator
        .evaluate(pod, level, PssVersion.parse(version).orElseThrow())
        .failures()
        .stream()
        .map(f -> f.check().id())
        .toList();
  }

  @Test
  void versionsParseAsInPsaLabels() {
    assertThat(PssVersion.parse("v1.29")).contains(PssVersion.of(29));
    assertThat(PssVersion.parse("latest")).contains(PssVersion.LATEST);
    assertThat(PssVersion.parse("1.29")).isEmpty();
    assertThat(PssVersion.parse("v1.029")).isEmpty();
    assertThat(PssVersion.parse("v2.0")).isEmpty();
    assertThat(PssVersion.of(99).effectiveMinor()).isEqualTo(PssVersion.NEWEST_MINOR);
  }

  @Test
  void restrictedCapabilitiesReplaceTheBaselineCheckFromV122() throws IOException {
    PssPod pod =
        pod(
            """
        securityContext: {runAsNonRoot: true, seccompProfile: {type: RuntimeDefault}}
        containers:
        - name: app
          securityContext:
            allowPrivilegeEscalation: false
            capabilities: {add: [SYS_ADMIN]}
        """);
    assertThat(failed(pod, PssLevel.RESTRICTED, "v1.21")).containsExactly("capabilities_baseline");
    assertThat(failed(pod, PssLevel.RESTRICTED, "v1.22"))
        .containsExactly("capabilities_restricted");
    assertThat(failed(pod, PssLevel.BASELINE, "v1.22")).containsExactly("capabilities_baseline");
  }

  @Test
  void windowsPodsSkipLinuxOnlyRestrictedChecksFromV125() throws IOException {
    PssPod pod =
        pod(
            """
        os: {name: windows}
        securityContext: {runAsNonRoot: true}
        containers:
        - name: app
        """);
    assertThat(failed(pod, PssLevel.RESTRICTED, "v1.24"))
        .containsExactly(
            "allowPrivilegeEscalation", "capabilities_restricted", "seccompProfile_restricted");
    assertThat(failed(pod, PssLevel.RESTRICTED, "v1.25")).isEmpty();
  }

  @Test
  void userNamespacesRelaxRunAsAndBaselineProcMountFromV135() throws IOException {
    PssPod pod =
        pod(
            """
        hostUsers: false
        securityContext: {runAsUser: 0, seccompProfile: {type: RuntimeDefault}}
        containers:
        - name: app
          securityContext:
            allowPrivilegeEscalation: false
            capabilities: {drop: [ALL]}
            procMount: Unmasked
        """);
    assertThat(failed(pod, PssLevel.RESTRICTED, "v1.34"))
        .containsExactly("procMount", "runAsNonRoot", "runAsUser");
    assertThat(failed(pod, PssLevel.RESTRICTED, "v1.35")).containsExactly("procMount_restricted");
    assertThat(failed(pod, PssLevel.BASELINE, "v1.35")).isEmpty();
  }

  @Test
  void messagesNameTheFieldAndTheForbiddenValue() throws IOException {
    PssPod pod =
        pod(
            """
        hostPID: true
        securityContext:
          sysctls: [{name: kernel.msgmax, value: "1"}]
        containers:
        - name: app
          ports: [{containerPort: 80, hostPort: 80}]
        """);
    PssResult result = evaluator.evaluate(pod, PssLevel.BASELINE, PssVersion.LATEST);
    assertThat(result.policy()).isEqualTo("baseline:latest");
    assertThat(result.describe())
        .isEqualTo(
            "host namespaces (spec.hostPID is true), hostPort (spec.containers[0].ports[0].hostPort is 80), forbidden sysctls (spec.securityContext.sysctls[0].name is \"kernel.msgmax\")");
  }

  @Test
  void aVolumeWithoutSourceIsTheDefaultedEmptyDir() throws IOException {
    PssPod pod =
        pod(
            """
        securityContext: {runAsNonRoot: true, seccompProfile: {type: RuntimeDefault}}
        containers:
        - name: app
          securityContext: {allowPrivilegeEscalation: false, capabilities: {drop: [ALL]}}
        volumes:
        - name: scratch
        - name: other
          unknownPlugin: {}
        """);
    assertThat(evaluator.evaluate(pod, PssLevel.RESTRICTED, PssVersion.LATEST).allowed()).isTrue();
  }
}
