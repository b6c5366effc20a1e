package io.tenantguard.evidence;

import static io.tenantguard.api.v1alpha1.Certification.HDS;
import static io.tenantguard.api.v1alpha1.Certification.ISO27001;
import static io.tenantguard.api.v1alpha1.Certification.SNC;
import static io.tenantguard.evidence.Control.ATTESTATION;
import static io.tenantguard.evidence.ControlOwner.Client;
import static io.tenantguard.evidence.ControlOwner.Provider;
import static io.tenantguard.evidence.ControlOwner.Shared;
import static io.tenantguard.evidence.MatrixSection.ACCESS;
import static io.tenantguard.evidence.MatrixSection.CRYPTOGRAPHY;
import static io.tenantguard.evidence.MatrixSection.END_OF_CONTRACT;
import static io.tenantguard.evidence.MatrixSection.OPERATIONS;
import static io.tenantguard.evidence.MatrixSection.ORGANISATION;
import static io.tenantguard.evidence.MatrixSection.SCOPE_AND_LOCATION;
import static io.tenantguard.evidence.MatrixSection.SEPARATION;

import static io.tenantguard.kube.StatusConditions.ACCESS_CONTROLLED;
import static io.tenantguard.kube.StatusConditions.ACCESS_REVIEWED;
import static io.tenantguard.kube.StatusConditions.CONTACTS_NAMED;
import static io.tenantguard.kube.StatusConditions.DUTIES_ATTESTED;
import static io.tenantguard.kube.StatusConditions.ENCRYPTION_ENFORCED;
import static io.tenantguard.kube.StatusConditions.ISOLATED;
import static io.tenantguard.kube.StatusConditions.LIFECYCLE_ENFORCED;
import static io.tenantguard.kube.StatusConditions.REGION_PINNED;

import java.util.List;
import java.util.Optional;

/**
 * The catalogue of controls, in the matrix's own labels: every row a platform can enforce, observe
 * or remind. docs/controls.md is generated from it (ControlsDocTest).
 */
public final class Controls {
  private static final String SEPARATION_CAPABILITY = "separation";
  private static final String PLACEMENT = "placement";
  private static final String ENCRYPTION = "encryption";
  private static final String ACCESS_CAPABILITY = "access";
  private static final String LIFECYCLE = "lifecycle";

  // 1. Scope and hosting location
  public static final Control ISO_CONTRACTUAL_LOCATION = new Control("ISO27001-A.18.1.1", ISO27001, SCOPE_AND_LOCATION,
      "A.18.1.1", "5.31", "Applicable legal and contractual requirements: data hosted where the contract and its class"
          + " of data allow", Shared, PLACEMENT, REGION_PINNED);
  public static final Control HDS_HOSTING_LOCATION = new Control("HDS-4.4.7.1-provider", HDS, SCOPE_AND_LOCATION,
      "A.18.1.1", "5.31", "Hosting location: the provider tells the client the countries and hosting centres of its"
          + " health data and keeps the data there", Provider, PLACEMENT, REGION_PINNED);
  public static final Control HDS_HOSTING_CHOICE = new Control("HDS-4.4.7.1-client", HDS, SCOPE_AND_LOCATION,
      "A.18.1.1", "5.31", "Hosting location: the client chooses the country that hosts its health data", Client,
      PLACEMENT, REGION_PINNED);
  public static final Control SNC_DATA_LOCALISATION = new Control("SNC-19.2", SNC, SCOPE_AND_LOCATION, "A.18.1.1",
      "5.31", "Data localisation: the client's data stored and processed in the European Union", Provider, PLACEMENT, REGION_PINNED);

  // 2. Separation of clients
  public static final Control ISO_NETWORK_SEGREGATION = new Control("ISO27001-A.13.1.3", ISO27001, SEPARATION,
      "A.13.1.3", "8.22", "Segregation in networks", Provider, SEPARATION_CAPABILITY, ISOLATED);
  public static final Control SNC_CLIENT_SEPARATION = new Control("SNC-9.7", SNC, SEPARATION, "A.9.4.1", "8.3",
      "Restriction of access to information: each client's resources and data separated from the others'", Provider,
      SEPARATION_CAPABILITY, ISOLATED);
  public static final Control SNC_LEGITIMATE_FLOWS = new Control("SNC-13.2", SNC, SEPARATION, "A.13.1.1", "8.20",
      "Network partitioning: only legitimate connections are authorised", Provider, SEPARATION_CAPABILITY, ISOLATED);

