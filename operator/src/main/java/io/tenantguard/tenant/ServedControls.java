package io.tenantguard.tenant;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.tenantguard.api.v1alpha1.Certification;
import io.tenantguard.api.v1alpha1.tenant.ControlState;
import io.tenantguard.api.v1alpha1.tenant.ControlStatus;
import io.tenantguard.evidence.Evidence;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which controls an action serves, for the audit trail: an object serves the controls its
 * capability evaluates (a namespace, those of every capability that marks it); a condition, the
 * controls whose evidence it folds. Only controls that apply to the tenant are named.
 */
final class ServedControls {
  private final Map<String, Set<String>> byObject = new HashMap<>();
  private final Map<String, Set<String>> byCondition = new HashMap<>();

  ServedControls(TenantPlan plan, List<Certification> compliance) {
    for (TenantPlan.Contributed contributed : plan.contributions()) {
      List<Evidence> applicable = contributed.contribution().evidence().stream()
          .filter(e -> e.control().appliesTo(compliance))
          .toList();
      List<String> ids = applicable.stream().map(e -> e.control().id()).distinct().toList();
      contributed.contribution().objects().forEach(object -> served(byObject, key(object), ids));
      contributed.contribution().namespaceMetadata().keySet()
          .forEach(namespace -> served(byObject, key("Namespace", null, namespace), ids));
      applicable.forEach(e -> served(byCondition, e.condition(), List.of(e.control().id())));
    }
  }

  List<String> of(HasMetadata object) {
    return List.copyOf(byObject.getOrDefault(key(object), Set.of()));
  }

  /** The controls a condition folds that do not hold in {@code controls}: what its turning bad concerns. */
  List<String> failingUnder(String condition, List<ControlStatus> controls) {
    Set<String> folded = byCondition.getOrDefault(condition, Set.of());
    return controls.stream()
        .filter(c -> folded.contains(c.id()))
        .filter(c -> c.state() == ControlState.Violated || c.state() == ControlState.NotEnforced)
        .map(ControlStatus::id)
        .toList();
  }

  private static void served(Map<String, Set<String>> served, String key, List<String> ids) {
    served.computeIfAbsent(key, k -> new LinkedHashSet<>()).addAll(ids);
  }

  private static String key(HasMetadata object) {
    return key(object.getKind(), object.getMetadata().getNamespace(),
        object.getMetadata().getName());
  }

  private static String key(String kind, String namespace, String name) {
    return kind + "/" + namespace + "/" + name;
  }
}
