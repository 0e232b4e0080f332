package org.caremap.caseload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.caremap.support.Today;
import org.caremap.identity.UserAccounts;
import org.caremap.organization.Organizations;
import org.caremap.patient.PatientRegistry;
import org.caremap.program.ProgramView;
import org.caremap.program.Programs;
import org.caremap.shared.DomainException;
import org.caremap.shared.PatientId;
import org.caremap.support.Actors;
import org.caremap.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UserDetailsService;

/** Every case state and every action, against a transition table written here. */
class CaseStateMachineIT extends IntegrationTest {

	enum Action { HOLD, RESUME, CLOSE, CHANGE_ACUITY, REASSIGN }

	/** state -> action -> resulting state; absent = refused. */
	static final Map<String, Map<Action, String>> TABLE = new LinkedHashMap<>();

	static {
		TABLE.put("ACTIVE", Map.of(Action.HOLD, "ON_HOLD", Action.CLOSE, "CLOSED", Action.CHANGE_ACUITY, "ACTIVE",
				Action.REASSIGN, "ACTIVE"));
		TABLE.put("ON_HOLD", Map.of(Action.RESUME, "ACTIVE", Action.CLOSE, "CLOSED", Action.CHANGE_ACUITY, "ON_HOLD",
				Action.REASSIGN, "ON_HOLD"));
		TABLE.put("CLOSED", Map.of());
	}

	@Autowired Cases cases;
	@Autowired PatientRegistry patients;
	@Autowired Programs programs;
	@Autowired Organizations organizations;
	@Autowired UserAccounts accounts;
	@Autowired UserDetailsService users;
	@Autowired MessageSource messages;
	@Autowired JdbcClient jdbc;

	Actors actors;
	ProgramView program;

	@BeforeEach
	void setUp() {
		actors = new Actors(users);
		program = programs.active().stream().filter(p -> p.name().equals("Complex care")).findFirst().orElseThrow();
	}

	@Test
	void everyStateAndActionFollowsTheTable() {
		int checked = 0;
		for (var row : TABLE.entrySet()) {
			for (Action action : Action.values()) {
				CaseId id = reach(row.getKey());
				String expected = row.getValue().get(action);
				String cell = row.getKey() + " --" + action + "--> " + (expected == null ? "refused" : expected);
				long stepsBefore = steps(id);
				try {
					actors.run("supervisor", () -> perform(action, id));
					if (expected == null) fail("allowed but the table refuses it: " + cell);
					assertThat(steps(id)).as("history kept for " + cell).isGreaterThan(stepsBefore);
				}
				catch (DomainException ex) {
					if (expected != null) fail("refused but the table allows it: " + cell + " (" + ex.getMessage() + ")");
					assertThat(ex.code()).as(cell).isEqualTo("case.illegal-transition");
					String text = messages.getMessage("error." + ex.code(), ex.arguments(), Locale.ENGLISH);
					assertThat(text).as(cell).startsWith("This case is ").doesNotContain("{");
					assertThat(steps(id)).as("nothing written for " + cell).isEqualTo(stepsBefore);
				}
				assertThat(status(id)).as(cell).isEqualTo(expected == null ? row.getKey() : expected);
				checked++;
			}
		}
		assertThat(checked).isEqualTo(TABLE.size() * Action.values().length);
	}

	@Test
	void reassignmentMovesTheRecordAndTellsBothCaseManagers() {
		CaseId id = reach("ACTIVE");
		var dana = accounts.findByUsername("casemanager").orElseThrow();
		var marcus = accounts.findByUsername("casemanager2").orElseThrow();
		PatientId patient = actors.as("supervisor", () -> cases.find(id).orElseThrow().patient());
		java.time.OffsetDateTime since = jdbc.sql("select now()").query(java.time.OffsetDateTime.class).single();
		actors.run("supervisor", () -> assertThat(cases.reassign(List.of(id), marcus.id(), "balancing caseloads")).isEqualTo(1));
		// both hear of it once the reassignment has committed (the notification module listens to it)
		org.caremap.support.Eventually.until("both case managers told", () -> jdbc.sql("""
				select count(distinct recipient_id) from notification
				where created_at >= ? and ((recipient_id = ? and category = 'case-assigned' and title = 'One case was assigned to you')
				   or (recipient_id = ? and category = 'case-reassigned' and title like 'One case was reassigned to %'))""")
			.params(since, marcus.id().value(), dana.id().value()).query(Long.class).single() == 2);
		// the record follows the case: the new case manager opens it, the previous one no longer can
		actors.run("casemanager2", () -> assertThat(patients.find(patient)).isPresent());
		actors.run("casemanager", () -> {
			try {
				patients.find(patient);
				fail("the previous case manager still opens the record");
			}
			catch (org.springframework.security.access.AccessDeniedException expected) {
				// refused, as it should be
			}
		});
	}

	private long steps(CaseId id) {
		return jdbc.sql("select count(*) from case_step where case_id = ?").param(id.value()).query(Long.class).single();
	}

	private String status(CaseId id) {
		return jdbc.sql("select status from care_case where id = ?").param(id.value()).query(String.class).single();
	}

	private CaseId reach(String state) {
		PatientId patient = Actors.newPatient(patients, organizations.primary().orElseThrow().id(), "Case");
		CaseId id = actors.as("supervisor", () -> cases.enrol(new Enrolment(patient, program.id(), null,
				accounts.findByUsername("casemanager").orElseThrow().id(), Today.date(),
				new Consent(Today.date(), ConsentMethod.WRITTEN, "Priya Raman", true, true, true, true), Acuity.HIGH,
				"four chronic conditions")));
		switch (state) {
			case "ACTIVE" -> { }
			case "ON_HOLD" -> actors.run("supervisor", () -> perform(Action.HOLD, id));
			case "CLOSED" -> actors.run("supervisor", () -> perform(Action.CLOSE, id));
			default -> throw new IllegalArgumentException(state);
		}
		assertThat(status(id)).isEqualTo(state);
		if (state.equals("CLOSED")) {
			// the closing day is the organisation's today, whatever the database's own zone says
			assertThat(jdbc.sql("select closed_on from care_case where id = ?").param(id.value()).query(LocalDate.class).single())
				.isEqualTo(LocalDate.now(organizations.primary().orElseThrow().zone()));
		}
		return id;
	}

	private void perform(Action action, CaseId id) {
		switch (action) {
			case HOLD -> cases.hold(id, "patient in hospital", Today.date().plusDays(14));
			case RESUME -> cases.resume(id, "patient home again");
			case CLOSE -> cases.close(id, "goals met", "independent with medications");
			case CHANGE_ACUITY -> cases.changeAcuity(id, Acuity.LOW, "stable for three months");
			case REASSIGN -> cases.reassign(List.of(id), accounts.findByUsername("casemanager2").orElseThrow().id(),
					"caseload balance");
		}
	}
}
