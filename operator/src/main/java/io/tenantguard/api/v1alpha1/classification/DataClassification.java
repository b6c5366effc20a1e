package io.tenantguard.api.v1alpha1.classification;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.crdv2.generator.v1.SchemaCustomizer;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Version;
import io.tenantguard.api.v1alpha1.ApiGroup;
import io.tenantguard.api.v1alpha1.Names;

/** A class of data (public, personal, health...) and the rules that come with it. */
@Group(ApiGroup.GROUP)
@SchemaCustomizer(value = SchemaCustomizer.MergePatchCustomizer.class, input = Names.CLASSIFICATION_ROOT)
@Version(ApiGroup.VERSION)
@AdditionalPrinterColumn(name = "Certifications", jsonPath = ".spec.requirements.certifications", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Countries", jsonPath = ".spec.requirements.allowedCountries", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Isolation", jsonPath = ".spec.requirements.networkIsolation", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = AdditionalPrinterColumn.Type.DATE)
public class DataClassification extends CustomResource<DataClassificationSpec, DataClassificationStatus> {}
