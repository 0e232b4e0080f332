package org.caremap.demo.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;

import org.caremap.careplan.CarePlanContent;
import org.caremap.patient.CodedCondition;
import org.caremap.patient.IdentifierType;
import org.caremap.patient.NewPatient;
import org.caremap.patient.PatientIdentifier;
import org.caremap.shared.Ids;
import org.caremap.shared.OrganizationId;
import tools.jackson.databind.json.JsonMapper;

/**
 * The history of a synthetic population, as rows for bulk loading: each patient's identifiers, conditions,
 * coverage, primary care provider and family; for about four in ten an open case with its case manager (caseloads
 * balanced), consent and acuity, a care plan, open tasks around today and a year of completed follow-up work with
 * the contacts and signed notes that did it; closed cases, referrals waiting and decided, hospital stays and ED
 * visits (with the 30-day transition period after a recent discharge of an enrolled patient), and the audit trail
 * of who registered and read each record. Patient {@code i} is the same for the same seed whatever the chunking.
 */
final class PopulationGenerator {

	/** A member of staff the population is spread over. */
	record Staff(UUID id, String username, UUID team) {
	}

	/** What the rows refer to: the organisation, its programs, staff and providers, and "today". */
	record Setting(OrganizationId organization, ZoneId zone, LocalDate today, long seed, Map<String, UUID> programs,
			List<Staff> caseManagers, List<Staff> careTeam, List<Staff> intake, List<UUID> providers, UUID cardiology,
			List<Staff> reviewers) {
	}

	static final String TRANSITIONS = "transitions", CCM = "ccm", COMPLEX = "complex", BEHAVIOURAL = "behavioural",
			RECOVERY = "recovery", HOUSING = "housing";

	private static final String ACTOR = "population";
	private static final long ID_EPOCH = Instant.parse("2020-01-01T00:00:00Z").toEpochMilli();
	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final Setting s;
	private final Map<String, CopyRows> tables = new LinkedHashMap<>();
	private long idCounter;
	private int enrolledCount;
	private int reviewedCount;

	PopulationGenerator(Setting setting) {
		this.s = setting;
		// in the order the foreign keys need
		table("patient", "id, organization_id, family_name, given_name, middle_name, birth_date, sex, phone, email, "
				+ "address_line, city, state, postal_code, preferred_language, interpreter_needed, created_at, created_by");
		table("patient_identifier", "id, patient_id, type, system, value, assigner, created_at, created_by");
		table("patient_condition", "id, patient_id, code_system, code, display, onset_date, created_at, created_by");
		table("patient_coverage", "id, patient_id, payer, plan, member_id, group_number, effective_from, priority, "
				+ "created_at, created_by");
		table("patient_provider", "id, patient_id, provider_id, role, since, created_at, created_by");
		table("patient_contact", "id, patient_id, name, relationship, phone, caregiver, legal_representative, may_be_told, "
				+ "created_at, created_by");
		table("care_case", "id, patient_id, program_id, referral_id, case_manager_id, status, start_date, hold_reason, "
				+ "hold_until, closed_on, close_reason, outcome, acuity, acuity_reason, consent_date, consent_method, "
				+ "consent_by, consent_told_available, consent_told_cost_sharing, consent_told_one_practitioner, "
				+ "consent_told_can_stop, created_at, created_by");
		table("case_step", "case_id, kind, from_value, to_value, note, created_at, created_by");
		table("case_team_member", "id, case_id, user_id, role, valid_from, created_at, created_by");
		table("care_relationship", "id, user_id, patient_id, kind, source, valid_from, valid_to, created_at, created_by, "
				+ "ended_by");
		table("referral", "id, patient_id, program_id, source_type, source_name, reason, urgency, status, received_at, "
				+ "claimed_by, claimed_at, decision_reason, decided_at, decided_by, case_id, created_at, created_by");
		table("referral_step", "referral_id, from_status, to_status, note, created_at, created_by");
		table("care_plan", "id, case_id, patient_id, status, current_version, review_due, created_at, created_by, updated_at");
		table("care_plan_version", "plan_id, version, content, review_due, reason, author, created_at");
		table("task", "id, patient_id, case_id, type, title, owner_user_id, owner_team_id, status, priority, due_at, "
				+ "outcome, completed_at, completed_by, source, escalated_at, created_at, created_by, updated_at, updated_by");
		table("task_step", "task_id, kind, from_value, to_value, note, created_at, created_by");
		table("contact", "id, patient_id, case_id, type, direction, with_whom, with_name, outcome, occurred_at, minutes, "
				+ "summary, created_at, created_by");
		table("contact_task", "contact_id, task_id");
		table("progress_note", "id, patient_id, case_id, format, section_1, section_2, section_3, section_4, "
				+ "education_topic, teach_back, status, signed_at, signed_by, created_at, created_by");
		table("encounter", "id, patient_id, facility, visit_number, patient_class, location, admission_type, disposition, "
				+ "admitted_at, discharged_at, status, lace, lace_detail, diagnoses, created_at, source");
		table("care_transition", "id, encounter_id, patient_id, case_id, discharged_at, contact_due, visit_due, "
				+ "period_ends, high_complexity, status, created_at");
		table("stay_review", "id, encounter_id, patient_id, facility, location, admission_type, admitted_at, payer, plan, member_id, "
				+ "expected_days, expected_basis, reviewer_id, status, next_review_on, created_at, created_by, updated_at, updated_by");
		table("audit_event", "occurred_at, actor, actor_roles, action, resource_type, resource_id, patient_id, outcome, "
				+ "node, detail");
	}

