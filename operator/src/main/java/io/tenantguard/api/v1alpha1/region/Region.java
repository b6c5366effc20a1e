package io.tenantguard.api.v1alpha1.region;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.crdv2.generator.v1.SchemaCustomizer;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Version;
import io.fabric8.kubernetes.client.CustomResource;
import io.tenantguard.api.v1alpha1.ApiGroup;
import io.tenantguard.api.v1alpha1.Names;

/** A place where workloads can run: one cloud region, its country, certifications and nodes. */
@Group(ApiGroup.GROUP)
@SchemaCustomizer(value = SchemaCustomizer.MergePatchCustomizer.class, input = Names.REGION_ROOT)
@Version(ApiGroup.VERSION)
@AdditionalPrinterColumn(name = "Country", jsonPath = ".spec.country", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Jurisdiction", jsonPath = ".spec.jurisdiction", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Certifications", jsonPath = ".spec.certifications", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Nodes", jsonPath = ".status.matchingNodes", type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = AdditionalPrinterColumn.Type.DATE)
public class Region extends CustomResource<RegionSpec, RegionStatus> {}
