package io.tenantguard.capability;

import java.util.List;
import java.util.function.Predicate;

/** Which provisioned namespaces of a tenant declare something, for the evidence that names them. */
public final class Declared {
  private Declared() {}

  /** The provisioned namespaces whose view passes {@code declares}, by name. */
  public static List<String> namespaces(List<PlacedNamespace> namespaces, Predicate<NamespaceView> declares) {
    return namespaces.stream()
        .filter(PlacedNamespace::provisioned)
        .filter(ns -> declares.test(ns.view()))
        .map(PlacedNamespace::name)
        .toList();
  }
}
