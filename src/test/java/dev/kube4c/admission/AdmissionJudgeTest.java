package dev.kube4c.admission;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kube4c.config.Config;
import dev.kube4c.engine.RuleSetup;
import dev.kube4c.rules.RuleCatalogue;
import dev.kube4c.rules.Severity;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AdmissionJudgeTest {

  static RuleSetup setup(Config config) {
    return RuleSetup.of(
        RuleCatalogue.builtIn(),
        new RuleSetup.Options(config, null, null, Set.of(), Set.of(), Set.of(), null),
        LocalDate.now());
  }

  static AdmissionJudge judge(ClusterContext context, AdmissionJudge.Policy policy) {
    return new AdmissionJudge(setup(Config.DEFAULT), context, null, policy, Clock.systemUTC());
  }

  static AdmissionJudge judge(ClusterContext context) {
    return judge(context, AdmissionJudge.Policy.defaults());
  }

  static Decision decide(AdmissionJudge judge, ObjectNode review) throws Exception {
    return judge.judge(Reviews.parse(review));
  }

  static final FakeContext SHOP = FakeContext.namespace("shop", "team: web");

  @Test
  void privilegedPodIsDeniedWithRuleFieldAndFix() throws Exception {
    Decision d =
        decide(judge(SHOP), Reviews.review("CREATE", Reviews.yaml(Reviews.PRIVILEGED_POD), null));
    assertThat(d.allowed()).isFalse();
    assertThat(d.code()).isEqualTo(403);
    assertThat(d.message())
        .startsWith("kube4c denied Pod/shop/web")
        .contains("- container-privileged (critical) container=app: ")
        .contains("securityContext.privileged")
        .contains("Fix: ");
    assertThat(d.rules()).contains("container-privileged");
  }

  @Test
  void hardenedPodIsAllowedSilently() throws Exception {
    Decision d =
        decide(judge(SHOP), Reviews.review("CREATE", Reviews.yaml(Reviews.HARDENED_POD), null));
    assertThat(d.message()).isEmpty();
    assertThat(d.allowed()).isTrue();
    assertThat(d.warnings()).isEmpty();
    assertThat(d.outcome()).isEqualTo("allowed");
  }

  static ObjectNode pod(String yaml) {
    return Reviews.yaml(yaml);
  }

  @Test
  void deleteAndConnectAreAllowedUnjudged() throws Exception {
    ObjectNode delete = Reviews.review("DELETE", null, pod(Reviews.PRIVILEGED_POD));
    assertThat(decide(judge(SHOP), delete).outcome()).isEqualTo("skipped");
    ObjectNode connect = Reviews.review("CONNECT", null, null);
    Reviews.request(connect).put("subResource", "exec");
    Decision d = decide(judge(SHOP), connect);
    assertThat(d.allowed()).isTrue();
    assertThat(d.outcome()).isEqualTo("skipped");
  }

  @Test
  void createWithoutObjectIsRefusedWithAReason() throws Exception {
    Decision d = decide(judge(SHOP), Reviews.review("CREATE", null, null));
    assertThat(d.allowed()).isFalse();
    assertThat(d.code()).isEqualTo(400);
    assertThat(d.message()).contains("CREATE request has no object");
  }

  @Test
  void updateToleratesFindingsTheOldObjectHadButDeniesNewOnes() throws Exception {
    ObjectNode labelled = pod(Reviews.PRIVILEGED_POD);
    ((ObjectNode) labelled.get("metadata")).putObject("labels").put("tier", "front");
    Decision relabel =
        decide(judge(SHOP), Reviews.review("UPDATE", labelled, pod(Reviews.PRIVILEGED_POD)));
    assertThat(relabel.allowed()).isTrue();
    assertThat(relabel.warnings())
        .anyMatch(
            w ->
                w.startsWith("kube4c: container-privileged (critical)")
                    && w.endsWith("(already on the object before this update)"));

    Decision worse =
        decide(
            judge(SHOP),
            Reviews.review("UPDATE", pod(Reviews.PRIVILEGED_POD), pod(Reviews.HARDENED_POD)));
    assertThat(worse.allowed()).isFalse();
    assertThat(worse.rules()).contains("container-privileged");

    AdmissionJudge strict =
        judge(
            SHOP,
            new AdmissionJudge.Policy(
                Mode.ENFORCE,
                Severity.HIGH,
                false,
                AdmissionJudge.Policy.CONTROLLER_USERS,
                true,
                true));
    assertThat(
            decide(strict, Reviews.review("UPDATE", labelled, pod(Reviews.PRIVILEGED_POD)))
                .allowed())
        .isFalse();
  }

  @Test
  void scaleIsNotJudgedButEphemeralContainersAre() throws Exception {
    ObjectNode scale =
        Reviews.yaml(
            "apiVersion: autoscaling/v1\nkind: Scale\nmetadata: {name: web, namespace: shop}\nspec: {replicas: 5}\n");
    ObjectNode review = Reviews.review("UPDATE", scale, scale.deepCopy());
    Reviews.request(review).put("subResource", "scale");
    assertThat(decide(judge(SHOP), review).outcome()).isEqualTo("skipped");

    ObjectNode debugged = pod(Reviews.HARDENED_POD);
    ((ObjectNode) debugged.get("spec"))
        .putArray("ephemeralContainers")
        .addObject()
        .put("name", "debugger")
        .put("image", "busybox@sha256:" + "b".repeat(64))
        .putObject("securityContext")
        .put("privileged", true);
    ObjectNode ephemeral = Reviews.review("UPDATE", debugged, pod(Reviews.HARDENED_POD));
    Reviews.request(ephemeral).put("subResource", "ephemeralcontainers");
    Decision d = decide(judge(SHOP), ephemeral);
    assertThat(d.allowed()).isFalse();
    assertThat(d.message()).contains("container=debugger");
  }

  @Test
  void podsOfControllersAreJudgedAtTheControllerUnlessAskedOtherwise() throws Exception {
    ObjectNode owned = pod(Reviews.PRIVILEGED_POD);
    ((ObjectNode) owned.get("metadata"))
        .putArray("ownerReferences")
        .addObject()
        .put("apiVersion", "apps/v1")
        .put("kind", "ReplicaSet")
        .put("name", "web-7d4b9")
        .put("uid", "1")
        .put("controller", true);
    ObjectNode byController = Reviews.review("CREATE", owned, null);
    ((ObjectNode) Reviews.request(byController).get("userInfo"))
        .put("username", "system:serviceaccount:kube-system:replicaset-controller");
    assertThat(decide(judge(SHOP), byController).outcome()).isEqualTo("skipped");

    // The same owner reference written by a user is no way around the rules.
    assertThat(decide(judge(SHOP), Reviews.review("CREATE", owned.deepCopy(), null)).allowed())
        .isFalse();

    AdmissionJudge every =
        judge(
            SHOP,
            new AdmissionJudge.Policy(
                Mode.ENFORCE,
                Severity.HIGH,
                true,
                AdmissionJudge.Policy.CONTROLLER_USERS,
                false,
                true));
    assertThat(decide(every, byController).allowed()).isFalse();
  }

  @Test
  void kindsWithoutRulesAreAnsweredAtOnce() throws Exception {
    ObjectNode lease =
        Reviews.yaml(
            "apiVersion: coordination.k8s.io/v1\nkind: Lease\nmetadata: {name: l, namespace: shop}\nspec: {holderIdentity: x}\n");
    Decision d = decide(judge(SHOP), Reviews.review("CREATE", lease, null));
    assertThat(d.allowed()).isTrue();
    assertThat(d.outcome()).isEqualTo("skipped");
    assertThat(d.message()).contains("Lease");
  }

  @Test
  void warnModeFromTheNamespaceLabelAllowsWithWarnings() throws Exception {
    AdmissionJudge judge = judge(FakeContext.namespace("shop", "kube4c.dev/mode: warn"));
    Decision d = decide(judge, Reviews.review("CREATE", pod(Reviews.PRIVILEGED_POD), null));
    assertThat(d.allowed()).isTrue();
    assertThat(d.outcome()).isEqualTo("warned");
    assertThat(d.warnings()).anyMatch(w -> w.startsWith("kube4c: container-privileged (critical)"));
    assertThat(d.warnings()).allMatch(w -> w.length() <= Decision.MAX_WARNING);
  }

  @Test
  void auditModeAllowsWithAuditAnnotations() throws Exception {
    AdmissionJudge judge = judge(FakeContext.namespace("shop", "kube4c.dev/mode: audit"));
    Decision d = decide(judge, Reviews.review("CREATE", pod(Reviews.PRIVILEGED_POD), null));
    assertThat(d.allowed()).isTrue();
    assertThat(d.outcome()).isEqualTo("audited");
    assertThat(d.auditAnnotations().get("findings")).contains("container-privileged:critical");
    assertThat(d.auditAnnotations()).containsEntry("mode", "audit");
    ObjectNode review = d.toReview(Reviews.JSON, "u1");
    assertThat(review.path("response").path("auditAnnotations").path("findings").asText())
        .contains("container-privileged");
  }

  @Test
  void denyOnThresholdDecides() throws Exception {
    AdmissionJudge criticalOnly =
        judge(
            SHOP,
            new AdmissionJudge.Policy(
                Mode.ENFORCE,
                Severity.CRITICAL,
                false,
                AdmissionJudge.Policy.CONTROLLER_USERS,
                false,
                true));
    ObjectNode root = pod(Reviews.HARDENED_POD);
    ((ObjectNode) root.path("spec").path("securityContext")).put("runAsNonRoot", false);
    ((ObjectNode) root.path("spec").path("securityContext")).put("runAsUser", 0);
    assertThat(decide(judge(SHOP), Reviews.review("CREATE", root, null)).allowed()).isFalse();
    assertThat(decide(criticalOnly, Reviews.review("CREATE", root.deepCopy(), null)).allowed())
        .isTrue();
  }

  @Test
  void ignoreAnnotationsAndConfigExceptionsApplyAsInScans() throws Exception {
    ObjectNode ignored = pod(Reviews.PRIVILEGED_POD);
    ((ObjectNode) ignored.get("metadata"))
        .putObject("annotations")
        .put(
            "kube4c.dev/ignore",
            "container-privileged,pss-baseline-privileged,container-capabilities-not-dropped")
        .put("kube4c.dev/ignore-reason", "node agent, SEC-1");
    Decision d = decide(judge(SHOP), Reviews.review("CREATE", ignored, null));
    assertThat(d.rules()).doesNotContain("container-privileged");
  }

  @Test
  void withoutContextTheAnswerSaysWhatWasNotJudged() throws Exception {
    Decision d =
        decide(
            judge(ClusterContext.NONE), Reviews.review("CREATE", pod(Reviews.HARDENED_POD), null));
    assertThat(d.allowed()).isTrue();
    assertThat(d.warnings())
        .anyMatch(
            w ->
                w.startsWith("kube4c: not judged, context not loaded: ")
                    && w.contains("sa-token-automount")
                    && w.contains("ServiceAccount"));
  }

  @Test
  void everyKindThatTheCatalogueFixturesHoldIsJudged() throws Exception {
    java.nio.file.Path root = java.nio.file.Path.of("src/test/resources/rules");
    Set<String> kinds = new java.util.TreeSet<>();
    try (var files = java.nio.file.Files.walk(root)) {
      for (java.nio.file.Path f : files.filter(p -> p.toString().endsWith(".yaml")).toList()) {
        for (String line : java.nio.file.Files.readAllLines(f)) {
          if (line.startsWith("kind: ")) {
            kinds.add(line.substring(6).strip());
          }
        }
      }
    }
    // Kinds that only other kinds' rules read, or that kube4c reads outside admission.
    Set<String> notAdmitted =
        Set.of(
            "List",
            "CloudCluster",
            "KubeletConfiguration",
            "ClusterConfiguration",
            "InitConfiguration",
            "JoinConfiguration",
            "KubeProxyConfiguration",
            "Config",
            "EncryptionConfiguration",
            "AdmissionConfiguration",
            "Policy",
            "NodeFile");
    kinds.removeAll(notAdmitted);
    kinds.removeIf(k -> JudgedKinds.KINDS.contains(k));
    kinds.removeAll(
        List.of(
            "Pod",
            "Deployment",
            "StatefulSet",
            "DaemonSet",
            "ReplicaSet",
            "Job",
            "CronJob",
            "ReplicationController",
            "PodTemplate",
            "Rollout"));
    assertThat(kinds)
        .as("kinds in rule fixtures that the webhook would let through unjudged")
        .isEmpty();
  }
}
