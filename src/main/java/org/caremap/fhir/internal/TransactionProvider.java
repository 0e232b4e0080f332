package org.caremap.fhir.internal;

import ca.uhn.fhir.rest.annotation.Transaction;
import ca.uhn.fhir.rest.annotation.TransactionParam;
import org.caremap.fhir.FhirImport;
import org.caremap.fhir.ImportOutcome;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.OperationOutcome;

/**
 * {@code POST /fhir} with a transaction or batch bundle: onboarding from an EHR. Each entry's response says whether
 * Caremap created it, already held it (200, with where), or does not keep that kind of resource (200 with an
 * informational OperationOutcome).
 */
class TransactionProvider {

	private final FhirImport imports;

	TransactionProvider(FhirImport imports) {
		this.imports = imports;
	}

	@Transaction
	public Bundle transaction(@TransactionParam Bundle bundle) {
		FhirImport.Summary summary = imports.importBundle(bundle);
		Bundle response = new Bundle();
		response.setType(bundle.getType() == Bundle.BundleType.BATCH ? Bundle.BundleType.BATCHRESPONSE
				: Bundle.BundleType.TRANSACTIONRESPONSE);
		for (FhirImport.Entry entry : summary.entries()) {
			Bundle.BundleEntryResponseComponent r = response.addEntry().getResponse();
			ImportOutcome outcome = entry.outcome();
			switch (outcome.kind()) {
				case CREATED:
					r.setStatus("201 Created").setLocation(outcome.reference());
					break;
				case MATCHED:
					r.setStatus("200 OK").setLocation(outcome.reference());
					break;
				default:
					OperationOutcome note = new OperationOutcome();
					note.addIssue().setSeverity(OperationOutcome.IssueSeverity.INFORMATION)
						.setCode(OperationOutcome.IssueType.INFORMATIONAL).setDiagnostics("Not kept: " + outcome.reason());
					r.setStatus("200 OK").setOutcome(note);
			}
		}
		return response;
	}
}
