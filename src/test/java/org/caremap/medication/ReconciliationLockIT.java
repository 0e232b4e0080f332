package org.caremap.medication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

import org.caremap.organization.Organizations;
import org.caremap.patient.PatientRegistry;
import org.caremap.shared.DomainException;
import org.caremap.shared.PatientId;
import org.caremap.shared.SystemActor;
import org.caremap.support.Actors;
import org.caremap.support.Eventually;
import org.caremap.support.IntegrationTest;
import org.caremap.task.NewTask;
import org.caremap.task.TaskId;
import org.caremap.task.TaskPriority;
import org.caremap.task.TaskType;
import org.caremap.task.Tasks;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Medication reconciliation: every state and action against a transition table written here; the database itself
 * refuses to change or delete a signed reconciliation or its lines; discrepancies are found; signing makes the result
 * the current list (history kept) and completes the patient's on-demand reconciliation task.
 */
class ReconciliationLockIT extends IntegrationTest {

	enum Action { ADD_LINE, DECIDE, SIGN, CANCEL }

	/** state -> action -> resulting state; absent = refused. */
	static final Map<String, Map<Action, String>> TABLE = new LinkedHashMap<>();

	static {
		TABLE.put("DRAFT", Map.of(Action.ADD_LINE, "DRAFT", Action.DECIDE, "DRAFT", Action.SIGN, "SIGNED", Action.CANCEL,
				"CANCELLED"));
		TABLE.put("SIGNED", Map.of());
		TABLE.put("CANCELLED", Map.of());
	}

	@Autowired Reconciliations reconciliations;
	@Autowired MedicationList list;
	@Autowired PatientRegistry registry;
	@Autowired Organizations organizations;
	@Autowired MessageSource messages;
	@Autowired JdbcClient jdbc;
	@Autowired Tasks tasks;
	@Autowired Medications medications;

	static <T> T system(Supplier<T> work) {
		return SystemActor.call("reconciliation-test", List.of("SYSTEM"), work);
	}

	static void system(Runnable work) {
		SystemActor.run("reconciliation-test", List.of("SYSTEM"), work);
	}

	private PatientId patientWithList() {
		PatientId patient = Actors.newPatient(registry, organizations.primary().orElseThrow().id(), "Recon");
		system(() -> {
			list.add(patient, new MedicationEntry("314076", "Lisinopril 10 MG Oral Tablet", "1 tablet", "by mouth", "once daily",
					"Dr. Park", MedicationSource.EHR), "from the EHR");
			list.add(patient, new MedicationEntry(null, "Atorvastatin 20 mg", "1 tablet", "by mouth", "at bedtime", null,
					MedicationSource.PATIENT_REPORTED), "patient told us");
		});
		return patient;
	}

	private String status(UUID rec) {
		return jdbc.sql("select status from medication_reconciliation where id = ?").param(rec).query(String.class).single();
	}

	private long lines(UUID rec) {
		return jdbc.sql("select count(*) from medication_reconciliation_line where reconciliation_id = ?").param(rec)
			.query(Long.class).single();
	}

	/** A reconciliation in the state, every line decided. */
	private UUID reach(String state) {
		PatientId patient = patientWithList();
		UUID rec = system(() -> reconciliations.start(patient, null, "state machine"));
		system(() -> decideAll(rec));
		switch (state) {
			case "DRAFT" -> { }
			case "SIGNED" -> system(() -> reconciliations.sign(rec));
			case "CANCELLED" -> system(() -> reconciliations.cancel(rec, "started twice"));
			default -> throw new IllegalArgumentException(state);
		}
		assertThat(status(rec)).isEqualTo(state);
		return rec;
	}

	private void decideAll(UUID rec) {
		for (ReconciliationLine l : reconciliations.find(rec).orElseThrow().lines()) {
			if (!l.decided()) reconciliations.decide(rec, l.id(), Decision.CONTINUE, "still taken", null);
		}
	}

