package io.tenantguard.api.v1alpha1;

/**
 * The names of Tenants, Regions and DataClassifications become label values on every namespace
 * tenantguard makes ({@code tenantguard.io/tenant}, {@code tenantguard.io/region}, {@code
 * tenantguard.io/classification}) and in the selectors of its NetworkPolicies: a label value holds 63
 * characters at most, where an object name may hold 253. The schema refuses the longer names, so that
 * no Tenant is admitted that the operator could never provision.
 */
public final class Names {
  public static final int MAX_LENGTH = 63;
  public static final String LABEL_VALUE_RULE = "self.metadata.name.size() <= 63";
  private static final String BECAUSE = " at most 63 characters: it becomes a label value on the tenant's namespaces";
  public static final String TENANT_MESSAGE = "metadata.name of a Tenant must have" + BECAUSE;
  public static final String REGION_MESSAGE = "metadata.name of a Region must have" + BECAUSE;
  public static final String CLASSIFICATION_MESSAGE = "metadata.name of a DataClassification must have" + BECAUSE;

  /** The rule on the root of a kind's schema, as a JSON merge patch: the generator places no annotation there. */
  private static final String ROOT_RULE = "{\"x-kubernetes-validations\": [{\"rule\": \"" + LABEL_VALUE_RULE
      + "\", \"reason\": \"FieldValueInvalid\", \"message\": \"";
  public static final String TENANT_ROOT = ROOT_RULE + TENANT_MESSAGE + "\"}]}";
  public static final String REGION_ROOT = ROOT_RULE + REGION_MESSAGE + "\"}]}";
  public static final String CLASSIFICATION_ROOT = ROOT_RULE + CLASSIFICATION_MESSAGE + "\"}]}";

  private Names() {}
}
