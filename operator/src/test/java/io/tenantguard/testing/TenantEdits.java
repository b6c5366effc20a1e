package io.tenantguard.testing;

import io.tenantguard.api.v1alpha1.tenant.AccessGrant;
import io.tenantguard.api.v1alpha1.tenant.AccessReview;
import io.tenantguard.api.v1alpha1.tenant.Contact;
import io.tenantguard.api.v1alpha1.tenant.Encryption;
import io.tenantguard.api.v1alpha1.tenant.Lifecycle;
import io.tenantguard.api.v1alpha1.tenant.Network;
import io.tenantguard.api.v1alpha1.tenant.NetworkPeer;
import io.tenantguard.api.v1alpha1.tenant.Quota;
import io.tenantguard.api.v1alpha1.tenant.Tenant;
import io.tenantguard.api.v1alpha1.tenant.TenantNamespace;
import io.tenantguard.api.v1alpha1.tenant.TenantSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/** Tenants are immutable records: these return an edited copy, as a user editing the manifest would. */
public final class TenantEdits {
  private TenantEdits() {}

  public static Tenant contacts(Tenant tenant, UnaryOperator<List<Contact>> edit) {
    TenantSpec s = tenant.getSpec();
    return with(tenant, new TenantSpec(s.displayName(), s.compliance(), edit.apply(new ArrayList<>(s.contacts())),
        s.namespaces(), s.access(), s.quota(), s.limits(), s.network(), s.encryption(), s.lifecycle(), s.accessReview()));
  }

  public static Tenant namespaces(Tenant tenant, UnaryOperator<List<TenantNamespace>> edit) {
    TenantSpec s = tenant.getSpec();
    return with(tenant, new TenantSpec(s.displayName(), s.compliance(), s.contacts(),
        edit.apply(new ArrayList<>(s.namespaces())), s.access(), s.quota(), s.limits(), s.network(), s.encryption(),
        s.lifecycle(), s.accessReview()));
  }

  public static Tenant addEgress(Tenant tenant, NetworkPeer peer) {
    TenantSpec s = tenant.getSpec();
    List<NetworkPeer> egress = new ArrayList<>(s.network().egress());
    egress.add(peer);
    return with(tenant, new TenantSpec(s.displayName(), s.compliance(), s.contacts(), s.namespaces(), s.access(),
        s.quota(), s.limits(), new Network(s.network().ingress(), egress), s.encryption(), s.lifecycle(),
        s.accessReview()));
  }

  public static Tenant accessReview(Tenant tenant, AccessReview review) {
    TenantSpec s = tenant.getSpec();
    return with(tenant, new TenantSpec(s.displayName(), s.compliance(), s.contacts(), s.namespaces(), s.access(),
        s.quota(), s.limits(), s.network(), s.encryption(), s.lifecycle(), review));
  }

  public static Tenant access(Tenant tenant, UnaryOperator<List<AccessGrant>> edit) {
    TenantSpec s = tenant.getSpec();
    return with(tenant, new TenantSpec(s.displayName(), s.compliance(), s.contacts(), s.namespaces(),
        edit.apply(new ArrayList<>(s.access())), s.quota(), s.limits(), s.network(), s.encryption(), s.lifecycle(),
        s.accessReview()));
  }

  public static Tenant encryption(Tenant tenant, Encryption encryption) {
    TenantSpec s = tenant.getSpec();
    return with(tenant, new TenantSpec(s.displayName(), s.compliance(), s.contacts(), s.namespaces(), s.access(),
        s.quota(), s.limits(), s.network(), encryption, s.lifecycle(), s.accessReview()));
  }

  public static Tenant quota(Tenant tenant, Quota quota) {
    TenantSpec s = tenant.getSpec();
    return with(tenant, new TenantSpec(s.displayName(), s.compliance(), s.contacts(), s.namespaces(), s.access(),
        quota, s.limits(), s.network(), s.encryption(), s.lifecycle(), s.accessReview()));
  }

  public static Tenant lifecycle(Tenant tenant, Lifecycle lifecycle) {
    TenantSpec s = tenant.getSpec();
    return with(tenant, new TenantSpec(s.displayName(), s.compliance(), s.contacts(), s.namespaces(), s.access(),
        s.quota(), s.limits(), s.network(), s.encryption(), lifecycle, s.accessReview()));
  }

  private static Tenant with(Tenant tenant, TenantSpec spec) {
    Tenant copy = new Tenant();
    copy.setMetadata(tenant.getMetadata());
    copy.setSpec(spec);
    copy.setStatus(tenant.getStatus());
    return copy;
  }
}
