package io.tenantguard.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/**
 * What a tenant user tries against its box, each attempt asserted refused by the rule that should
 * refuse it (RBAC, Pod Security, a quota, an admission policy by name), not by any refusal that
 * happens to mention the object. Every attempt is counted, tried and refused, by rule: the run
 * prints the figures at its end ({@link #figures()}).
 */
public final class Attacks {
  private static final Map<String, AtomicInteger> TRIED = new ConcurrentHashMap<>();
  private static final Map<String, AtomicInteger> REFUSED = new ConcurrentHashMap<>();

  private Attacks() {}

  /** A rule of the API server that refuses an attempt: its name, and what its refusal says. */
  public record Rule(String name, int code, String... says) {
    /** RBAC: 403, the user cannot do that verb on that resource; and the refusal says {@code also}. */
    public static Rule rbac(String... also) {
      String[] all = new String[also.length + 1];
      all[0] = "is forbidden: User \"";
      System.arraycopy(also, 0, all, 1, also.length);
      return new Rule("RBAC", 403, all);
    }

    /** RBAC's escalation check: a RoleBinding may not grant more than its author holds. */
    public static Rule escalation() {
      return new Rule("RBAC escalation check", 403, "attempting to grant RBAC permissions not currently held");
    }

    /** Pod Security Admission at the restricted level, for {@code check} (privileged, hostPort...). */
    public static Rule podSecurity(String check) {
      return new Rule("Pod Security restricted", 403, "violates PodSecurity \"restricted:latest\"", check);
    }

    /** The namespace's ResourceQuota, tenantguard's, on {@code resource}. */
    public static Rule quota(String resource) {
      return new Rule("ResourceQuota", 403, "exceeded quota: tenantguard-quota", resource);
    }

    /** A ValidatingAdmissionPolicy of tenantguard, by name, refusing with {@code says}. */
    public static Rule policy(String policy, String... says) {
      String[] all = new String[says.length + 1];
      all[0] = "ValidatingAdmissionPolicy '" + policy + "' with binding '" + policy + "' denied request";
      System.arraycopy(says, 0, all, 1, says.length);
      return new Rule("policy " + policy, 0, all);
    }
  }

  /**
   * Runs {@code attempt} as a tenant user would, asserts the API server refused it by {@code rule},
   * and counts it.
   */
  public static void refused(Rule rule, ThrowingCallable attempt) {
    TRIED.computeIfAbsent(rule.name(), r -> new AtomicInteger()).incrementAndGet();
    Throwable thrown = catchThrowable(attempt);
    assertThat(thrown).as("refused by " + rule.name()).isInstanceOf(KubernetesClientException.class);
    if (rule.code() != 0) {
      assertThat(((KubernetesClientException) thrown).getCode()).as(thrown.getMessage()).isEqualTo(rule.code());
    }
    assertThat(thrown.getMessage()).as("refused by " + rule.name()).contains(rule.says());
    REFUSED.computeIfAbsent(rule.name(), r -> new AtomicInteger()).incrementAndGet();
  }

  /** Attempts tried and refused this run, in all and by rule. */
  public static Figures figures() {
    Map<String, Integer> tried = new TreeMap<>();
    Map<String, Integer> refused = new TreeMap<>();
    TRIED.forEach((rule, count) -> tried.put(rule, count.get()));
    REFUSED.forEach((rule, count) -> refused.put(rule, count.get()));
    return new Figures(tried, refused);
  }

  /** The attack figures of a run. */
  public record Figures(Map<String, Integer> tried, Map<String, Integer> refused) {
    public int triedTotal() {
      return tried.values().stream().mapToInt(Integer::intValue).sum();
    }

    public int refusedTotal() {
      return refused.values().stream().mapToInt(Integer::intValue).sum();
    }

    @Override
    public String toString() {
      StringBuilder text = new StringBuilder("tenant attacks: " + triedTotal() + " tried, " + refusedTotal() + " refused");
      tried.forEach((rule, count) -> text.append("\n  ").append(rule).append(": ").append(count).append(" tried, ")
          .append(refused.getOrDefault(rule, 0)).append(" refused"));
      return text.toString();
    }
  }
}