	private void table(String name, String columns) {
		tables.put(name, new CopyRows(name, columns));
	}

	Iterable<CopyRows> tables() {
		return tables.values();
	}

	private CopyRows t(String name) {
		return tables.get(name);
	}

	private UUID id() {
		idCounter++;
		return Ids.timeOrdered(ID_EPOCH + idCounter / 16, s.seed(), idCounter);
	}

	private Instant at(LocalDate day, int hour, int minute) {
		return day.atTime(hour, minute).atZone(s.zone()).toInstant();
	}

	/** Adds the rows of patients {@code from} (inclusive) to {@code to} (exclusive). */
	void patients(int from, int to) {
		for (int i = from; i < to; i++) {
			patient(i);
		}
	}

	private void patient(int index) {
		SplittableRandom r = new SplittableRandom(s.seed() * 0x9E3779B97F4A7C15L + index);
		LocalDate today = s.today();
		NewPatient p = SyntheticPopulation.person(s.organization(), r, today, index);
		UUID patient = id();
		LocalDate registered = today.minusDays(40 + r.nextInt(6 * 365));
		Instant created = at(registered, 9 + r.nextInt(8), r.nextInt(60));
		Staff registrar = s.intake().get(index % s.intake().size());
		t("patient").row(patient, s.organization().value(), p.familyName(), p.givenName(), p.middleName(), p.birthDate(),
				p.sex().code(), p.phone(), p.email(), p.addressLine(), p.city(), p.state(), p.postalCode(),
				p.preferredLanguage(), !p.preferredLanguage().equals("en") && r.nextDouble() < 0.7, created, registrar.username());
		audit(created, registrar.username(), "INTAKE", "CREATE", "Patient", patient.toString(), patient, null);
		for (PatientIdentifier identifier : p.identifiers()) {
			t("patient_identifier").row(id(), patient, identifier.type().name(), identifier.system(), identifier.value(),
					identifier.assigner(), created, registrar.username());
			if (identifier.type() == IdentifierType.MB) {
				boolean medicare = identifier.system().equals(SyntheticPopulation.MEDICARE_MBI);
				t("patient_coverage").row(id(), patient, identifier.assigner(),
						medicare ? "Medicare Part A and B" : "Lakeshore Advantage HMO", identifier.value(),
						medicare ? null : "LSH-" + (1000 + index % 7), registered.minusDays(r.nextInt(2000)), 1, created,
						registrar.username());
			}
		}
		for (CodedCondition c : p.conditions()) {
			t("patient_condition").row(id(), patient, CodedCondition.ICD10CM, c.code(), c.display(), c.onset(), created,
					registrar.username());
		}
		t("patient_provider").row(id(), patient, s.providers().get(index % s.providers().size()), "PRIMARY_CARE",
				registered.minusDays(r.nextInt(1500)), created, registrar.username());
		boolean cardiac = p.conditions().stream().anyMatch(c -> c.code().startsWith("I50") || c.code().startsWith("I48"));
		if (cardiac) {
			t("patient_provider").row(id(), patient, s.cardiology(), "SPECIALIST", registered, created, registrar.username());
		}
		if (r.nextDouble() < 0.35) {
			boolean daughter = r.nextBoolean();
			String name = SyntheticPopulation.pick(r, daughter ? SyntheticPopulation.FEMALE : SyntheticPopulation.MALE) + " "
					+ p.familyName();
			t("patient_contact").row(id(), patient, name, daughter ? "Daughter" : "Son", p.phone(), true, r.nextDouble() < 0.2,
					r.nextDouble() < 0.6 ? "CARE_PLAN" : "APPOINTMENTS", created, registrar.username());
		}

		String programKey = program(p, r);
		boolean enrolled = r.nextDouble() < 0.40;
		UUID openCase = null;
		Staff manager = null;
		LocalDate start = null;
		if (enrolled) {
			manager = s.caseManagers().get(enrolledCount++ % s.caseManagers().size());
			start = registered.plusDays(1 + r.nextInt(Math.max(1, (int) ChronoUnit.DAYS.between(registered, today) - 1)));
			openCase = enrolment(patient, p, r, programKey, manager, start, index);
		}
		if (r.nextDouble() < 0.10) {
			closedCase(patient, r, registered, index);
		}
		if (!enrolled) {
			waitingOrDeclinedReferral(patient, r, programKey, index);
		}
		encounters(patient, p, r, registered, openCase, manager, index);
		// about one in two hundred is in hospital now, the stay under concurrent review (drawn last: the rest of the
		// patient is the same as before there were reviews)
		if (!s.reviewers().isEmpty() && r.nextDouble() < 0.005) inHospital(patient, p, r, index);
	}

