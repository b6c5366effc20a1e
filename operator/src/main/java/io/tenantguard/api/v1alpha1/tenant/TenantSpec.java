package io.tenantguard.api.v1alpha1.tenant;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import io.tenantguard.api.v1alpha1.Certification;
import io.tenantguard.api.v1alpha1.Patterns;
import java.util.List;

@ValidationRule(
    value = "self.contacts.exists(c, c.role == 'manager')",
    message = "must include a contact with role manager",
    fieldPath = ".contacts",
    reason = "FieldValueRequired")
@ValidationRule(
    value = "!has(self.namespaces) || self.namespaces.all(n, self.namespaces.exists_one(m, m.name == n.name))",
    message = "namespace names must be unique within a tenant",
    fieldPath = ".namespaces")
@ValidationRule(
    value = "!has(self.access) || self.access.all(a, a.role != 'auditor' || !self.access.exists(b,"
        + " b.subject.kind == a.subject.kind && b.subject.name == a.subject.name"
        + " && (b.role == 'admin' || b.role == 'developer')))",
    message = "separation of duties: a subject that is auditor cannot also be admin or developer",
    fieldPath = ".access",
    reason = "FieldValueForbidden")
@ValidationRule(
    value = "!has(oldSelf.lifecycle) || oldSelf.lifecycle.state != 'Terminated'"
        + " || (has(self.lifecycle) && self.lifecycle.state == 'Terminated')",
    message = "a Terminated tenant cannot return to Active or Suspended: its data is on the deletion schedule",
    fieldPath = ".lifecycle.state",
    reason = "FieldValueForbidden")
@ValidationRule(
    value = "!has(self.access) || self.access.all(a, a.subject.kind != 'ServiceAccount' || (has(self.namespaces)"
        + " && self.namespaces.exists(n, n.name == a.subject.__namespace__)))",
    message = "a ServiceAccount granted access must live in one of the tenant's namespaces (spec.namespaces)",
    fieldPath = ".access",
    reason = "FieldValueInvalid")
@ValidationRule(
    value = "!has(oldSelf.lifecycle) || oldSelf.lifecycle.state != 'Terminated'"
        + " || (has(self.namespaces) ? self.namespaces : []) == (has(oldSelf.namespaces) ? oldSelf.namespaces : [])",
    message = "a Terminated tenant's namespaces cannot change: they are kept until the deletion schedule destroys them",
    fieldPath = ".namespaces",
    reason = "FieldValueForbidden")
public record TenantSpec(
    @JsonPropertyDescription("Name of the client, shown in reports.") @Required @Size(min = 1, max = 128)
        @Pattern(Patterns.PRINTABLE)
        String displayName,
    @JsonPropertyDescription("Compliance labels the client's contract carries: ISO27001, SNC, HDS.") @Size(max = 3)
        List<Certification> compliance,
    @JsonPropertyDescription("People to reach about this tenant; one of them has the role manager.")
        @Required
        @Size(min = 1, max = 32)
        List<Contact> contacts,
    @JsonPropertyDescription("The tenant's namespaces, each placed in a region and holding one class of data.")
        @Size(max = 64)
        List<TenantNamespace> namespaces,
    @JsonPropertyDescription("Who may do what in the tenant's namespaces; subjects are always nominal.")
        @Size(max = 128)
        List<AccessGrant> access,
    @JsonPropertyDescription("Resource quota of each namespace, unless the namespace overrides it.") Quota quota,
    @JsonPropertyDescription("Default requests and limits of containers that set none.") Limits limits,
    @JsonPropertyDescription("Flows allowed besides intra-tenant traffic and cluster DNS.") Network network,
    @JsonPropertyDescription("Encryption settings; the operator never holds key material.") Encryption encryption,
    @JsonPropertyDescription("Whether the tenant is Active, Suspended or Terminated.") Lifecycle lifecycle,
    @JsonPropertyDescription("The client's last review of the access list, naming the digest it reviewed.")
        AccessReview accessReview) {

  /** Without an access review. */
  public TenantSpec(String displayName, List<Certification> compliance, List<Contact> contacts,
      List<TenantNamespace> namespaces, List<AccessGrant> access, Quota quota, Limits limits, Network network,
      Encryption encryption, Lifecycle lifecycle) {
    this(displayName, compliance, contacts, namespaces, access, quota, limits, network, encryption, lifecycle, null);
  }

  public TenantSpec {
    compliance = compliance == null ? List.of() : List.copyOf(compliance);
    contacts = contacts == null ? List.of() : List.copyOf(contacts);
    namespaces = namespaces == null ? List.of() : List.copyOf(namespaces);
    access = access == null ? List.of() : List.copyOf(access);
    quota = quota == null ? Quota.NONE : quota;
    limits = limits == null ? Limits.NONE : limits;
    network = network == null ? Network.NONE : network;
    lifecycle = lifecycle == null ? Lifecycle.ACTIVE : lifecycle;
  }
}