  // 3. Identity and access management
  public static final Control SNC_NOMINAL_ACCESS = new Control("SNC-9.2", SNC, ACCESS, "A.9.2.1", "5.16",
      "User registration: access granted to nominal subjects only (b)", Provider, ACCESS_CAPABILITY, ACCESS_CONTROLLED);
  public static final Control SNC_ACCESS_RIGHTS = new Control("SNC-9.3", SNC, ACCESS, "A.9.2.2", "5.18",
      "Access rights management: rights from a fixed set of roles, listed per subject for the client's review (f)",
      Provider, ACCESS_CAPABILITY, ACCESS_CONTROLLED);
  public static final Control SNC_ACCESS_REVIEW = new Control("SNC-9.4", SNC, ACCESS, "A.9.2.5", "5.18",
      "Review of access rights at the interval the classification of the data sets (a, c)", Client, ACCESS_CAPABILITY, ACCESS_REVIEWED);
  public static final Control ISO_ACCESS_REVIEW = new Control("ISO27001-A.9.2.5", ISO27001, ACCESS, "A.9.2.5", "5.18",
      "Review of user access rights", Client, ACCESS_CAPABILITY, ACCESS_REVIEWED);
  public static final Control ISO_DUTIES_GRANTED = new Control("ISO27001-A.6.1.2-provider", ISO27001, ACCESS,
      "A.6.1.2", "5.3", "Segregation of duties: the access the provider grants never gives one subject auditor with"
          + " admin or developer", Provider, ACCESS_CAPABILITY, ACCESS_CONTROLLED);
  public static final Control ISO_DUTIES_KEPT = new Control("ISO27001-A.6.1.2-client", ISO27001, ACCESS, "A.6.1.2",
      "5.3", "Segregation of duties: the RoleBindings the client's admins make keep auditor apart from admin and"
          + " developer", Client, ACCESS_CAPABILITY, ACCESS_CONTROLLED);
  public static final Control HDS_HEALTH_DATA_ACCESS = new Control("HDS-4.4.6.9", HDS, ACCESS, "A.9.1.1", "5.15",
      "Access to health data: nominal, by role, with duties segregated", Provider, ACCESS_CAPABILITY, ACCESS_CONTROLLED);

  // 4. Cryptography
  public static final Control ISO_CRYPTOGRAPHY = new Control("ISO27001-A.10.1.1", ISO27001, CRYPTOGRAPHY, "A.10.1.1",
      "8.24", "Policy on the use of cryptographic controls", Shared, ENCRYPTION, ENCRYPTION_ENFORCED);
  public static final Control SNC_ENCRYPTION_AT_REST = new Control("SNC-10.1", SNC, CRYPTOGRAPHY, "A.10.1.1", "8.24",
      "Data at rest encrypted; no recovery of a client's data after reallocation", Provider, ENCRYPTION, ENCRYPTION_ENFORCED);
  public static final Control SNC_ENCRYPTION_IN_TRANSIT = new Control("SNC-10.2", SNC, CRYPTOGRAPHY, "A.10.1.1",
      "8.24", "Flows encrypted in transit", Shared, ENCRYPTION, ENCRYPTION_ENFORCED);
  public static final Control HDS_ENCRYPTED_FLOWS = new Control("HDS-4.4.6.6", HDS, CRYPTOGRAPHY, "A.10.1.1", "8.24",
      "Health data flows encrypted", Shared, ENCRYPTION, ENCRYPTION_ENFORCED);
  public static final Control HDS_STORAGE_REUSE = new Control("HDS-4.4.6.14", HDS, CRYPTOGRAPHY, "A.11.2.7", "7.14",
      "Storage given to a client shows no earlier client's data", Provider, ENCRYPTION, ENCRYPTION_ENFORCED);

