package org.caremap.caseload;

import java.time.LocalDate;

/**
 * The patient's consent to care management, with the elements CMS requires to be explained before chronic care
 * management starts: that the service is available, that cost-sharing applies, that only one practitioner may
 * bill it in a month, and that the patient may stop at any time.
 */
public record Consent(LocalDate date, ConsentMethod method, String obtainedBy, boolean toldServiceAvailable,
		boolean toldCostSharing, boolean toldOnePractitioner, boolean toldCanStop) {

	public Consent {
		if (date == null) throw new IllegalArgumentException("consent date is required");
		if (method == null) throw new IllegalArgumentException("consent method is required");
		if (obtainedBy == null || obtainedBy.isBlank()) throw new IllegalArgumentException("who obtained consent is required");
	}

	public boolean complete() {
		return toldServiceAvailable && toldCostSharing && toldOnePractitioner && toldCanStop;
	}
}
