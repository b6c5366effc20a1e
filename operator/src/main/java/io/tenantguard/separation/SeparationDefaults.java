package io.tenantguard.separation;

import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.tenantguard.api.v1alpha1.tenant.Limits;
import io.tenantguard.api.v1alpha1.tenant.Quota;
import io.tenantguard.api.v1alpha1.tenant.Resources;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a namespace gets where its Tenant sets no quota or limits: the operator's configuration, so
 * that no tenant namespace is ever without a ceiling. {@link #STANDARD} holds the built-in values;
 * the {@code with...} methods take the operator's options, keyed by the field names of a Tenant's
 * {@code spec.quota} and {@code spec.limits}.
 */
public record SeparationDefaults(Quota quota, Limits limits) {

  public static final SeparationDefaults STANDARD =
      new SeparationDefaults(
          new Quota(
              new Quantity("4"),
              new Quantity("8Gi"),
              new Quantity("100Gi"),
              new Quantity("20Gi"),
              new Quantity("50"),
              new Quantity("20"),
              new Quantity("100"),
              new Quantity("100"),
              new Quantity("20"),
              new Quantity("0"),
              new Quantity("1"),
              new Quantity("5"),
              new Quantity("2"),
              new Quantity("200")),
          new Limits(
              new Resources(new Quantity("100m"), new Quantity("128Mi"), new Quantity("128Mi")),
              new Resources(new Quantity("500m"), new Quantity("512Mi"), new Quantity("1Gi")),
              null));

  /** The fields a default quota may set: those of a Tenant's {@code spec.quota}. */
  public static final List<String> QUOTA_FIELDS = fields(Quota.class);
  /** The resources a default request, limit or maximum may set: those of a Tenant's {@code spec.limits}. */
  public static final List<String> RESOURCE_FIELDS = fields(Resources.class);

  /** These defaults with the quota fields of {@code values} (such as {@code pods=30}) replaced. */
  public SeparationDefaults withQuota(Map<String, String> values) {
    return new SeparationDefaults(parse(values, Quota.class, QUOTA_FIELDS).over(quota), limits);
  }

  /** These defaults with the resources of {@code values} replaced in the default requests. */
  public SeparationDefaults withDefaultRequest(Map<String, String> values) {
    return new SeparationDefaults(
        quota, new Limits(resources(values, limits.defaultRequest()), limits.defaultLimit(), limits.max()));
  }

  /** These defaults with the resources of {@code values} replaced in the default limits. */
  public SeparationDefaults withDefaultLimit(Map<String, String> values) {
    return new SeparationDefaults(
        quota, new Limits(limits.defaultRequest(), resources(values, limits.defaultLimit()), limits.max()));
  }

  /** These defaults with the resources of {@code values} replaced in the most one container may ask. */
  public SeparationDefaults withMax(Map<String, String> values) {
    return new SeparationDefaults(
        quota, new Limits(limits.defaultRequest(), limits.defaultLimit(), resources(values, limits.max())));
  }

  private static Resources resources(Map<String, String> values, Resources current) {
    if (values == null || values.isEmpty()) {
      return current;
    }
    return parse(values, Resources.class, RESOURCE_FIELDS).over(current);
  }

  /**
   * The record of {@code type} holding {@code values}, each a Kubernetes quantity under one of
   * {@code fields}; an unknown field or a value that is no quantity is refused with both named.
   */
  private static <T> T parse(Map<String, String> values, Class<T> type, List<String> fields) {
    Map<String, Object> checked = new LinkedHashMap<>();
    if (values != null) {
      values.forEach((field, value) -> {
        if (!fields.contains(field)) {
          throw new IllegalArgumentException(
              "'" + field + "' is not one of " + String.join(", ", fields));
        }
        checked.put(field, quantity(field, value));
      });
    }
    return Serialization.jsonMapper().convertValue(checked, type);
  }

  private static String quantity(String field, String value) {
    try {
      Quantity.getAmountInBytes(Quantity.parse(value.trim()));
      return value.trim();
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          field + "=" + value + ": '" + value + "' is not a quantity such as 4, 500m or 8Gi", e);
    }
  }

  private static List<String> fields(Class<? extends Record> type) {
    return Arrays.stream(type.getRecordComponents()).map(RecordComponent::getName).toList();
  }
}
