package io.tenantguard.evidence;

import static io.tenantguard.api.v1alpha1.Certification.HDS;
import static io.tenantguard.api.v1alpha1.Certification.ISO27001;
import static io.tenantguard.api.v1alpha1.Certification.SNC;
import static io.tenantguard.evidence.ControlOwner.Client;
import static io.tenantguard.evidence.ControlOwner.Provider;
import static io.tenantguard.evidence.ControlOwner.Shared;

import java.util.List;

/** The catalogue of controls the capabilities evaluate, in the matrix's own labels. */
public final class Controls {
  public static final Control ISO_NETWORK_SEGREGATION =
      new Control("ISO27001-A.13.1.3", ISO27001, "Segregation in networks", Provider, "8.22");
  public static final Control SNC_CLIENT_SEPARATION =
      new Control("SNC-9.7", SNC, "Separation of the clients' resources and data", Provider, "8.22");
  public static final Control SNC_LEGITIMATE_FLOWS =
      new Control("SNC-13.2", SNC, "Network partitioning: only legitimate connections are authorised", Provider, "8.20");
  public static final Control ISO_CONTRACTUAL_LOCATION =
      new Control("ISO27001-A.18.1.1", ISO27001,
          "Applicable legal and contractual requirements: data hosted where the contract and its class allow", Shared,
          "5.31");
  public static final Control HDS_HOSTING_LOCATION =
      new Control("HDS-4.4.7.1", HDS, "The client chooses the country hosting its health data; the provider makes it hold",
          Provider, "5.31");
  public static final Control ISO_CRYPTOGRAPHY =
      new Control("ISO27001-A.10.1.1", ISO27001, "Policy on the use of cryptographic controls", Shared, "8.24");
  public static final Control SNC_ENCRYPTION_AT_REST =
      new Control("SNC-10.1", SNC, "Data at rest encrypted; no recovery of a client's data after reallocation", Provider,
          "8.24");
  public static final Control SNC_ENCRYPTION_IN_TRANSIT =
      new Control("SNC-10.2", SNC, "Flows encrypted in transit", Shared, "8.24");
  public static final Control HDS_ENCRYPTED_FLOWS =
      new Control("HDS-4.4.6.6", HDS, "Health data flows encrypted", Shared, "8.24");
  public static final Control HDS_STORAGE_REUSE =
      new Control("HDS-4.4.6.14", HDS, "Storage given to a client shows no earlier client's data", Provider, "7.14");
  public static final Control ISO_ROLES =
      new Control("ISO27001-A.6.1.1", ISO27001, "Roles and responsibilities: the contacts each class of data requires",
          Shared, "5.2");
  public static final Control HDS_CONTACTS =
      new Control("HDS-4.5.4", HDS, "Named contacts of the client, a health professional among them", Shared, null);
  public static final Control ISO_ACCESS_REVIEW =
      new Control("ISO27001-A.9.2.5", ISO27001, "Review of user access rights", Client, "5.18");
  public static final Control SNC_ACCESS_REVIEW =
      new Control("SNC-9.3", SNC, "Access rights reviewed at the interval the classification sets", Client, "5.18");
  public static final Control ISO_DISPOSAL =
      new Control("ISO27001-A.11.2.7", ISO27001, "Secure disposal or re-use: data destroyed at the end of retention",
          Provider, "7.14");
  public static final Control HDS_REVERSIBILITY =
      new Control("HDS-4.4.5.3", HDS, "Reversibility: data returned and kept accessible after termination", Provider,
          null);

  /** Every control, in the order reports list them. */
  public static final List<Control> ALL = List.of(
      ISO_NETWORK_SEGREGATION, SNC_CLIENT_SEPARATION, SNC_LEGITIMATE_FLOWS,
      ISO_CONTRACTUAL_LOCATION, HDS_HOSTING_LOCATION,
      ISO_CRYPTOGRAPHY, SNC_ENCRYPTION_AT_REST, SNC_ENCRYPTION_IN_TRANSIT, HDS_ENCRYPTED_FLOWS, HDS_STORAGE_REUSE,
      ISO_ROLES, HDS_CONTACTS, ISO_ACCESS_REVIEW, SNC_ACCESS_REVIEW,
      ISO_DISPOSAL, HDS_REVERSIBILITY);

  private Controls() {}
}
