/**
 * Disclosures of a patient's information outside the organisation and the patient's accounting of them (HIPAA
 * 164.528): what staff released and what other modules sent (a community referral), on what basis; the
 * patient's requests for an accounting or for the record's access log (who in the organisation opened it, from the
 * audit trail), each answered with a PDF.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "access", "audit", "chart", "community", "identity",
		"organization", "patient", "shared" })
@org.jspecify.annotations.NullMarked
package org.caremap.disclosure;
