package org.caremap.quality.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.caremap.caseload.CasePage;
import org.caremap.caseload.CaseSearch;
import org.caremap.caseload.CaseView;
import org.caremap.caseload.Cases;
import org.caremap.contact.ContactKinds;
import org.caremap.contact.ContactView;
import org.caremap.contact.Contacts;
import org.caremap.organization.Organizations;
import org.caremap.referral.ReferralPage;
import org.caremap.referral.ReferralSearch;
import org.caremap.referral.Referrals;
import org.caremap.shared.PatientId;
import org.caremap.shared.SystemActor;
import org.caremap.transition.EncounterPage;
import org.caremap.transition.EncounterQuery;
import org.caremap.transition.EncounterView;
import org.caremap.transition.Transitions;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;

/**
 * Fills the read model once with what the modules recorded before it existed (or before an installation upgraded):
 * cases, hospital stays and ED visits, contacts of the enrolled patients and referrals, read page by page through
 * the modules' query APIs as Caremap itself. Rows the listeners wrote are kept (insert or nothing), so it may run
 * while events arrive; the row in {@code quality_backfill} makes it run once, whatever the number of nodes.
 */
@Component
class QualityBackfill {

	private static final Logger LOG = LoggerFactory.getLogger(QualityBackfill.class);
	private static final int PAGE = 500;

	private final JdbcClient jdbc;
	private final Cases cases;
	private final Transitions transitions;
	private final Contacts contacts;
	private final Referrals referrals;
	private final Organizations organizations;

	QualityBackfill(JdbcClient jdbc, Cases cases, Transitions transitions, Contacts contacts, Referrals referrals,
			Organizations organizations) {
		this.jdbc = jdbc;
		this.cases = cases;
		this.transitions = transitions;
		this.contacts = contacts;
		this.referrals = referrals;
		this.organizations = organizations;
	}

	private boolean done() {
		return jdbc.sql("select count(*) from quality_backfill").query(Long.class).single() > 0;
	}

	/** Runs the backfill unless it ran; returns the number of cases it read (0 when it had run). */
	int runOnce() {
		if (done()) return 0;
		int n = SystemActor.call("quality-backfill", List.of("SYSTEM"), this::fill);
		// an installation without cases yet (a fresh one, the demo still loading) is looked at again on the next run
		if (n == 0) return 0;
		jdbc.sql("insert into quality_backfill (id, cases) values (1, ?) on conflict (id) do nothing").param(n).update();
		LOG.info("Outcome measures: read model filled from {} cases and their patients' stays, contacts and referrals", n);
		return n;
	}

	private @Nullable LocalDate day(@Nullable Instant at) {
		return at == null ? null : at.atZone(organizations.zone()).toLocalDate();
	}

	int fill() {
		Set<PatientId> patients = new LinkedHashSet<>();
		int read = 0;
		CaseSearch every = new CaseSearch(null, null, null, Set.of(), null, null, false);
		for (int offset = 0;; offset += PAGE) {
			CasePage page = cases.search(every, offset, PAGE);
			for (CasePage.Found f : page.cases()) {
				CaseView c = f.view();
				jdbc.sql("""
						insert into quality_case (case_id, patient_id, program_id, case_manager_id, opened_on)
						values (?, ?, ?, ?, ?) on conflict (case_id) do nothing""")
					.params(c.id().value(), c.patient().value(), c.program().value(), c.caseManager().value(), c.startDate())
					.update();
				if (c.closedOn() != null) {
					jdbc.sql("""
							insert into quality_case_closure (case_id, closed_on, close_reason, close_outcome)
							values (?, ?, ?, ?) on conflict (case_id) do nothing""")
						.params(c.id().value(), c.closedOn(), c.closeReason() == null ? "" : c.closeReason(), c.outcome())
						.update();
				}
				patients.add(c.patient());
				read++;
			}
			if (page.cases().size() < PAGE) break;
		}
		EncounterQuery stays = new EncounterQuery(null, null, null, Set.of("I", "E"), null, null);
		for (int offset = 0;; offset += PAGE) {
			EncounterPage page = transitions.findEncounters(stays, offset, PAGE);
			for (var r : page.encounters()) {
				EncounterView e = r.encounter();
				if ("CANCELLED".equals(e.status()) || e.admittedAt() == null) continue;
				boolean inpatient = "I".equals(e.patientClass());
				jdbc.sql("""
						insert into quality_stay (encounter_id, patient_id, kind, admitted_on, discharged_on)
						values (?, ?, ?, ?, ?) on conflict (encounter_id) do nothing""")
					.params(e.id(), r.patient().value(), inpatient ? "INPATIENT" : "ED", day(e.admittedAt()),
							inpatient ? day(e.dischargedAt()) : null)
					.update();
			}
			if (page.encounters().size() < PAGE) break;
		}
		for (PatientId p : patients) {
			for (ContactView c : contacts.ofPatient(p)) {
				boolean reached = c.outcome() == ContactKinds.Outcome.REACHED
						&& (c.with() == ContactKinds.Party.PATIENT || c.with() == ContactKinds.Party.CAREGIVER);
				jdbc.sql("""
						insert into quality_contact (contact_id, patient_id, case_id, occurred_on, reached)
						values (?, ?, ?, ?, ?) on conflict (contact_id) do nothing""")
					.params(c.id(), p.value(), c.caseId() == null ? null : c.caseId().value(), day(c.occurredAt()), reached)
					.update();
			}
		}
		ReferralSearch all = new ReferralSearch(null, null, Set.of(), null, null);
		for (int offset = 0;; offset += PAGE) {
			ReferralPage page = referrals.search(all, offset, PAGE);
			for (ReferralPage.Found f : page.referrals()) {
				jdbc.sql("""
						insert into quality_referral (referral_id, patient_id, program_id, received_on)
						values (?, ?, ?, ?) on conflict (referral_id) do nothing""")
					.params(f.view().id().value(), f.view().patient().value(), f.view().program().value(),
							day(f.view().receivedAt()))
					.update();
			}
			if (page.referrals().size() < PAGE) break;
		}
		return read;
	}

	@Configuration(proxyBeanMethods = false)
	static class Job {
		@Bean
		RecurringTask<Void> qualityBackfillJob(QualityBackfill backfill) {
			// checks every 10 minutes and runs once per installation (a node that dies part way leaves it to the next run)
			return Tasks.recurring("quality-backfill", FixedDelay.ofMinutes(10))
				.execute((instance, context) -> backfill.runOnce());
		}
	}
}