	private void perform(Action action, UUID rec) {
		switch (action) {
			case ADD_LINE -> reconciliations.add(rec, Reconciliations.Column.PATIENT, new MedicationEntry(null, "Vitamin D 1000 IU",
					"1 capsule", "by mouth", "daily", null, MedicationSource.PATIENT_REPORTED));
			case DECIDE -> {
				ReconciliationLine first = reconciliations.find(rec).orElseThrow().lines().get(0);
				reconciliations.decide(rec, first.id(), Decision.UNCLEAR, "asking the prescriber", null);
			}
			case SIGN -> reconciliations.sign(rec);
			case CANCEL -> reconciliations.cancel(rec, "not needed");
		}
	}

	@Test
	void everyStateAndActionFollowsTheTable() {
		int checked = 0;
		for (var row : TABLE.entrySet()) {
			for (Action action : Action.values()) {
				UUID rec = reach(row.getKey());
				String expected = row.getValue().get(action);
				String cell = row.getKey() + " --" + action + "--> " + (expected == null ? "refused" : expected);
				long linesBefore = lines(rec);
				try {
					system(() -> perform(action, rec));
					if (expected == null) fail("allowed but the table refuses it: " + cell);
				}
				catch (DomainException ex) {
					if (expected != null) fail("refused but the table allows it: " + cell + " (" + ex.getMessage() + ")");
					assertThat(ex.code()).as(cell).isEqualTo("reconciliation.illegal-transition");
					String text = messages.getMessage("error." + ex.code(), ex.arguments(), Locale.ENGLISH);
					assertThat(text).as(cell).startsWith("This reconciliation is ").doesNotContain("{");
					assertThat(lines(rec)).as("nothing written for " + cell).isEqualTo(linesBefore);
				}
				assertThat(status(rec)).as(cell).isEqualTo(expected == null ? row.getKey() : expected);
				checked++;
			}
		}
		assertThat(checked).isEqualTo(TABLE.size() * Action.values().length);
		// the database's own table holds the same moves
		assertThat(jdbc.sql("select action || ':' || from_status || '>' || to_status from medication_reconciliation_transition")
			.query(String.class).list()).containsExactlyInAnyOrder("sign:DRAFT>SIGNED", "cancel:DRAFT>CANCELLED");
	}

	@Test
	void aDraftWithAnUndecidedLineCannotBeSigned() {
		PatientId patient = patientWithList();
		// tied to a stay, the stay must be one of the patient's
		assertThatThrownBy(() -> system(() -> reconciliations.start(patient, UUID.randomUUID(), null)))
			.isInstanceOf(DomainException.class).extracting(ex -> ((DomainException) ex).code()).isEqualTo("reconciliation.encounter");
		UUID rec = system(() -> reconciliations.start(patient, null, null));
		assertThatThrownBy(() -> system(() -> reconciliations.sign(rec))).isInstanceOf(DomainException.class)
			.extracting(ex -> ((DomainException) ex).code()).isEqualTo("reconciliation.undecided");
		assertThat(status(rec)).isEqualTo("DRAFT");
		// and the database refuses the move too, whatever the code says
		int moved = jdbc.sql("""
				update medication_reconciliation r set status = t.to_status, signed_at = now(), signed_by = 'x'
				from medication_reconciliation_transition t
				where r.id = ? and t.action = 'sign' and t.from_status = r.status
				  and not exists (select 1 from medication_reconciliation_line l where l.reconciliation_id = r.id and l.decision is null)""")
			.param(rec).update();
		assertThat(moved).isZero();
	}

	@Test
	void theDatabaseRefusesToChangeASignedReconciliationOrItsLines() {
		UUID rec = reach("SIGNED");
		UUID line = jdbc.sql("select id from medication_reconciliation_line where reconciliation_id = ? limit 1").param(rec)
			.query(UUID.class).single();
		List<Runnable> attempts = List.of(
				() -> jdbc.sql("update medication_reconciliation set note = 'edited' where id = ?").param(rec).update(),
				() -> jdbc.sql("update medication_reconciliation set status = 'DRAFT', signed_at = null, signed_by = null where id = ?")
					.param(rec).update(),
				() -> jdbc.sql("delete from medication_reconciliation_line where reconciliation_id = ?").param(rec).update(),
				() -> jdbc.sql("delete from medication_reconciliation where id = ?").param(rec).update(),
				() -> jdbc.sql("update medication_reconciliation_line set decision = 'STOP' where id = ?").param(line).update(),
				() -> jdbc.sql("""
						insert into medication_reconciliation_line (id, reconciliation_id, position, name, in_patient)
						values (?, ?, 99, 'Smuggled in', true)""").params(UUID.randomUUID(), rec).update());
		for (Runnable attempt : attempts) {
			assertThatThrownBy(attempt::run).hasMessageFindingMatch("cannot be (changed|deleted)");
		}
		assertThat(status(rec)).isEqualTo("SIGNED");
		assertThat(jdbc.sql("select decision from medication_reconciliation_line where id = ?").param(line).query(String.class)
			.single()).isEqualTo("CONTINUE");
		// the history of the list is never rewritten either
		assertThatThrownBy(() -> jdbc.sql("update medication_list_change set reason = 'edited'").update())
			.hasMessageContaining("cannot be changed");
	}

