package io.tenantguard.api.v1alpha1;

/** The API group and version shared by every tenantguard kind. */
public final class ApiGroup {
  public static final String GROUP = "tenantguard.io";
  public static final String VERSION = "v1alpha1";

  private ApiGroup() {}
}
