package dev.kube4c.rbac;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kube4c.inventory.Inventory;
import dev.kube4c.source.SourceLoader;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class RbacModelTest {

  static RbacModel model(String yaml) {
    SourceLoader.Loaded loaded =
        new SourceLoader(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)))
            .load(List.of("-"));
    assertThat(loaded.problems()).isEmpty();
    return RbacModel.of(Inventory.of(loaded.documents(), loaded.problems()));
  }

  static String clusterRole(String name, String labels, String rules) {
    return "apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: "
        + name
        + "\n"
        + labels
        + "rules:\n"
        + rules
        + "---\n";
  }

  static String role(String ns, String name, String rules) {
    return "apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata:\n  name: "
        + name
        + "\n  namespace: "
        + ns
        + "\nrules:\n"
        + rules
        + "---\n";
  }

  static String clusterBinding(String name, String role, String subject) {
    return "apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\nmetadata:\n  name: "
        + name
        + "\nroleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: \""
        + role
        + "\"}\nsubjects:\n- "
        + subject
        + "\n---\n";
  }

  static String binding(String ns, String name, String roleKind, String role, String subject) {
    return "apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata:\n  name: "
        + name
        + "\n  namespace: "
        + ns
        + "\nroleRef: {apiGroup: rbac.authorization.k8s.io, kind: "
        + roleKind
        + ", name: \""
        + role
        + "\"}\nsubjects:\n- "
        + subject
        + "\n---\n";
  }

  static List<String> who(RbacModel model, Access access) {
    return WhoCan.ask(model, access).stream().map(e -> e.subject().display()).toList();
  }

  @Test
  void wildcardsMatchAnyVerbGroupAndResourceIncludingSubresources() {
    RbacModel model =
        model(
            clusterRole("all-apps", "", "- {apiGroups: ['*'], resources: ['*'], verbs: ['get']}\n")
                + clusterBinding("b", "all-apps", "{kind: User, name: ann}")
                + clusterRole(
                    "any-verb",
                    "",
                    "- {apiGroups: [apps], resources: [deployments], verbs: ['*']}\n")
                + clusterBinding("c", "any-verb", "{kind: User, name: ben}"));
    assertThat(who(model, Access.parse("get", "deployments.apps")))
        .containsExactly("User/ann", "User/ben");
    assertThat(who(model, Access.parse("get", "pods/log"))).containsExactly("User/ann");
    assertThat(who(model, Access.parse("delete", "deployments"))).containsExactly("User/ben");
    assertThat(who(model, Access.parse("delete", "deployments.extensions"))).isEmpty();
    assertThat(who(model, Access.parse("list", "pods"))).isEmpty();
  }

  @Test
  void subresourcesNeedTheirOwnGrantOrAStarSlashForm() {
    RbacModel model =
        model(
            clusterRole("pods", "", "- {apiGroups: [''], resources: [pods], verbs: [create]}\n")
                + clusterBinding("p", "pods", "{kind: User, name: pods-only}")
                + clusterRole(
                    "pods-star",
                    "",
                    "- {apiGroups: [''], resources: ['pods/*'], verbs: [create]}\n")
                + clusterBinding("ps", "pods-star", "{kind: User, name: pods-star}")
                + clusterRole(
                    "any-exec", "", "- {apiGroups: [''], resources: ['*/exec'], verbs: [create]}\n")
                + clusterBinding("ae", "any-exec", "{kind: User, name: any-exec}")
                + clusterRole(
                    "exec", "", "- {apiGroups: [''], resources: [pods/exec], verbs: [create]}\n")
                + clusterBinding("e", "exec", "{kind: User, name: exec}"));
    // Kubernetes matches "pods" only to pods and knows no "pods/*" form.
    assertThat(who(model, Access.parse("create", "pods/exec")))
        .containsExactly("User/any-exec", "User/exec");
    assertThat(who(model, Access.parse("create", "pods"))).containsExactly("User/pods-only");
  }

  @Test
  void resourceNamesRestrictNamedRequests() {
    RbacModel model =
        model(
            role(
                    "shop",
                    "one",
                    "- {apiGroups: [''], resources: [secrets], resourceNames: [db], verbs: [get]}\n")
                + binding("shop", "one", "Role", "one", "{kind: ServiceAccount, name: app}")
                + role("shop", "all", "- {apiGroups: [''], resources: [secrets], verbs: [get]}\n")
                + binding("shop", "all", "Role", "all", "{kind: ServiceAccount, name: ops}"));
    Access get = Access.parse("get", "secrets").inNamespace("shop");
    assertThat(who(model, get.withName("db")))
        .containsExactly("ServiceAccount/shop/app", "ServiceAccount/shop/ops");
    assertThat(who(model, get.withName("other"))).containsExactly("ServiceAccount/shop/ops");
    // Without a name, the restricted grant is listed and marked as restricted.
    List<WhoCan.Entry> any = WhoCan.ask(model, get);
    assertThat(any).hasSize(2);
    assertThat(any.get(0).grants().get(0).rule().rule().restrictedByName()).isTrue();
    assertThat(any.get(1).grants().get(0).rule().rule().restrictedByName()).isFalse();
  }

  @Test
  void nonResourceUrlsMatchExactlyOrByPrefixAndOnlyThroughClusterRoleBindings() {
    RbacModel model =
        model(
            clusterRole("metrics", "", "- {nonResourceURLs: [/metrics], verbs: [get]}\n")
                + clusterBinding(
                    "m",
                    "metrics",
                    "{kind: ServiceAccount, name: prometheus, namespace: monitoring}")
                + clusterRole("health", "", "- {nonResourceURLs: ['/healthz/*'], verbs: [get]}\n")
                + clusterBinding("h", "health", "{kind: Group, name: probes}")
                + binding(
                    "monitoring",
                    "ns-metrics",
                    "ClusterRole",
                    "metrics",
                    "{kind: User, name: namespaced}"));
    assertThat(who(model, Access.parse("get", "/metrics")))
        .containsExactly("ServiceAccount/monitoring/prometheus");
    assertThat(who(model, Access.parse("get", "/healthz/etcd"))).containsExactly("Group/probes");
    assertThat(who(model, Access.parse("get", "/healthz"))).isEmpty();
    assertThat(who(model, Access.parse("post", "/metrics"))).isEmpty();
  }

  @Test
  void aClusterRoleBoundByARoleBindingActsOnlyInThatNamespaceAndNeverOnClusterScopedResources() {
    RbacModel model =
        model(
            clusterRole(
                    "reader", "", "- {apiGroups: [''], resources: [pods, nodes], verbs: [get]}\n")
                + binding("shop", "r", "ClusterRole", "reader", "{kind: User, name: ann}"));
    assertThat(who(model, Access.parse("get", "pods").inNamespace("shop")))
        .containsExactly("User/ann");
    assertThat(who(model, Access.parse("get", "pods").inNamespace("bank"))).isEmpty();
    assertThat(who(model, Access.parse("get", "pods"))).containsExactly("User/ann");
    assertThat(who(model, Access.parse("get", "nodes"))).isEmpty();
  }

  @Test
  void aggregationCollectsLabelledRolesTransitivelyIntoTheBuiltInRoles() {
    RbacModel model =
        model(
            clusterRole(
                    "widgets-view",
                    "  labels: {rbac.authorization.k8s.io/aggregate-to-view: 'true'}\n",
                    "- {apiGroups: [example.com], resources: [widgets], verbs: [get]}\n")
                + binding(
                    "shop", "admins", "ClusterRole", "admin", "{kind: Group, name: shop-admins}"));
    // widgets-view → view → edit → admin: each built-in role carries the label of the next.
    List<WhoCan.Entry> entries =
        WhoCan.ask(model, Access.parse("get", "widgets.example.com").inNamespace("shop"));
    assertThat(entries).hasSize(1);
    Grant grant = entries.get(0).grants().get(0);
    assertThat(grant.role().display()).isEqualTo("ClusterRole/admin");
    assertThat(grant.rule().path()).isEqualTo("ClusterRole/widgets-view rules[0]");
    assertThat(grant.path())
        .isEqualTo(
            "RoleBinding/shop/admins → ClusterRole/admin (built-in) via ClusterRole/widgets-view rules[0]");
    // The built-in edit reaches Secrets through system:aggregate-to-edit; view does not.
    assertThat(model.clusterRole("view").orElseThrow().rules())
        .noneMatch(r -> r.rule().allowsResource("", "secrets", null));
    assertThat(model.clusterRole("edit").orElseThrow().rules())
        .anyMatch(r -> r.rule().allowsResource("", "secrets", null) && r.rule().allowsVerb("get"));
  }

  @Test
  void aggregationByMatchExpressionsAndCyclesTerminate() {
    RbacModel model =
        model(
            "apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: a\n  labels: {team: x}\n"
                + "aggregationRule:\n  clusterRoleSelectors:\n  - matchExpressions: [{key: team, operator: In, values: [x]}]\n---\n"
                + "apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: b\n  labels: {team: x}\n"
                + "aggregationRule:\n  clusterRoleSelectors:\n  - matchLabels: {team: x}\n---\n"
                + clusterRole(
                    "c",
                    "  labels: {team: x}\n",
                    "- {apiGroups: [''], resources: [configmaps], verbs: [get]}\n"));
    assertThat(model.clusterRole("a").orElseThrow().rules())
        .extracting(SourcedRule::path)
        .containsExactly("ClusterRole/c rules[0]");
    assertThat(model.clusterRole("b").orElseThrow().rules())
        .extracting(SourcedRule::path)
        .containsExactly("ClusterRole/c rules[0]");
  }

  @Test
  void aScannedClusterRoleReplacesTheBundledDefault() {
    RbacModel model =
        model(
            clusterRole("view", "", "- {apiGroups: [''], resources: [secrets], verbs: [get]}\n")
                + clusterBinding("v", "view", "{kind: User, name: ann}"));
    assertThat(who(model, Access.parse("get", "secrets"))).containsExactly("User/ann");
    assertThat(model.clusterRole("view").orElseThrow().isBuiltIn()).isFalse();
  }

  @Test
  void serviceAccountsAreFoundUnderEitherSpellingWithTheirWorkloads() {
    RbacModel model =
        model(
            clusterBinding("x", "view", "{kind: User, name: 'system:serviceaccount:shop:web'}")
                + "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web, namespace: shop}\n"
                + "spec:\n  template:\n    spec:\n      serviceAccountName: web\n      containers: [{name: a, image: a}]\n---\n"
                + "apiVersion: v1\nkind: Pod\nmetadata: {name: other, namespace: shop}\nspec:\n  containers: [{name: a, image: a}]\n");
    Subject web = Subject.serviceAccount("shop", "web");
    assertThat(model.grantsOf(web)).isNotEmpty();
    assertThat(model.workloadsOf(web))
        .extracting(w -> w.resource().display())
        .containsExactly("Deployment/shop/web");
    assertThat(model.workloadsOf(Subject.serviceAccount("shop", "default")))
        .extracting(w -> w.resource().display())
        .containsExactly("Pod/shop/other");
    assertThat(model.workloadsOf(new Subject(Subject.GROUP, null, "system:serviceaccounts:shop")))
        .hasSize(2);
  }

  @Test
  void aWorkloadHoldsItsServiceAccountsGrantsAndThoseOfItsGroups() {
    RbacModel model =
        model(
            binding("shop", "own", "ClusterRole", "view", "{kind: ServiceAccount, name: web}")
                + binding(
                    "shop",
                    "all",
                    "ClusterRole",
                    "edit",
                    "{kind: Group, name: 'system:serviceaccounts:shop'}")
                + binding(
                    "bank",
                    "other",
                    "ClusterRole",
                    "admin",
                    "{kind: Group, name: 'system:serviceaccounts:bank'}")
                + "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web, namespace: shop}\n"
                + "spec:\n  template:\n    spec:\n      serviceAccountName: web\n      containers: [{name: a, image: a}]\n");
    assertThat(model.grantsOf(model.workloadsOf(Subject.serviceAccount("shop", "web")).get(0)))
        .extracting(g -> g.binding().display())
        .containsOnly("RoleBinding/shop/own", "RoleBinding/shop/all");
  }

  @Test
  void unknownRolesGrantNothingAndDoNotFail() {
    RbacModel model =
        model(
            clusterBinding("x", "does-not-exist", "{kind: User, name: ann}")
                + binding("shop", "y", "Role", "missing", "{kind: User, name: ben}"));
    assertThat(model.roleOf(model.bindings().get(0))).isEmpty();
    assertThat(who(model, Access.parse("*", "*"))).isEmpty();
  }
}
