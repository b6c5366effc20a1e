package io.tenantguard.tenant;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.tenantguard.api.v1alpha1.classification.Requirements;
import io.tenantguard.api.v1alpha1.region.Region;
import io.tenantguard.api.v1alpha1.tenant.NamespaceState;
import io.tenantguard.api.v1alpha1.tenant.NamespaceStatus;
import io.tenantguard.api.v1alpha1.tenant.TenantNamespace;
import io.tenantguard.capability.AccessList;
import io.tenantguard.capability.Capability;
import io.tenantguard.capability.Contribution;
import io.tenantguard.capability.LifecycleStage;
import io.tenantguard.capability.NamespaceMetadata;
import io.tenantguard.capability.NamespaceView;
import io.tenantguard.capability.PlacedNamespace;
import io.tenantguard.capability.TenantInputs;
import io.tenantguard.api.v1alpha1.classification.DataClassification;
import io.tenantguard.kube.DesiredState;
import io.tenantguard.kube.Labels;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The Tenant's pipeline, a pure function: decides each namespace's fate from every capability's
 * refusals, then gathers each capability's contribution into one plan. A namespace that already
 * holds data is never dropped from the plan: refused, it is kept and reported Violated; removed from
 * the spec, it is kept Retained.
 */
public final class TenantPipeline {
  private final List<Capability> capabilities;

  public TenantPipeline(List<Capability> capabilities) {
    this.capabilities = List.copyOf(capabilities);
  }

  /** The condition types the capabilities feed, in pipeline order. */
  public List<String> conditionTypes() {
    return capabilities.stream().flatMap(c -> c.conditions().stream()).distinct().toList();
  }

  public TenantPlan plan(TenantInputs inputs) {
    List<PlacedNamespace> namespaces = place(inputs);
    List<TenantPlan.Contributed> contributions = capabilities.stream()
        .map(capability -> new TenantPlan.Contributed(capability, capability.contribute(inputs, namespaces)))
        .toList();
    List<HasMetadata> objects = new ArrayList<>();
    for (PlacedNamespace namespace : namespaces) {
      if (namespace.provisioned()) {
        objects.add(namespaceObject(inputs, namespace, contributions));
      }
    }
    contributions.forEach(c -> objects.addAll(c.contribution().objects()));
    objects.forEach(DesiredState::fingerprinted);
    List<NamespaceStatus> statuses = namespaces.stream()
        .map(ns -> new NamespaceStatus(ns.name(), ns.view().regionName(), ns.view().classificationName(), ns.state(),
            ns.message()))
        .toList();
    return new TenantPlan(statuses, objects, contributions, hosting(namespaces), DesiredState.digest(objects),
        AccessList.of(inputs).digest(), inputs.lifecycle());
  }

  private List<PlacedNamespace> place(TenantInputs inputs) {
    Map<String, Namespace> owned = inputs.ownedNamespaces().stream()
        .collect(Collectors.toMap(ns -> ns.getMetadata().getName(), Function.identity()));
    if (!inputs.lifecycle().stage().holdsData()) {
      return destroyed(inputs, owned);
    }
    List<PlacedNamespace> placed = new ArrayList<>();
    for (TenantNamespace wanted : inputs.spec().namespaces()) {
      NamespaceView view = view(inputs, wanted.name(), wanted.region(), wanted.classification(), wanted, owned, true);
      String holder = inputs.heldElsewhere().get(wanted.name());
      if (holder != null) {
        placed.add(new PlacedNamespace(view, NamespaceState.Conflict,
            "namespace " + wanted.name() + " (" + inputs.namespaceField(wanted.name()) + ".name) already exists and "
                + holder + ": it is left untouched"));
        continue;
      }
      List<String> refusals = capabilities.stream().flatMap(c -> c.refusals(view, inputs).stream()).toList();
      if (refusals.isEmpty()) {
        placed.add(new PlacedNamespace(view, NamespaceState.Provisioned, "isolated in region " + wanted.region()));
      } else if (view.existing() != null) {
        placed.add(new PlacedNamespace(view, NamespaceState.Violated, String.join("; ", refusals)
            + ". Its data is not moved and it keeps the protection it was provisioned under: change the Region,"
            + " the DataClassification or the namespace"));
      } else {
        placed.add(new PlacedNamespace(view, NamespaceState.Refused, String.join("; ", refusals)));
      }
    }
    Set<String> named = inputs.spec().namespaces().stream().map(TenantNamespace::name).collect(Collectors.toSet());
    owned.values().stream()
        .filter(ns -> !named.contains(ns.getMetadata().getName()))
        // an administrator deletes a retained namespace on purpose: nothing more goes into it
        .filter(ns -> ns.getMetadata().getDeletionTimestamp() == null)
        .sorted(Comparator.comparing(ns -> ns.getMetadata().getName()))
        .forEach(ns -> {
          Map<String, String> labels = ns.getMetadata().getLabels();
          NamespaceView view = view(inputs, ns.getMetadata().getName(), labels.get(Labels.REGION),
              labels.get(Labels.CLASSIFICATION), null, owned, false);
          placed.add(new PlacedNamespace(view, NamespaceState.Retained,
              "removed from spec.namespaces; kept with its data, isolated as before, until the tenant's"
                  + " lifecycle destroys it or an administrator deletes it"));
        });
    return placed;
  }

