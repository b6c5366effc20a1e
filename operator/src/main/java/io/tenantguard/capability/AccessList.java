package io.tenantguard.capability;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleRef;
import io.tenantguard.api.v1alpha1.tenant.AccessGrant;
import io.tenantguard.api.v1alpha1.tenant.TenantRole;
import io.tenantguard.kube.CanonicalJson;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Who holds which rights in a tenant: the grants of spec.access (in every namespace of the tenant)
 * and the subjects of the RoleBindings the tenant's own admins made. Its digest, over a canonical
 * and order-free form, is what a reviewer names: any change of who holds what changes it.
 */
public record AccessList(List<Entry> entries) {
  public static final String SPEC = "spec.access";
  public static final String EVERY_NAMESPACE = "*";

  /**
   * One subject holding one role.
   *
   * @param subject "User alice", "Group team", "ServiceAccount ns/name"
   * @param role a tenant role ("auditor") or what a tenant-made binding refers to ("Role/deployer")
   * @param namespace where it holds: {@link #EVERY_NAMESPACE} for spec.access
   * @param via {@link #SPEC}, or the RoleBinding that grants it ("horizon-portal/audit-team")
   */
  public record Entry(String subject, String role, String namespace, String via) {
    /** The tenant role this entry grants, if it grants one. */
    public Optional<TenantRole> tenantRole() {
      return Arrays.stream(TenantRole.values())
          .filter(role -> this.role.equals(role.name()) || this.role.equals("ClusterRole/" + role.clusterRoleName()))
          .findFirst();
    }

    public boolean tenantMade() {
      return !SPEC.equals(via);
    }
  }

  public AccessList {
    entries = entries.stream()
        .sorted(Comparator.comparing(Entry::subject).thenComparing(Entry::role).thenComparing(Entry::namespace)
            .thenComparing(Entry::via))
        .toList();
  }

  public static AccessList of(TenantInputs inputs) {
    Stream<Entry> granted = inputs.spec().access().stream()
        .map(grant -> new Entry(subject(grant), grant.role().name(), EVERY_NAMESPACE, SPEC));
    Stream<Entry> bound = inputs.tenantBindings().stream().flatMap(AccessList::entries);
    return new AccessList(Stream.concat(granted, bound).distinct().toList());
  }

  /** "sha256:" and the hex SHA-256 of the canonical JSON of the entries. */
  public String digest() {
    ArrayNode array = JsonNodeFactory.instance.arrayNode();
    for (Entry entry : entries) {
      ObjectNode node = array.addObject();
      node.put("subject", entry.subject());
      node.put("role", entry.role());
      node.put("namespace", entry.namespace());
      node.put("via", entry.via());
    }
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256")
          .digest(CanonicalJson.of(array).getBytes(StandardCharsets.UTF_8));
      return "sha256:" + HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  private static String subject(AccessGrant grant) {
    var subject = grant.subject();
    return subject.kind().name() + " "
        + (subject.namespace() == null ? subject.name() : subject.namespace() + "/" + subject.name());
  }

  private static Stream<Entry> entries(RoleBinding binding) {
    if (binding.getSubjects() == null) {
      return Stream.empty();
    }
    String namespace = binding.getMetadata().getNamespace();
    RoleRef ref = binding.getRoleRef();
    String role = ref.getKind() + "/" + ref.getName();
    return binding.getSubjects().stream().map(s -> new Entry(
        s.getKind() + " " + ("ServiceAccount".equals(s.getKind())
            ? (s.getNamespace() == null ? namespace : s.getNamespace()) + "/" + s.getName()
            : s.getName()),
        role, namespace, namespace + "/" + binding.getMetadata().getName()));
  }
}