  // 5. Operations and traceability: the cluster's own audit logging and its retention are set
  // outside the operator's view, so the provider attests them
  public static final Control SNC_EVENT_LOGGING = new Control("SNC-12.6", SNC, OPERATIONS, "A.12.4.1", "8.15",
      "Event logging: actions on the client's resources logged, time-stamped and kept", Provider, ATTESTATION, DUTIES_ATTESTED);
  public static final Control SNC_EVENT_ANALYSIS = new Control("SNC-12.8", SNC, OPERATIONS, "A.12.4.1", "8.15",
      "Event analysis: the security events of the client's resources made available to the client (b)", Provider,
      ATTESTATION, DUTIES_ATTESTED);
  public static final Control HDS_TRACEABILITY = new Control("HDS-4.4.6.10", HDS, OPERATIONS, "A.12.4.1", "8.15",
      "Traceability of actions on health data, available to the client", Provider, ATTESTATION, DUTIES_ATTESTED);
  public static final Control ISO_PHYSICAL_PERIMETER = new Control("ISO27001-A.11.1.1", ISO27001, OPERATIONS,
      "A.11.1.1", "7.1", "Physical security perimeter of the hosting centres", Provider, ATTESTATION, DUTIES_ATTESTED);
  public static final Control ISO_PLATFORM_BACKUP = new Control("ISO27001-A.12.3.1-provider", ISO27001, OPERATIONS,
      "A.12.3.1", "8.13", "Information backup: the platform's own state, what the client declares included",
      Provider, ATTESTATION, DUTIES_ATTESTED);
  public static final Control ISO_CLIENT_BACKUP = new Control("ISO27001-A.12.3.1-client", ISO27001, OPERATIONS,
      "A.12.3.1", "8.13", "Information backup: the data of the client's applications, in its volumes", Client,
      ATTESTATION, DUTIES_ATTESTED);
  public static final Control ISO_CONTINUITY = new Control("ISO27001-A.17.1.2", ISO27001, OPERATIONS, "A.17.1.2",
      "5.29", "Continuity of the hosting service", Provider, ATTESTATION, DUTIES_ATTESTED);
  public static final Control ISO_SECURE_DEVELOPMENT = new Control("ISO27001-A.14.2.1", ISO27001, OPERATIONS,
      "A.14.2.1", "8.25", "Secure development of the client's own applications", Client, ATTESTATION, DUTIES_ATTESTED);

  // 6. Reversibility and end of contract
  public static final Control ISO_DISPOSAL = new Control("ISO27001-A.11.2.7", ISO27001, END_OF_CONTRACT, "A.11.2.7",
      "7.14", "Secure disposal or re-use: data destroyed at the end of retention, with a proof kept", Provider,
      LIFECYCLE, LIFECYCLE_ENFORCED);
  public static final Control HDS_REVERSIBILITY = new Control("HDS-4.4.5.3", HDS, END_OF_CONTRACT, "A.18.1.1",
      "5.31", "Reversibility: data returned and kept accessible after termination", Provider, LIFECYCLE, LIFECYCLE_ENFORCED);

  // 7. Organisation, roles and contacts
  public static final Control ISO_ROLES = new Control("ISO27001-A.6.1.1", ISO27001, ORGANISATION, "A.6.1.1", "5.2",
      "Roles and responsibilities: the contacts each class of data requires", Shared, ACCESS_CAPABILITY, CONTACTS_NAMED);
  public static final Control HDS_CONTACTS = new Control("HDS-4.5.4", HDS, ORGANISATION, "A.6.1.1", "5.2",
      "Named contacts of the client, a health professional among them", Shared, ACCESS_CAPABILITY, CONTACTS_NAMED);
  public static final Control ISO_INCIDENTS = new Control("ISO27001-A.16.1.1", ISO27001, ORGANISATION, "A.16.1.1",
      "5.24", "Incident management: responsibilities and procedures, the client told of incidents that concern it",
      Provider, ATTESTATION, DUTIES_ATTESTED);

  /** Every control, in the order reports list them: by section of the matrix. */
  public static final List<Control> ALL = List.of(
      ISO_CONTRACTUAL_LOCATION, HDS_HOSTING_LOCATION, HDS_HOSTING_CHOICE, SNC_DATA_LOCALISATION,
      ISO_NETWORK_SEGREGATION, SNC_CLIENT_SEPARATION, SNC_LEGITIMATE_FLOWS,
      SNC_NOMINAL_ACCESS, SNC_ACCESS_RIGHTS, SNC_ACCESS_REVIEW, ISO_ACCESS_REVIEW, ISO_DUTIES_GRANTED, ISO_DUTIES_KEPT,
      HDS_HEALTH_DATA_ACCESS,
      ISO_CRYPTOGRAPHY, SNC_ENCRYPTION_AT_REST, SNC_ENCRYPTION_IN_TRANSIT, HDS_ENCRYPTED_FLOWS, HDS_STORAGE_REUSE,
      SNC_EVENT_LOGGING, SNC_EVENT_ANALYSIS, HDS_TRACEABILITY, ISO_PHYSICAL_PERIMETER, ISO_PLATFORM_BACKUP,
      ISO_CLIENT_BACKUP, ISO_CONTINUITY, ISO_SECURE_DEVELOPMENT,
      ISO_DISPOSAL, HDS_REVERSIBILITY,
      ISO_ROLES, HDS_CONTACTS, ISO_INCIDENTS);

  private Controls() {}

  public static Optional<Control> byId(String id) {
    return ALL.stream().filter(control -> control.id().equals(id)).findFirst();
  }

  /** The organisational duties, evaluated from the provider's attestations. */
  public static List<Control> organisational() {
    return ALL.stream().filter(Control::organisational).toList();
  }
}