  /**
   * The namespaces of a tenant whose data is being or was destroyed: none is provisioned again.
   * They are Destroying until the destruction is verified and certified (so that the Tenant, which
   * still holds them, cannot be deleted before), then Destroyed. A namespace of the same name that
   * another holds is left alone, as always.
   */
  private static List<PlacedNamespace> destroyed(TenantInputs inputs, Map<String, Namespace> owned) {
    List<PlacedNamespace> placed = new ArrayList<>();
    Set<String> named = new LinkedHashSet<>();
    inputs.spec().namespaces().forEach(ns -> named.add(ns.name()));
    owned.keySet().stream().sorted().forEach(named::add);
    for (String name : named) {
      TenantNamespace wanted = inputs.spec().namespaces().stream().filter(ns -> ns.name().equals(name)).findFirst()
          .orElse(null);
      Namespace existing = owned.get(name);
      Map<String, String> labels = existing == null ? Map.of() : existing.getMetadata().getLabels();
      NamespaceView view = view(inputs, name, wanted != null ? wanted.region() : labels.get(Labels.REGION),
          wanted != null ? wanted.classification() : labels.get(Labels.CLASSIFICATION), wanted, owned, wanted != null);
      String holder = inputs.heldElsewhere().get(name);
      if (holder != null) {
        placed.add(new PlacedNamespace(view, NamespaceState.Conflict,
            "namespace " + name + " already exists and " + holder + ": it is left untouched"));
      } else if (inputs.lifecycle().stage() == LifecycleStage.Destroyed) {
        placed.add(new PlacedNamespace(view, NamespaceState.Destroyed, "destroyed with the tenant's data"));
      } else {
        placed.add(new PlacedNamespace(view, NamespaceState.Destroying, existing != null
            ? "retention ended: deleted through the API server with every object in it, and waited for"
            : "deleted; the destruction is verified, then certified"));
      }
    }
    return placed;
  }

  private static NamespaceView view(TenantInputs inputs, String name, String regionName, String classificationName,
      TenantNamespace wanted, Map<String, Namespace> owned, boolean inSpec) {
    DataClassification classification = inputs.classifications().get(classificationName);
    Namespace existing = owned.get(name);
    Requirements requirements = classification != null
        ? classification.getSpec().requirements()
        : ProvisionedUnder.recorded(existing).orElse(Requirements.NONE);
    return new NamespaceView(name, regionName, classificationName, inputs.regions().get(regionName), classification,
        requirements, wanted == null ? null : wanted.quota(), existing, inSpec);
  }

  /**
   * The namespace: ownership, region and classification labels, then what each capability adds. A
   * namespace removed from the spec is marked deletable by an administrator, unless its tenant is
   * terminated: its data then waits for the deletion schedule like the rest.
   */
  private static Namespace namespaceObject(
      TenantInputs inputs, PlacedNamespace namespace, List<TenantPlan.Contributed> contributions) {
    Map<String, String> labels = new LinkedHashMap<>(Labels.owned(inputs.name()));
    labels.put(Labels.REGION, namespace.view().regionName());
    labels.put(Labels.CLASSIFICATION, namespace.view().classificationName());
    if (namespace.state() == NamespaceState.Retained && inputs.lifecycle().stage() != LifecycleStage.Retained) {
      labels.put(Labels.RETAINED, "true");
    }
    NamespaceMetadata metadata =
        new NamespaceMetadata(labels, ProvisionedUnder.annotation(namespace.view().requirements()));
    for (TenantPlan.Contributed contributed : contributions) {
      NamespaceMetadata added = contributed.contribution().namespaceMetadata().get(namespace.name());
      if (added != null) {
        metadata = metadata.plus(added);
      }
    }
    return new NamespaceBuilder()
        .withNewMetadata()
        .withName(namespace.name())
        .withLabels(new TreeMap<>(metadata.labels()))
        .withAnnotations(new TreeMap<>(metadata.annotations()))
        .endMetadata()
        .build();
  }

  private static TenantPlan.Hosting hosting(List<PlacedNamespace> namespaces) {
    Set<String> regions = new TreeSet<>();
    Set<String> countries = new TreeSet<>();
    Set<String> centres = new TreeSet<>();
    for (PlacedNamespace namespace : namespaces) {
      if (!namespace.provisioned()) {
        continue;
      }
      regions.add(namespace.view().regionName());
      Region region = namespace.view().region();
      if (region != null) {
        countries.add(region.getSpec().country());
        centres.addAll(region.getSpec().hostingCentres());
      }
    }
    return new TenantPlan.Hosting(List.copyOf(regions), List.copyOf(countries), List.copyOf(centres));
  }
}
