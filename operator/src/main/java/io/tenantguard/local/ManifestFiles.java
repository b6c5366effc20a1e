package io.tenantguard.local;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.tenantguard.api.v1alpha1.ApiGroup;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Applies manifest files (crds/, examples/) with server-side apply, as kubectl apply would. */
public final class ManifestFiles {
  private ManifestFiles() {}

  public static void apply(KubernetesClient client, List<Path> files, String fieldManager) {
    for (Path file : files) {
      try (InputStream in = Files.newInputStream(file)) {
        client.load(in).fieldManager(fieldManager).forceConflicts().serverSideApply();
      } catch (IOException e) {
        throw new UncheckedIOException("applying " + file, e);
      }
    }
  }

  /** Installs crds/ and waits until the API server serves every tenantguard kind. */
  public static void installCrds(KubernetesClient client, Path crds, String fieldManager) {
    try (Stream<Path> files = Files.list(crds)) {
      apply(client, files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList(), fieldManager);
    } catch (IOException e) {
      throw new UncheckedIOException("listing " + crds, e);
    }
    for (CustomResourceDefinition crd : client.apiextensions().v1().customResourceDefinitions().list().getItems()) {
      if (crd.getSpec().getGroup().equals(ApiGroup.GROUP)) {
        client.apiextensions().v1().customResourceDefinitions().resource(crd).waitUntilCondition(
            c -> c.getStatus() != null && c.getStatus().getConditions() != null && c.getStatus().getConditions().stream()
                .anyMatch(cond -> cond.getType().equals("Established") && cond.getStatus().equals("True")),
            60, TimeUnit.SECONDS);
      }
    }
  }
}
