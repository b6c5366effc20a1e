package io.tenantguard.separation;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Quantity;
import io.tenantguard.api.v1alpha1.tenant.Limits;
import io.tenantguard.api.v1alpha1.tenant.Resources;
import org.junit.jupiter.api.Test;

class ContainerLimitsTest {
  private static final Limits DEFAULTS = SeparationDefaults.STANDARD.limits();

  @Test
  void aTenantThatSetsNothingGetsTheDefaults() {
    assertThat(ContainerLimits.of(Limits.NONE, DEFAULTS)).isEqualTo(DEFAULTS);
  }

  @Test
  void aMaximumBelowTheDefaultsBringsThemDownToIt() {
    Limits limits = ContainerLimits.of(new Limits(null, null, cpu("100m")), DEFAULTS);

    assertThat(limits.max().cpu()).isEqualTo(new Quantity("100m"));
    assertThat(limits.defaultLimit().cpu()).isEqualTo(new Quantity("100m"));
    assertThat(limits.defaultRequest().cpu()).isEqualTo(new Quantity("100m"));
    assertThat(limits.defaultLimit().memory()).as("other resources keep their defaults").isEqualTo(new Quantity("512Mi"));
  }

  @Test
  void aRequestAboveTheDefaultLimitRaisesTheLimitToIt() {
    Limits limits = ContainerLimits.of(new Limits(cpu("2"), null, null), DEFAULTS);

    assertThat(limits.defaultRequest().cpu()).isEqualTo(new Quantity("2"));
    assertThat(limits.defaultLimit().cpu()).isEqualTo(new Quantity("2"));
  }

  @Test
  void aDefaultMaximumBelowWhatTheTenantSetsGivesWay() {
    Limits platform = new Limits(DEFAULTS.defaultRequest(), DEFAULTS.defaultLimit(), cpu("1"));

    Limits limits = ContainerLimits.of(new Limits(null, cpu("2"), null), platform);

    assertThat(limits.max().cpu()).isEqualTo(new Quantity("2"));
    assertThat(limits.defaultRequest().cpu()).isEqualTo(new Quantity("100m"));
  }

  @Test
  void whatTheTenantSetsIsKeptAsItIs() {
    Limits set = new Limits(cpu("200m"), cpu("300m"), cpu("400m"));

    assertThat(ContainerLimits.of(set, DEFAULTS).max().cpu()).isEqualTo(new Quantity("400m"));
    assertThat(ContainerLimits.of(set, DEFAULTS).defaultLimit().cpu()).isEqualTo(new Quantity("300m"));
    assertThat(ContainerLimits.of(set, DEFAULTS).defaultRequest().cpu()).isEqualTo(new Quantity("200m"));
  }

  private static Resources cpu(String amount) {
    return new Resources(new Quantity(amount), null, null);
  }
}