	@Test
	void discrepanciesAreFoundAndTheSignedResultBecomesTheList() {
		PatientId patient = patientWithList();
		UUID rec = system(() -> reconciliations.start(patient, null, "after discharge"));
		system(() -> {
			// the discharge list: lisinopril at a higher dose, warfarin new; atorvastatin left off
			reconciliations.add(rec, Reconciliations.Column.DISCHARGE, new MedicationEntry("314076", "Lisinopril 10 MG Oral Tablet",
					"2 tablets", "by mouth", "once daily", "Dr. Okafor", MedicationSource.DISCHARGE_LIST));
			reconciliations.add(rec, Reconciliations.Column.DISCHARGE, new MedicationEntry("855332", "Warfarin Sodium 5 MG Oral Tablet",
					"1 tablet", "by mouth", "evening", "Dr. Okafor", MedicationSource.DISCHARGE_LIST));
			// what the patient takes: two statins at once
			reconciliations.add(rec, Reconciliations.Column.PATIENT, new MedicationEntry(null, "Atorvastatin 20 mg", "1 tablet",
					"by mouth", "at bedtime", null, MedicationSource.PATIENT_REPORTED));
			reconciliations.add(rec, Reconciliations.Column.PATIENT, new MedicationEntry(null, "Simvastatin 40 mg", "1 tablet",
					"by mouth", "at bedtime", null, MedicationSource.PATIENT_REPORTED));
		});
		// what the EHR sent comes in as a column, once
		system(() -> medications.record(new NewMedication(patient, "http://www.nlm.nih.gov/research/umls/rxnorm", "310965",
				"Ibuprofen 200 MG Oral Tablet", "active", null, null, "2 tablets when needed", null, "EHR", null)));
		assertThat(system(() -> reconciliations.addFromRecords(rec, Reconciliations.Column.PATIENT))).isEqualTo(1);
		assertThat(system(() -> reconciliations.addFromRecords(rec, Reconciliations.Column.PATIENT))).isZero();
		ReconciliationView view = system(() -> reconciliations.find(rec).orElseThrow());
		assertThat(view.lines()).filteredOn(l -> l.name().equals("Ibuprofen 200 MG Oral Tablet"))
			.singleElement().satisfies(l -> assertThat(l.patient().dose()).isEqualTo("2 tablets when needed"));
		Map<String, Set<Discrepancy>> found = new LinkedHashMap<>();
		view.lines().forEach(l -> found.put(l.name(), l.discrepancies()));
		assertThat(found.get("Lisinopril 10 MG Oral Tablet")).containsExactly(Discrepancy.DOSE_CHANGE);
		assertThat(found.get("Warfarin Sodium 5 MG Oral Tablet")).containsExactly(Discrepancy.NEW_HIGH_RISK);
		assertThat(found.get("Atorvastatin 20 mg")).containsExactlyInAnyOrder(Discrepancy.OMISSION, Discrepancy.DUPLICATION);
		assertThat(found.get("Simvastatin 40 mg")).contains(Discrepancy.DUPLICATION, Discrepancy.OMISSION);

		system(() -> {
			for (ReconciliationLine l : reconciliations.find(rec).orElseThrow().lines()) {
				switch (l.name()) {
					case "Lisinopril 10 MG Oral Tablet" -> reconciliations.decide(rec, l.id(), Decision.CHANGE, "dose raised in hospital",
							new ReconciliationLine.Column("2 tablets", "by mouth", "once daily"));
					case "Warfarin Sodium 5 MG Oral Tablet" -> reconciliations.decide(rec, l.id(), Decision.NEW, "atrial fibrillation", null);
					case "Simvastatin 40 mg", "Ibuprofen 200 MG Oral Tablet" -> reconciliations.decide(rec, l.id(), Decision.STOP,
							"duplicate statin; no NSAID with warfarin", null);
					default -> reconciliations.decide(rec, l.id(), Decision.CONTINUE, "left off the discharge list by mistake", null);
				}
			}
			reconciliations.sign(rec);
		});
		List<ListedMedication> after = system(() -> list.of(patient));
		assertThat(after.stream().filter(ListedMedication::active).map(m -> m.entry().name() + " " + m.entry().dose()))
			.containsExactlyInAnyOrder("Lisinopril 10 MG Oral Tablet 2 tablets", "Warfarin Sodium 5 MG Oral Tablet 1 tablet",
					"Atorvastatin 20 mg 1 tablet");
		List<ListChange> history = system(() -> list.history(patient));
		assertThat(history).filteredOn(c -> c.action().equals("RECONCILED")).hasSize(2)
			.allMatch(c -> rec.equals(c.reconciliation()));
		assertThat(history).filteredOn(c -> c.action().equals("ADDED")).hasSize(2);
	}