	/** An open inpatient stay under concurrent review, with the reviewer's relationship with the patient. */
	private void inHospital(UUID patient, NewPatient p, SplittableRandom r, int index) {
		PatientIdentifier member = p.identifiers().stream().filter(i -> i.type() == IdentifierType.MB).findFirst().orElse(null);
		if (member == null) return;
		boolean medicare = member.system().equals(SyntheticPopulation.MEDICARE_MBI);
		Staff reviewer = s.reviewers().get(reviewedCount++ % s.reviewers().size());
		String facility = p.identifiers().stream().anyMatch(i -> i.type() == IdentifierType.MR && i.assigner().startsWith("Riverside"))
				? "RIVERSIDE GENERAL" : "ST BRIGID";
		List<String> diagnoses = p.conditions().stream().limit(2).map(CodedCondition::code).toList();
		int days = 1 + r.nextInt(8);
		Instant admitted = at(s.today().minusDays(days - 1), 6 + r.nextInt(14), r.nextInt(60));
		UUID encounter = id();
		String type = r.nextBoolean() ? "E" : "U";
		t("encounter").row(encounter, patient, facility, "V" + index + "-ip", "I", r.nextBoolean() ? "4W" : "6E", type, null,
				admitted, null, "IN_PROGRESS", null, null, diagnoses, admitted, "ADT");
		LocalDate next = s.today().plusDays(r.nextInt(4) - 1);
		UUID review = id();
		t("stay_review").row(review, encounter, patient, facility, null, type, admitted, member.assigner(),
				medicare ? "Medicare Part A and B" : "Lakeshore Advantage HMO", member.value(), 4, "default", reviewer.id(), "OPEN",
				next, admitted, "system:concurrent-review", admitted, "system:concurrent-review");
		t("care_relationship").row(id(), reviewer.id(), patient, "UTILIZATION_REVIEW", "stay-review:" + review, admitted, null,
				admitted, "system:concurrent-review", null);
	}

