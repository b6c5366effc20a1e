package io.tenantguard.api.v1alpha1.tenant;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.crdv2.generator.v1.SchemaCustomizer;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;
import io.tenantguard.api.v1alpha1.ApiGroup;
import io.tenantguard.api.v1alpha1.Names;

/** One client of the platform: its namespaces, people, quotas, flows and lifecycle. */
@Group(ApiGroup.GROUP)
@Version(ApiGroup.VERSION)
@ShortNames("tnt")
@SchemaCustomizer(value = SchemaCustomizer.MergePatchCustomizer.class, input = Names.TENANT_ROOT)
@AdditionalPrinterColumn(name = "Phase", jsonPath = ".status.phase", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Regions", jsonPath = ".status.regions", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Countries", jsonPath = ".status.hostingCountries", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = AdditionalPrinterColumn.Type.DATE)
public class Tenant extends CustomResource<TenantSpec, TenantStatus> {}
