package io.tenantguard.kube;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Kubernetes serialization that reads equal values as one shared instance. The informer caches
 * hold every managed object of every tenant, and most of their values are the same few again and
 * again: namespace and tenant names in each object, labels, kinds, the ids, states and reasons of
 * each tenant's controls, the quantities of each namespace's quota and limit range. At 1,000
 * tenants strings were 40 % of the operator's live heap, and quantities (three objects each) a
 * tenth of the rest. Strings cannot change, and no tenantguard code changes a Quantity in place
 * (the caches' stores drop fields of the objects that hold them, never of a value), which makes
 * sharing them safe.
 */
public final class SharedValues {
  /** Longer strings (messages, certificates) are rarely equal; they are kept as read. */
  static final int LONGEST_SHARED_STRING = 128;
  /** Distinct quantities kept at most: beyond, one more is kept as read (tenants may declare any). */
  static final int MOST_SHARED_QUANTITIES = 4096;

  private SharedValues() {}

  public static KubernetesSerialization serialization() {
    ObjectMapper mapper = new ObjectMapper();
    mapper.registerModule(new SimpleModule("tenantguard-shared-values").addDeserializer(String.class, new Strings()));
    // Quantity names its deserializer on its class, which a module cannot override; a mix-in can
    mapper.addMixIn(Quantity.class, SharedQuantity.class);
    return new KubernetesSerialization(mapper, true);
  }

  /** Each short string as the JVM's one copy of it; interned strings are collected once unused. */
  static final class Strings extends StringDeserializer {
    @Override
    public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
      String read = super.deserialize(parser, context);
      return read != null && read.length() <= LONGEST_SHARED_STRING ? read.intern() : read;
    }
  }

  @JsonDeserialize(using = Quantities.class)
  private interface SharedQuantity {}

  /** Each quantity as the one instance of its text ("500m", "10Gi"). */
  static final class Quantities extends Quantity.Deserializer {
    private static final Map<String, Quantity> SHARED = new ConcurrentHashMap<>();

    @Override
    public Quantity deserialize(JsonParser parser, DeserializationContext context) throws IOException {
      Quantity read = super.deserialize(parser, context);
      if (read == null || SHARED.size() >= MOST_SHARED_QUANTITIES) {
        return read;
      }
      Quantity shared = SHARED.putIfAbsent(read.toString(), read);
      return shared == null ? read : shared;
    }
  }
}