	private static String program(NewPatient p, SplittableRandom r) {
		boolean substance = p.conditions().stream().anyMatch(c -> c.code().startsWith("F10") || c.code().startsWith("F11"));
		boolean mood = p.conditions().stream().anyMatch(c -> c.code().startsWith("F3") || c.code().startsWith("F41"));
		if (substance && r.nextDouble() < 0.5) return RECOVERY;
		if (mood && r.nextDouble() < 0.3) return BEHAVIOURAL;
		if (p.conditions().size() >= 4) return COMPLEX;
		double x = r.nextDouble();
		return x < 0.08 ? TRANSITIONS : x < 0.12 ? HOUSING : CCM;
	}

	private static String acuity(int conditions) {
		return conditions >= 5 ? "COMPLEX" : conditions == 4 ? "HIGH" : conditions == 3 ? "MODERATE" : "LOW";
	}

	private UUID enrolment(UUID patient, NewPatient p, SplittableRandom r, String programKey, Staff manager,
			LocalDate start, int index) {
		UUID program = s.programs().get(programKey);
		UUID caseId = id();
		UUID referral = id();
		Staff intake = s.intake().get(index % s.intake().size());
		Instant received = at(start.minusDays(2 + r.nextInt(10)), 8 + r.nextInt(9), r.nextInt(60));
		Instant opened = at(start, 10, r.nextInt(60));
		String acuity = acuity(p.conditions().size());
		boolean hold = r.nextDouble() < 0.06;
		LocalDate today = s.today();
		t("referral").row(referral, patient, program, REFERRAL_SOURCES[index % REFERRAL_SOURCES.length],
				REFERRERS[index % REFERRERS.length], REASONS[index % REASONS.length], index % 9 == 0 ? "URGENT" : "ROUTINE",
				"ACCEPTED", received, intake.id(), received.plus(3, ChronoUnit.HOURS), "Meets the program's criteria",
				opened, intake.username(), caseId, received, intake.username());
		t("referral_step").row(referral, null, "RECEIVED", null, received, intake.username());
		t("referral_step").row(referral, "RECEIVED", "ACCEPTED", null, opened, intake.username());
		t("care_case").row(caseId, patient, program, referral, manager.id(), hold ? "ON_HOLD" : "ACTIVE", start,
				hold ? "Inpatient stay" : null, hold ? today.plusDays(3 + r.nextInt(20)) : null, null, null, null, acuity,
				p.conditions().size() + " chronic conditions", start, index % 3 == 0 ? "WRITTEN" : "VERBAL", manager.username(),
				true, true, true, true, opened, intake.username());
		t("case_step").row(caseId, "STATUS", null, "ACTIVE", null, opened, intake.username());
		t("case_step").row(caseId, "ACUITY", null, acuity, p.conditions().size() + " chronic conditions", opened,
				intake.username());
		if (hold) t("case_step").row(caseId, "STATUS", "ACTIVE", "ON_HOLD", "Inpatient stay", at(today.minusDays(2), 11, 0),
				manager.username());
		t("care_relationship").row(id(), manager.id(), patient, "CASE_MANAGER", "case:" + caseId, opened, null, opened,
				intake.username(), null);
		audit(opened, intake.username(), "INTAKE", "CREATE", "Case", caseId.toString(), patient, null);
		if (r.nextDouble() < 0.12) {
			Staff member = s.careTeam().get(index % s.careTeam().size());
			Instant added = opened.plus(1, ChronoUnit.DAYS);
			t("case_team_member").row(id(), caseId, member.id(), "Primary care physician", start.plusDays(1), added,
					manager.username());
			t("care_relationship").row(id(), member.id(), patient, "CARE_TEAM", "case:" + caseId, added, null, added,
					manager.username(), null);
		}
		if (r.nextDouble() < 0.8) carePlan(patient, p, r, caseId, manager, start);
		openTasks(patient, r, caseId, manager, acuity, start);
		history(patient, p, r, caseId, manager, programKey, start);
		return caseId;
	}

