package org.caremap.disclosure;


import java.time.Instant;

import org.caremap.community.CommunityReferralSent;
import org.caremap.organization.Organizations;
import org.caremap.patient.PatientsMerged;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Disclosures other modules make, heard from their events (none of them knows this module): a community referral
 * sends the patient's name, contact and need to a community organisation for care coordination (treatment: kept,
 * not accounted). Recorded once per referral, however often the event is heard or the link sent again.
 */
@Component
class DisclosureFacts {

	private final Disclosures disclosures;
	private final Organizations organizations;
	private final JdbcClient jdbc;

	DisclosureFacts(Disclosures disclosures, Organizations organizations, JdbcClient jdbc) {
		this.disclosures = disclosures;
		this.organizations = organizations;
		this.jdbc = jdbc;
	}

	@ApplicationModuleListener
	void on(CommunityReferralSent e) {
		Instant at = e.sentAt() == null ? Instant.now() : e.sentAt();
		// the description keeps the service's name; the page and the PDF say the rest in the reader's words
		disclosures.recordFrom("COMMUNITY_REFERRAL", e.referral().toString(), e.patient(), at.atZone(organizations.zone()).toLocalDate(),
				e.organizationName(), e.serviceName(), e.serviceName(), DisclosureBasis.TREATMENT);
	}

	/**
	 * A recipient saw the patient's Part 2 records under a consent to disclose: a disclosure under the patient's
	 * authorization, on record once a day per consent and recipient (the accounting of 164.528 leaves it out).
	 */
	@ApplicationModuleListener
	void on(org.caremap.access.Part2ConsentUsed e) {
		disclosures.recordFrom("PART2_CONSENT", e.consent() + "/" + e.recipient() + "/" + e.on(), e.patient(), e.on(),
				e.recipient(), e.what(), e.purpose(), DisclosureBasis.AUTHORIZATION);
	}

	/** A merged record's disclosures and requests move to the survivor, in the merge's transaction. */
	@EventListener
	void on(PatientsMerged merged) {
		for (String table : new String[] { "disclosure", "disclosure_request" }) {
			jdbc.sql("update " + table + " set patient_id = ? where patient_id = ?")
				.params(merged.survivor().value(), merged.merged().value()).update();
		}
	}
}