	@Test
	void signingOnDemandCompletesThePatientsOpenReconciliationTask() {
		Map<String, Object> kase = jdbc.sql("""
				select c.patient_id, c.case_manager_id, c.id from care_case c where c.status = 'ACTIVE'
				  and not exists (select 1 from care_transition t where t.patient_id = c.patient_id and t.status = 'OPEN')
				order by c.id limit 1""").query().singleRow();
		PatientId patient = new PatientId((UUID) kase.get("patient_id"));
		TaskId task = system(() -> tasks.create(new NewTask(patient, new org.caremap.caseload.CaseId((UUID) kase.get("id")),
				TaskType.MEDICATION_RECONCILIATION, "Reconcile medications", null,
				new org.caremap.shared.UserId((UUID) kase.get("case_manager_id")), null, TaskPriority.ROUTINE, null,
				Instant.now().plusSeconds(86_400), null)));
		UUID rec = system(() -> reconciliations.start(patient, null, "on demand"));
		system(() -> decideAll(rec));
		system(() -> reconciliations.sign(rec));
		Eventually.until("the reconciliation task completed by the task module", () -> "COMPLETED".equals(jdbc.sql(
				"select status from task where id = ?").param(task.value()).query(String.class).single()));
		assertThat(jdbc.sql("select outcome from task where id = ?").param(task.value()).query(String.class).single())
			.contains("Medication reconciliation signed");
	}

	@Test
	void signingDuringAnOpenTransitionMeetsItsReconciliationStep() {
		var open = jdbc.sql("""
				select t.patient_id, t.encounter_id from care_transition t
				where t.status = 'OPEN' and t.medrec_met_at is null and t.discharged_at <= now() and t.period_ends >= now()
				order by t.discharged_at desc limit 1""").query().listOfRows();
		assertThat(open).as("the demo holds a patient in an open 30-day transition").isNotEmpty();
		PatientId patient = new PatientId((UUID) open.get(0).get("patient_id"));
		UUID encounter = (UUID) open.get(0).get("encounter_id");
		UUID rec = system(() -> reconciliations.start(patient, encounter, "after the discharge"));
		system(() -> decideAll(rec));
		system(() -> reconciliations.sign(rec));
		Eventually.until("the transition's reconciliation step met by the task module", () -> jdbc.sql(
				"select medrec_met_at is not null from care_transition where encounter_id = ?").param(encounter)
			.query(Boolean.class).single());
		assertThat(jdbc.sql("select medrec_evidence from care_transition where encounter_id = ?").param(encounter)
			.query(String.class).single()).startsWith("Medication reconciliation signed by ");
		assertThat(jdbc.sql("select count(*) from task where source = ? and status = 'COMPLETED'")
			.param("transition:" + encounter + ":medrec").query(Long.class).single()).isEqualTo(1);
	}
}