	private void carePlan(UUID patient, NewPatient p, SplittableRandom r, UUID caseId, Staff manager, LocalDate start) {
		UUID plan = id();
		List<CarePlanContent.Problem> problems = new ArrayList<>();
		List<CarePlanContent.Goal> goals = new ArrayList<>();
		List<CarePlanContent.Intervention> interventions = new ArrayList<>();
		for (CodedCondition c : p.conditions().subList(0, Math.min(3, p.conditions().size()))) {
			String[] text = planText(c);
			UUID problem = id();
			UUID goal = id();
			problems.add(new CarePlanContent.Problem(problem, text[0], CodedCondition.ICD10CM, c.code(), c.display(),
					CarePlanContent.ProblemStatus.ACTIVE, null, Map.of()));
			goals.add(new CarePlanContent.Goal(goal, problem, text[1], text[2], CarePlanContent.Term.SHORT,
					start.plusDays(90 + r.nextInt(90)), CarePlanContent.Lifecycle.ACTIVE,
					CarePlanContent.Achievement.values()[r.nextInt(4)], null, Map.of(), Map.of()));
			interventions.add(new CarePlanContent.Intervention(id(), goal, text[3], CarePlanContent.Owner.CASE_MANAGER,
					null, "Monthly", CarePlanContent.InterventionStatus.IN_PROGRESS, null, Map.of(), Map.of()));
		}
		List<CarePlanContent.Barrier> barriers = r.nextDouble() < 0.4
				? List.of(new CarePlanContent.Barrier(id(), "No car; buses do not run on weekends",
						"Arrange transport through the health plan's ride benefit", null, Map.of()))
				: List.of();
		String content = JSON.writeValueAsString(new CarePlanContent(problems, goals, interventions, barriers));
		LocalDate first = start.plusDays(7);
		boolean reviewed = r.nextDouble() < 0.4 && first.plusDays(90).isBefore(s.today());
		LocalDate reviewDue = s.today().plusDays(r.nextInt(100) - 10);
		Instant written = at(first, 14, r.nextInt(60));
		Instant revised = reviewed ? at(first.plusDays(90), 15, r.nextInt(60)) : null;
		t("care_plan").row(plan, caseId, patient, "ACTIVE", reviewed ? 2 : 1, reviewDue, written, manager.username(), revised);
		t("care_plan_version").row(plan, 1, content, reviewed ? first.plusDays(90) : reviewDue, "First plan, agreed with the patient",
				manager.username(), written);
		if (reviewed) {
			t("care_plan_version").row(plan, 2, content, reviewDue, "Quarterly review", manager.username(), revised);
		}
	}

	private static String[] planText(CodedCondition c) {
		String code = c.code();
		if (code.startsWith("I10")) return new String[] { "High blood pressure", "Keep my blood pressure under control",
				"Home readings below 140/90", "Review the home blood pressure log at each call" };
		if (code.startsWith("E11")) return new String[] { "Type 2 diabetes", "Keep my sugar in a safe range",
				"A1c below 8%", "Teach glucose monitoring; review the log monthly" };
		if (code.startsWith("I50")) return new String[] { "Heart failure", "Stay out of the hospital",
				"Daily weights; no admission in 90 days", "Review weights and symptoms every week" };
		if (code.startsWith("J44")) return new String[] { "COPD", "Breathe easier when I walk",
				"Walk 10 minutes without stopping", "Check inhaler technique; confirm the rescue plan" };
		if (code.startsWith("F3")) return new String[] { "Depression", "Feel more like myself", "PHQ-9 below 10",
				"Check in on mood every two weeks; link to counselling" };
		return new String[] { c.display(), "Understand and manage my condition",
				"Can name the warning signs and who to call", "Education with teach-back" };
	}

	private static final String[] TYPES = { "OUTREACH_CALL", "OUTREACH_CALL", "OUTREACH_CALL", "CARE_PLAN_REVIEW",
			"MEDICATION_RECONCILIATION", "ASSESSMENT_DUE", "VISIT", "AUTHORIZATION_FOLLOW_UP", "REFERRAL_FOLLOW_UP" };
	private static final Map<String, String> TITLES = Map.of("OUTREACH_CALL", "Monthly check-in call", "CARE_PLAN_REVIEW",
			"Review the care plan with the patient", "MEDICATION_RECONCILIATION", "Reconcile medications",
			"ASSESSMENT_DUE", "PHQ-9 re-assessment due", "VISIT", "Home visit", "AUTHORIZATION_FOLLOW_UP",
			"Follow up on the prior authorization", "REFERRAL_FOLLOW_UP", "Confirm the community referral was received");

