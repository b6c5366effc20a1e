package io.tenantguard.e2e;

import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import java.util.Map;
import java.util.function.UnaryOperator;

/** Pods and Deployments as a tenant writes them: compliant with Pod Security restricted. */
final class Workloads {
  private Workloads() {}

  static PodSpec compliantSpec(Map<String, String> nodeSelector) {
    return new PodSpecBuilder()
        .withNodeSelector(nodeSelector)
        .withNewSecurityContext()
        .withRunAsNonRoot(true)
        .withNewSeccompProfile().withType("RuntimeDefault").endSeccompProfile()
        .endSecurityContext()
        .addNewContainer()
        .withName("app")
        .withImage("registry.example/app:1.0")
        .withNewSecurityContext()
        .withAllowPrivilegeEscalation(false)
        .withNewCapabilities().withDrop("ALL").endCapabilities()
        .endSecurityContext()
        .endContainer()
        .build();
  }

  static Pod pod(String name, Map<String, String> nodeSelector, UnaryOperator<PodSpec> edit) {
    return new PodBuilder().withNewMetadata().withName(name).endMetadata()
        .withSpec(edit.apply(compliantSpec(nodeSelector))).build();
  }

  static Pod pod(String name, Map<String, String> nodeSelector) {
    return pod(name, nodeSelector, spec -> spec);
  }

  static Deployment deployment(String name, Map<String, String> nodeSelector) {
    return new DeploymentBuilder()
        .withNewMetadata().withName(name).endMetadata()
        .withNewSpec()
        .withNewSelector().addToMatchLabels("app", name).endSelector()
        .withNewTemplate()
        .withNewMetadata().addToLabels("app", name).endMetadata()
        .withSpec(compliantSpec(nodeSelector))
        .endTemplate()
        .endSpec()
        .build();
  }
}
