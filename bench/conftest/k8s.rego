# A small policy set for benchmarking conftest (a policy engine ships no Kubernetes checks of its
# own). It mirrors eight kube4c container rules so that the work per object is comparable.
package main

import rego.v1

pod_spec := input.spec if input.kind == "Pod"
pod_spec := input.spec.template.spec if input.spec.template.spec.containers
pod_spec := input.spec.jobTemplate.spec.template.spec if input.kind == "CronJob"

containers contains c if some c in pod_spec.containers
containers contains c if some c in pod_spec.initContainers

deny contains msg if {
	some c in containers
	c.securityContext.privileged == true
	msg := sprintf("%s/%s: container %s is privileged", [input.kind, input.metadata.name, c.name])
}

deny contains msg if {
	some c in containers
	not c.securityContext.runAsNonRoot == true
	not pod_spec.securityContext.runAsNonRoot == true
	msg := sprintf("%s/%s: container %s may run as root", [input.kind, input.metadata.name, c.name])
}

deny contains msg if {
	some field in ["hostNetwork", "hostPID", "hostIPC"]
	pod_spec[field] == true
	msg := sprintf("%s/%s: %s is true", [input.kind, input.metadata.name, field])
}

deny contains msg if {
	some c in containers
	not c.securityContext.readOnlyRootFilesystem == true
	msg := sprintf("%s/%s: container %s has a writable root filesystem", [input.kind, input.metadata.name, c.name])
}

deny contains msg if {
	some c in containers
	not c.securityContext.allowPrivilegeEscalation == false
	msg := sprintf("%s/%s: container %s allows privilege escalation", [input.kind, input.metadata.name, c.name])
}

deny contains msg if {
	some c in containers
	not "ALL" in object.get(c, ["securityContext", "capabilities", "drop"], [])
	msg := sprintf("%s/%s: container %s does not drop ALL capabilities", [input.kind, input.metadata.name, c.name])
}

deny contains msg if {
	some c in containers
	latest(c.image)
	msg := sprintf("%s/%s: container %s uses a mutable image tag", [input.kind, input.metadata.name, c.name])
}

deny contains msg if {
	some c in containers
	not c.resources.limits.memory
	msg := sprintf("%s/%s: container %s has no memory limit", [input.kind, input.metadata.name, c.name])
}

latest(image) if endswith(image, ":latest")
latest(image) if {
	not contains(image, "@")
	parts := split(image, "/")
	not contains(parts[count(parts) - 1], ":")
}