	/** Work around today: some late, most due in the coming weeks; a few in the team's queue. */
	private void openTasks(UUID patient, SplittableRandom r, UUID caseId, Staff manager, String acuity, LocalDate start) {
		Instant now = at(s.today(), 12, 0);
		int count = 1 + (r.nextBoolean() ? 1 : 0) + (acuity.equals("HIGH") || acuity.equals("COMPLEX") ? 1 : 0);
		for (int k = 0; k < count; k++) {
			String type = TYPES[r.nextInt(TYPES.length)];
			LocalDate dueDay = s.today().plusDays(r.nextInt(28) - 7);
			Instant due = at(dueDay, 9 + r.nextInt(8), 0);
			Instant created = at(dueDay.minusDays(7 + r.nextInt(14)), 9, r.nextInt(60));
			if (created.isBefore(at(start, 11, 0))) created = at(start, 11, 0);
			boolean queue = r.nextDouble() < 0.03;
			double st = r.nextDouble();
			String status = st < 0.85 ? "READY" : st < 0.95 ? "IN_PROGRESS" : "ON_HOLD";
			UUID task = id();
			// work more than a day late has been escalated to the supervisor already, as the escalation sweep does
			Instant escalated = due.isBefore(now.minus(1, ChronoUnit.DAYS)) ? due.plus(1, ChronoUnit.DAYS) : null;
			t("task").row(task, patient, caseId, type, TITLES.get(type), queue ? null : manager.id(), queue ? manager.team() : null,
					status, r.nextDouble() < 0.08 ? "URGENT" : "ROUTINE", due, null, null, null, "cadence", escalated, created,
					"system", null, null);
			t("task_step").row(task, "STATUS", null, "READY", null, created, "system");
			if (!status.equals("READY")) t("task_step").row(task, "STATUS", "READY", status, null, created, manager.username());
		}
	}

	private static final String[] REACHED = { "Patient doing well; taking medications as prescribed.",
			"Reviewed symptoms and the care plan; no new concerns.", "Patient reports missed doses; set up a pill organizer.",
			"Discussed the upcoming specialist appointment and transport.", "Caregiver reports more falls; PT referral requested." };

	/** A year of follow-up: each cadence slot's task completed by a contact (some after a failed attempt), with notes. */
	private void history(UUID patient, NewPatient p, SplittableRandom r, UUID caseId, Staff manager, String programKey,
			LocalDate start) {
		int every = programKey.equals(COMPLEX) || programKey.equals(RECOVERY) || programKey.equals(BEHAVIOURAL) ? 14
				: programKey.equals(TRANSITIONS) ? 7 : 30;
		int slots = (int) Math.min(ChronoUnit.DAYS.between(start, s.today()) / every, 365 / every);
		for (int k = 1; k <= slots; k++) {
			LocalDate day = s.today().minusDays((long) k * every - r.nextInt(3));
			if (!day.isAfter(start)) break;
			String type = k % 6 == 0 ? "CARE_PLAN_REVIEW" : k % 9 == 0 ? "VISIT" : "OUTREACH_CALL";
			UUID task = id();
			Instant created = at(day.minusDays(every), 9, 0);
			Instant due = at(day, 12, 0);
			boolean cancelled = r.nextDouble() < 0.04;
			Instant done = at(day, 9 + r.nextInt(8), r.nextInt(60));
			t("task").row(task, patient, caseId, type, TITLES.get(type), manager.id(), null, cancelled ? "CANCELLED" : "COMPLETED",
					"ROUTINE", due, cancelled ? null : "Done", cancelled ? null : done, cancelled ? null : manager.username(),
					"cadence", null, created, "system", done, manager.username());
			t("task_step").row(task, "STATUS", null, "READY", null, created, "system");
			t("task_step").row(task, "STATUS", "READY", cancelled ? "CANCELLED" : "COMPLETED", null, done, manager.username());
			if (cancelled || type.equals("CARE_PLAN_REVIEW")) continue;
			if (r.nextDouble() < 0.2) {
				Instant attempt = done.minus(1, ChronoUnit.DAYS);
				t("contact").row(id(), patient, caseId, "PHONE", "OUTBOUND", "PATIENT", null,
						r.nextBoolean() ? "NO_ANSWER" : "LEFT_MESSAGE", attempt, 2, "No answer; will try again tomorrow.", attempt,
						manager.username());
			}
			UUID contact = id();
			boolean visit = type.equals("VISIT");
			boolean caregiver = r.nextDouble() < 0.15;
			t("contact").row(contact, patient, caseId, visit ? "HOME_VISIT" : "PHONE", "OUTBOUND", caregiver ? "CAREGIVER" : "PATIENT",
					null, "REACHED", done, visit ? 45 + r.nextInt(30) : 8 + r.nextInt(30), REACHED[r.nextInt(REACHED.length)], done,
					manager.username());
			t("contact_task").row(contact, task);
			audit(done, manager.username(), "CASE_MANAGER", "READ", "Patient", patient.toString(), patient, "chart");
			if (visit || r.nextDouble() < 0.3) {
				t("progress_note").row(id(), patient, caseId, "SOAP",
						"Patient reports feeling " + (r.nextBoolean() ? "better" : "about the same") + " since the last call.",
						"Weight stable; no shortness of breath at rest.", "Condition stable on the current plan.",
						"Continue the plan; next call as scheduled.", "Warning signs and who to call",
						r.nextDouble() < 0.8 ? "CONFIRMED" : "PARTIAL", "SIGNED", done.plus(20, ChronoUnit.MINUTES),
						manager.username(), done.plus(10, ChronoUnit.MINUTES), manager.username());
			}
		}
	}

