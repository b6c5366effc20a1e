package io.tenantguard.lifecycle;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.tenantguard.kube.Labels;
import java.net.HttpURLConnection;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operator's Ed25519 key, which signs DestructionCertificates: created at its first use in a
 * Secret of its own namespace, and its public half published in a ConfigMap beside it (and in each
 * certificate's status), so that anyone can check a certificate offline.
 */
public final class SigningKey {
  public static final String NAME = "tenantguard-signing-key";
  public static final String ALGORITHM = "Ed25519";
  static final String PRIVATE = "private.pkcs8";
  static final String PUBLIC = "public.x509";
  /** The ConfigMap's keys. */
  public static final String PUBLIC_KEY_PEM = "publicKey.pem";
  public static final String KEY_ID = "keyId";
  private static final String PART_OF = "app.kubernetes.io/part-of";
  private static final Logger LOG = LoggerFactory.getLogger(SigningKey.class);

  private final Supplier<KeyPair> source;
  private volatile KeyPair pair;

  SigningKey(KeyPair pair) {
    this.source = () -> pair;
  }

  private SigningKey(Supplier<KeyPair> source) {
    this.source = source;
  }

  /**
   * The key of the Secret in {@code namespace}, read at its first use, created (with the namespace)
   * if missing, and its public half published. At first use, not now: with leader election only the
   * leader writes, and a replica that does not lead yet must not fail for want of a key to create.
   */
  public static SigningKey inNamespace(KubernetesClient client, String namespace) {
    return new SigningKey(() -> loadOrCreate(client, namespace));
  }

  private static KeyPair loadOrCreate(KubernetesClient client, String namespace) {
    if (client.namespaces().withName(namespace).get() == null) {
      // not labelled managed-by tenantguard: that label marks the namespaces of tenants
      createIgnoringRace(() -> client.namespaces().resource(new NamespaceBuilder().withNewMetadata()
          .withName(namespace).withLabels(Map.of(PART_OF, Labels.MANAGER)).endMetadata().build()).create());
    }
    var secrets = client.secrets().inNamespace(namespace).withName(NAME);
    if (secrets.get() == null) {
      SigningKey generated = generated();
      createIgnoringRace(() -> client.secrets().inNamespace(namespace).resource(new SecretBuilder()
          .withNewMetadata().withName(NAME).withLabels(Map.of(Labels.MANAGED_BY, Labels.MANAGER)).endMetadata()
          .withType("Opaque")
          .withData(Map.of(
              PRIVATE, Base64.getEncoder().encodeToString(generated.pair().getPrivate().getEncoded()),
              PUBLIC, Base64.getEncoder().encodeToString(generated.pair().getPublic().getEncoded())))
          .build()).create());
      LOG.info("created the signing key of DestructionCertificates: Secret {}/{}", namespace, NAME);
    }
    KeyPair pair = read(secrets.get());
    publish(client, namespace, pair.getPublic());
    return pair;
  }

  private KeyPair pair() {
    KeyPair loaded = pair;
    if (loaded == null) {
      synchronized (this) {
        if (pair == null) {
          pair = source.get();
        }
        loaded = pair;
      }
    }
    return loaded;
  }

  /** A new key, in memory only. */
  public static SigningKey generated() {
    try {
      return new SigningKey(KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every JVM of Java 15 or later has Ed25519", e);
    }
  }

  private static KeyPair read(Secret secret) {
    try {
      KeyFactory keys = KeyFactory.getInstance(ALGORITHM);
      PrivateKey privateKey = keys.generatePrivate(new PKCS8EncodedKeySpec(decode(secret, PRIVATE)));
      PublicKey publicKey = keys.generatePublic(new X509EncodedKeySpec(decode(secret, PUBLIC)));
      return new KeyPair(publicKey, privateKey);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Secret " + secret.getMetadata().getNamespace() + "/" + NAME
          + " does not hold an Ed25519 key pair (" + PRIVATE + ", " + PUBLIC + "): " + e.getMessage(), e);
    }
  }

  private static byte[] decode(Secret secret, String key) {
    String value = secret.getData() == null ? null : secret.getData().get(key);
    if (value == null) {
      throw new IllegalStateException("Secret " + secret.getMetadata().getNamespace() + "/" + NAME + " has no " + key);
    }
    return Base64.getDecoder().decode(value);
  }

  /** The ConfigMap that publishes the public key, kept equal to the Secret's. */
  private static void publish(KubernetesClient client, String namespace, PublicKey publicKey) {
    ConfigMap wanted = new ConfigMapBuilder()
        .withNewMetadata().withName(NAME).withNamespace(namespace)
        .withLabels(Map.of(Labels.MANAGED_BY, Labels.MANAGER)).endMetadata()
        .withData(Map.of(PUBLIC_KEY_PEM, pem(publicKey), KEY_ID, keyId(publicKey), "algorithm", ALGORITHM))
        .build();
    ConfigMap actual = client.configMaps().inNamespace(namespace).withName(NAME).get();
    if (actual == null) {
      createIgnoringRace(() -> client.configMaps().inNamespace(namespace).resource(wanted).create());
    } else if (!Objects.equals(actual.getData(), wanted.getData())) {
      client.configMaps().inNamespace(namespace).withName(NAME).edit(c -> {
        c.setData(wanted.getData());
        return c;
      });
    }
  }

  /** Another replica may create it at the same moment: then it exists, which is what was wanted. */
  private static void createIgnoringRace(Runnable create) {
    try {
      create.run();
    } catch (KubernetesClientException e) {
      if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
        throw e;
      }
    }
  }

  /** The signature of {@code message}, in base64. */
  public String sign(byte[] message) {
    try {
      Signature signature = Signature.getInstance(ALGORITHM);
      signature.initSign(pair().getPrivate());
      signature.update(message);
      return Base64.getEncoder().encodeToString(signature.sign());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("signing with Ed25519", e);
    }
  }

  public PublicKey publicKey() {
    return pair().getPublic();
  }

  public String keyId() {
    return keyId(publicKey());
  }

  public String publicKeyPem() {
    return pem(publicKey());
  }

  /** SHA-256, in hex, of the key's X.509 encoding. */
  public static String keyId(PublicKey key) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getEncoded()));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  public static String pem(PublicKey key) {
    return "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
        .encodeToString(key.getEncoded()) + "\n-----END PUBLIC KEY-----\n";
  }

  /** A public key from its PEM, or says why it is not an Ed25519 one. */
  public static PublicKey readPem(String pem) {
    String body = pem.replaceAll("-----(BEGIN|END) PUBLIC KEY-----", "").replaceAll("\\s", "");
    try {
      return KeyFactory.getInstance(ALGORITHM).generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(body)));
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new IllegalArgumentException("not an Ed25519 public key in PEM (-----BEGIN PUBLIC KEY-----): " + e.getMessage(), e);
    }
  }
}
