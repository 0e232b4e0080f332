package org.caremap.fhir;

import java.util.Set;

import org.hl7.fhir.r4.model.Resource;

/**
 * How a module takes in the resources it owns from an EHR's or Synthea's bundle (onboarding). The import runs the
 * importers by rank (patients before what refers to them), resource by resource, in one transaction per bundle.
 * An importer finds what Caremap already holds (by identifiers, codes and dates, never by remembering an earlier
 * bundle) and adds only what is new, so importing the same data twice changes nothing.
 */
public interface BundleImporter {

	/** The resource types this importer takes, e.g. {@code Patient}. */
	Set<String> types();

	/** Lower ranks run first: 0 directory (practitioners), 10 patients, 20 what belongs to a patient. */
	int rank();

	/** Stores the resource or finds it already stored; says which, and the Caremap reference it now has. */
	ImportOutcome take(Resource resource, ImportContext context);
}