	private void closedCase(UUID patient, SplittableRandom r, LocalDate registered, int index) {
		long span = ChronoUnit.DAYS.between(registered, s.today());
		if (span < 200) return;
		LocalDate start = registered.plusDays(r.nextInt((int) span - 180));
		LocalDate closed = start.plusDays(60 + r.nextInt(120));
		Staff manager = s.caseManagers().get((index * 7) % s.caseManagers().size());
		UUID caseId = id();
		Instant opened = at(start, 10, 0);
		Instant ended = at(closed, 15, 0);
		t("care_case").row(caseId, patient, s.programs().get(TRANSITIONS), null, manager.id(), "CLOSED", start, null, null,
				closed, r.nextBoolean() ? "Goals met" : "Patient declined further services", "Stable at home", "LOW",
				"After a hospital stay", start, "VERBAL", manager.username(), true, true, true, true, opened, manager.username());
		t("case_step").row(caseId, "STATUS", null, "ACTIVE", null, opened, manager.username());
		t("case_step").row(caseId, "STATUS", "ACTIVE", "CLOSED", "Goals met", ended, manager.username());
		t("care_relationship").row(id(), manager.id(), patient, "CASE_MANAGER", "case:" + caseId, opened, ended, opened,
				manager.username(), manager.username());
	}

	private void waitingOrDeclinedReferral(UUID patient, SplittableRandom r, String programKey, int index) {
		double x = r.nextDouble();
		if (x >= 0.03) return;
		UUID referral = id();
		Staff intake = s.intake().get(index % s.intake().size());
		String status = x < 0.006 ? "RECEIVED" : x < 0.008 ? "SCREENING" : x < 0.026 ? "DECLINED" : "WITHDRAWN";
		boolean open = status.equals("RECEIVED") || status.equals("SCREENING");
		Instant received = open ? Instant.now().minus(3 + r.nextInt(240), ChronoUnit.HOURS)
				: at(s.today().minusDays(30 + r.nextInt(700)), 10, 0);
		boolean claimed = !status.equals("RECEIVED");
		Instant decided = open ? null : received.plus(2, ChronoUnit.DAYS);
		t("referral").row(referral, patient, s.programs().get(programKey), REFERRAL_SOURCES[index % REFERRAL_SOURCES.length],
				REFERRERS[index % REFERRERS.length], REASONS[index % REASONS.length],
				index % 13 == 0 ? "URGENT" : index % 97 == 0 ? "EMERGENT" : "ROUTINE", status, received,
				claimed ? intake.id() : null, claimed ? received.plus(1, ChronoUnit.HOURS) : null,
				open ? null : status.equals("DECLINED") ? "Does not meet the program's criteria" : "Patient moved out of the area",
				decided, open ? null : intake.username(), null, received, "referral-feed");
		t("referral_step").row(referral, null, "RECEIVED", null, received, "referral-feed");
		if (!status.equals("RECEIVED")) {
			t("referral_step").row(referral, "RECEIVED", status, null, decided != null ? decided : received.plus(1, ChronoUnit.HOURS),
					intake.username());
		}
	}

