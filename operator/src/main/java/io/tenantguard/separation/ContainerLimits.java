package io.tenantguard.separation;

import io.fabric8.kubernetes.api.model.Quantity;
import io.tenantguard.api.v1alpha1.tenant.Limits;
import io.tenantguard.api.v1alpha1.tenant.Resources;
import java.util.Comparator;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The container limits of a namespace's LimitRange: what its Tenant sets, and the operator's
 * defaults where it sets nothing, each default moved to where the LimitRange needs it (defaultRequest
 * at most default, both at most max), resource by resource. What the Tenant sets is kept as it is:
 * the schema already holds it in order. Without this, a Tenant that sets only {@code max.cpu: 100m}
 * would get the default limit of 500m above it, and a LimitRange the API server refuses.
 */
public final class ContainerLimits {
  private static final Comparator<Quantity> BY_AMOUNT = Comparator.comparing(Quantity::getNumericalAmount);

  private ContainerLimits() {}

  public static Limits of(Limits tenant, Limits defaults) {
    Resources request = new Resources(null, null, null);
    Resources limit = new Resources(null, null, null);
    Resources max = new Resources(null, null, null);
    for (Resource resource : Resource.values()) {
      Quantity setRequest = resource.of(tenant.defaultRequest());
      Quantity setLimit = resource.of(tenant.defaultLimit());
      Quantity setMax = resource.of(tenant.max());
      Quantity maxOf = setMax != null ? setMax
          : largest(resource.of(defaults.max()), setLimit, setRequest);
      Quantity limitOf = setLimit != null ? setLimit
          : atMost(largest(resource.of(defaults.defaultLimit()), setRequest), maxOf);
      Quantity requestOf = setRequest != null ? setRequest
          : atMost(atMost(resource.of(defaults.defaultRequest()), limitOf), maxOf);
      request = resource.with(request, requestOf);
      limit = resource.with(limit, limitOf);
      max = resource.with(max, maxOf);
    }
    return new Limits(orNull(request), orNull(limit), orNull(max));
  }

  /** The largest of {@code value} and the bounds it must reach, or null when {@code value} is. */
  private static Quantity largest(Quantity value, Quantity... atLeast) {
    return value == null ? null
        : Stream.concat(Stream.of(value), Stream.of(atLeast)).filter(Objects::nonNull).max(BY_AMOUNT).orElseThrow();
  }

  private static Quantity atMost(Quantity value, Quantity bound) {
    return value == null || bound == null || BY_AMOUNT.compare(value, bound) <= 0 ? value : bound;
  }

  private static Resources orNull(Resources resources) {
    return resources.cpu() == null && resources.memory() == null && resources.ephemeralStorage() == null
        ? null : resources;
  }

  /** The resources a LimitRange bounds, as the fields of {@link Resources}. */
  private enum Resource {
    CPU(Resources::cpu),
    MEMORY(Resources::memory),
    EPHEMERAL_STORAGE(Resources::ephemeralStorage);

    private final Function<Resources, Quantity> field;

    Resource(Function<Resources, Quantity> field) {
      this.field = field;
    }

    Quantity of(Resources resources) {
      return resources == null ? null : field.apply(resources);
    }

    Resources with(Resources resources, Quantity value) {
      return switch (this) {
        case CPU -> new Resources(value, resources.memory(), resources.ephemeralStorage());
        case MEMORY -> new Resources(resources.cpu(), value, resources.ephemeralStorage());
        case EPHEMERAL_STORAGE -> new Resources(resources.cpu(), resources.memory(), value);
      };
    }
  }
}
