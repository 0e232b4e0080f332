package org.caremap.demo.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import org.caremap.assessment.Answers;
import org.caremap.assessment.Assessments;
import org.caremap.assessment.Instruments;
import org.caremap.assessment.Respondent;
import org.caremap.careplan.CarePlanContent;
import org.caremap.careplan.CarePlanView;
import org.caremap.careplan.CarePlans;
import org.caremap.caseload.CaseId;
import org.caremap.contact.ContactKinds;
import org.caremap.contact.Contacts;
import org.caremap.contact.NewContact;
import org.caremap.program.ProgramView;
import org.caremap.shared.PatientId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Demo assessments and care plans for some of the first case manager's patients: PHQ-9 scores falling over six
 * months (one with item 9 positive, flag open), a depression care plan from the template with the patient's
 * agreement and progress, a monthly check-in call (after one unanswered attempt), and the PHQ-9 re-assessment
 * schedule of the chronic care program.
 */
@Component
class DemoAssessments {

	private static final String[] FREQUENCY = { "LA6568-5", "LA6569-3", "LA6570-1", "LA6571-9" };

	private final Assessments assessments;
	private final Instruments instruments;
	private final CarePlans plans;
	private final JdbcClient jdbc;
	private final Contacts contacts;

	DemoAssessments(Assessments assessments, Instruments instruments, CarePlans plans, JdbcClient jdbc, Contacts contacts) {
		this.assessments = assessments;
		this.instruments = instruments;
		this.plans = plans;
		this.jdbc = jdbc;
		this.contacts = contacts;
	}

	record Enrolled(PatientId patient, CaseId caseId, String name) {
	}

	void create(List<Enrolled> cases, ProgramView chronicCare, ZoneId zone) {
		instruments.saveRule(chronicCare.id(), "phq-9", 90, List.of("F32", "F33"), "depression is an active problem");
		LocalDate today = LocalDate.now(zone);
		for (int n = 0; n < cases.size() && n < 8; n++) {
			Enrolled e = cases.get(n);
			int[][] series = { { 2, 2, 2, 2, 2, 1, 2, 1, 0 }, { 2, 1, 2, 1, 1, 1, 1, 1, 0 }, { 1, 1, 1, 1, 0, 1, 0, 1, 0 } };
			int[] ago = { 170, 95, 12 };
			for (int k = 0; k < series.length; k++) {
				int[] items = series[k].clone();
				if (n == 2 && k == 2) items[8] = 1; // one patient reports thoughts of self-harm: the flag stays open
				phq9(e, items, today.minusDays(ago[k]), zone);
			}
			CarePlanView plan = plans.open(e.caseId());
			int v = plans.applyTemplate(plan.id(), plan.version(), "depression");
			v = plans.setReviewDue(plan.id(), v, today.plusDays(30 + n * 7L), "Review with the patient every 90 days");
			CarePlanView current = plans.find(plan.id()).orElseThrow();
			plans.recordAgreement(plan.id(), e.name(), CarePlanView.Relation.PATIENT, CarePlanView.Method.IN_PERSON,
					Instant.now().minus(10, ChronoUnit.DAYS), "Reviewed at the home visit");
			// the monthly check-in: an attempt, then the call that reached the patient
			Instant call = Instant.now().minus(6 + n, ChronoUnit.DAYS);
			contacts.log(new NewContact(e.patient(), e.caseId(), ContactKinds.Type.PHONE, ContactKinds.Direction.OUTBOUND,
					ContactKinds.Party.PATIENT, null, ContactKinds.Outcome.NO_ANSWER, call.minus(2, ChronoUnit.HOURS), 2,
					ContactKinds.StaffKind.CLINICAL_STAFF, null, List.of()));
			contacts.log(new NewContact(e.patient(), e.caseId(), ContactKinds.Type.PHONE, ContactKinds.Direction.OUTBOUND,
					ContactKinds.Party.PATIENT, null, ContactKinds.Outcome.REACHED, call, 18, ContactKinds.StaffKind.CLINICAL_STAFF,
					"Monthly check-in: mood better, taking sertraline daily; walks with a neighbour twice a week.", List.of()));
			CarePlanContent.Goal first = current.content().goals().get(0);
			plans.recordProgress(plan.id(), first.id(), CarePlanContent.Achievement.IMPROVING,
					"PHQ-9 down from 14 to 6 over six months; sleeping better.");
		}
	}

	private void phq9(Enrolled e, int[] items, LocalDate on, ZoneId zone) {
		UUID id = assessments.assign(e.patient(), e.caseId(), "phq-9", on);
		String[] pairs = new String[18];
		for (int i = 0; i < 9; i++) {
			pairs[2 * i] = "phq9-" + (i + 1);
			pairs[2 * i + 1] = FREQUENCY[items[i]];
		}
		assessments.complete(id, Answers.single(pairs), Respondent.PATIENT, 0);
		// the demo's history lies in the past
		Instant at = on.atTime(10, 30).atZone(zone).toInstant();
		jdbc.sql("update assessment set assigned_at = ?, started_at = ?, completed_at = ? where id = ?")
			.params(java.sql.Timestamp.from(at), java.sql.Timestamp.from(at), java.sql.Timestamp.from(at), id).update();
		jdbc.sql("update assessment_flag set raised_at = ? where assessment_id = ?").params(java.sql.Timestamp.from(at), id).update();
	}
}