	/** ED visits and admissions over two years; a recent discharge of an enrolled patient opens its 30-day period. */
	private void encounters(UUID patient, NewPatient p, SplittableRandom r, LocalDate registered, UUID openCase, Staff manager,
			int index) {
		double chance = Math.min(0.6, 0.12 + 0.05 * p.conditions().size());
		if (r.nextDouble() >= chance) return;
		String mrnAssigner = p.identifiers().stream().filter(i -> i.type() == IdentifierType.MR).findFirst()
			.map(PatientIdentifier::assigner).orElse("Riverside General Hospital");
		String facility = mrnAssigner.startsWith("Riverside") ? "RIVERSIDE GENERAL" : "ST BRIGID";
		List<String> diagnoses = p.conditions().stream().limit(2).map(CodedCondition::code).toList();
		int count = 1 + r.nextInt(3);
		for (int k = 0; k < count; k++) {
			boolean inpatient = r.nextDouble() < 0.4;
			boolean recent = openCase != null && k == 0 && r.nextDouble() < 0.15;
			LocalDate day = recent ? s.today().minusDays(1 + r.nextInt(25)) : s.today().minusDays(30 + r.nextInt(700));
			Instant discharged = at(day, 11 + r.nextInt(6), r.nextInt(60));
			Instant admitted = inpatient ? discharged.minus(2 + r.nextInt(7), ChronoUnit.DAYS).minus(r.nextInt(600), ChronoUnit.MINUTES)
					: discharged.minus(3 + r.nextInt(8), ChronoUnit.HOURS);
			Integer lace = inpatient ? 4 + r.nextInt(13) : null;
			UUID encounter = id();
			t("encounter").row(encounter, patient, facility, "V" + index + "-" + k, inpatient ? "I" : "E",
					inpatient ? (r.nextBoolean() ? "4W" : "6E") : "ED", inpatient ? (r.nextBoolean() ? "E" : "U") : "E", "01",
					admitted, discharged, "FINISHED", lace, lace == null ? null : "L+A+C+E = " + lace, diagnoses, admitted, "ADT");
			if (recent) {
				boolean high = lace != null && lace >= 10;
				t("care_transition").row(id(), encounter, patient, openCase, discharged, discharged.plus(2, ChronoUnit.DAYS),
						discharged.plus(high ? 7 : 14, ChronoUnit.DAYS), discharged.plus(30, ChronoUnit.DAYS), high, "OPEN", discharged);
				audit(discharged.plus(1, ChronoUnit.HOURS), manager.username(), "CASE_MANAGER", "READ", "Encounter",
						encounter.toString(), patient, null);
			}
		}
	}

	private void audit(Instant at, String actor, String roles, String action, String type, String resource, UUID patient,
			String detail) {
		t("audit_event").row(at, actor, roles, action, type, resource, patient, "SUCCESS", "population", detail);
	}

	private static final String[] REFERRAL_SOURCES = { "PROVIDER", "HOSPITAL", "PAYER", "FAMILY", "SELF", "OUTREACH" };
	private static final String[] REFERRERS = { "Riverside Primary Care", "Riverside General Hospital discharge planning",
			"Lakeshore Health Plan care management", "Daughter, by phone", "Patient (self)", "High-risk outreach list" };
	private static final String[] REASONS = {
			"Frequent ED visits for heart failure exacerbations; lives alone and struggles with medications.",
			"Newly diagnosed type 2 diabetes; asks for help with diet and glucose monitoring.",
			"Family worried about memory problems and missed appointments.",
			"High readmission risk after pneumonia; LACE 12.",
			"Discharged after a COPD exacerbation; needs follow-up within 2 business days.",
			"Food insecurity and unstable housing reported at screening." };
}
