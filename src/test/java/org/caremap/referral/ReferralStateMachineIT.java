package org.caremap.referral;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.caremap.support.Today;
import org.caremap.caseload.Acuity;
import org.caremap.caseload.Cases;
import org.caremap.caseload.Consent;
import org.caremap.caseload.ConsentMethod;
import org.caremap.caseload.Enrolment;
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

/**
 * Every referral state and every action, against this table (written here, not read from the production enum):
 * each allowed move lands where the table says, each other one is refused with a message in plain words, and
 * nothing is left half-written.
 */
class ReferralStateMachineIT extends IntegrationTest {

	enum Action { CLAIM, RELEASE, ACCEPT, DECLINE, WITHDRAW, REOPEN }

	/** state -> action -> resulting state; absent = refused. */
	static final Map<String, Map<Action, String>> TABLE = new LinkedHashMap<>();

	static {
		TABLE.put("RECEIVED", Map.of(Action.CLAIM, "SCREENING", Action.WITHDRAW, "WITHDRAWN"));
		TABLE.put("SCREENING", Map.of(Action.RELEASE, "RECEIVED", Action.ACCEPT, "ACCEPTED", Action.DECLINE, "DECLINED",
				Action.WITHDRAW, "WITHDRAWN"));
		TABLE.put("ACCEPTED", Map.of());
		TABLE.put("DECLINED", Map.of(Action.REOPEN, "RECEIVED"));
		TABLE.put("WITHDRAWN", Map.of(Action.REOPEN, "RECEIVED"));
	}

	@Autowired Referrals referrals;
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
		program = programs.active().stream().filter(p -> p.name().equals("Chronic care management")).findFirst().orElseThrow();
	}

	@Test
	void everyStateAndActionFollowsTheTable() {
		int checked = 0;
		for (var row : TABLE.entrySet()) {
			for (Action action : Action.values()) {
				PatientId patient = Actors.newPatient(patients, organizations.primary().orElseThrow().id(), "Walk");
				ReferralId id = reach(row.getKey(), patient);
				String expected = row.getValue().get(action);
				String cell = row.getKey() + " --" + action + "--> " + (expected == null ? "refused" : expected);
				try {
					perform(action, id, patient);
					if (expected == null) fail("allowed but the table refuses it: " + cell);
				}
				catch (DomainException ex) {
					if (expected != null) fail("refused but the table allows it: " + cell + " (" + ex.getMessage() + ")");
					String text = messages.getMessage("error." + ex.code(), ex.arguments(), Locale.ENGLISH);
					assertThat(text).as(cell).isNotBlank().doesNotContain("{").doesNotContain("error.");
					assertThat(ex.code()).as(cell).isIn("referral.illegal-transition", "referral.already-claimed");
				}
				String now = status(id);
				assertThat(now).as(cell).isEqualTo(expected == null ? row.getKey() : expected);
				long openCases = jdbc.sql("select count(*) from care_case where patient_id = ?").param(patient.value())
					.query(Long.class).single();
				assertThat(openCases).as("cases after " + cell).isEqualTo("ACCEPTED".equals(now) ? 1 : 0);
				checked++;
			}
		}
		assertThat(checked).isEqualTo(TABLE.size() * Action.values().length);
	}

	@Test
	void declineWithdrawAndReopenNeedAReason() {
		PatientId patient = Actors.newPatient(patients, organizations.primary().orElseThrow().id(), "Reason");
		ReferralId id = reach("SCREENING", patient);
		actors.run("intake", () -> {
			assertRefusedWith("referral.reason-required", () -> referrals.decline(id, " "));
			assertRefusedWith("referral.reason-required", () -> referrals.withdraw(id, ""));
		});
		assertThat(status(id)).isEqualTo("SCREENING");
	}

	private static void assertRefusedWith(String code, Runnable action) {
		try {
			action.run();
			fail("expected refusal " + code);
		}
		catch (DomainException ex) {
			assertThat(ex.code()).isEqualTo(code);
		}
	}

	private String status(ReferralId id) {
		return jdbc.sql("select status from referral where id = ?").param(id.value()).query(String.class).single();
	}

	private ReferralId reach(String state, PatientId patient) {
		ReferralId id = actors.as("intake", () -> referrals.receive(new NewReferral(patient, program.id(),
				ReferralSource.PROVIDER, "Dr. Test", null, "test referral", Urgency.ROUTINE)));
		switch (state) {
			case "RECEIVED" -> { }
			case "SCREENING" -> perform(Action.CLAIM, id, patient);
			case "ACCEPTED" -> { perform(Action.CLAIM, id, patient); perform(Action.ACCEPT, id, patient); }
			case "DECLINED" -> { perform(Action.CLAIM, id, patient); perform(Action.DECLINE, id, patient); }
			case "WITHDRAWN" -> perform(Action.WITHDRAW, id, patient);
			default -> throw new IllegalArgumentException(state);
		}
		assertThat(status(id)).isEqualTo(state);
		return id;
	}

	private void perform(Action action, ReferralId id, PatientId patient) {
		actors.run("intake", () -> {
			switch (action) {
				case CLAIM -> referrals.claim(id);
				case RELEASE -> referrals.release(id, "back to the queue");
				case ACCEPT -> cases.enrol(new Enrolment(patient, program.id(), id,
						accounts.findByUsername("casemanager").orElseThrow().id(), Today.date(),
						new Consent(Today.date(), ConsentMethod.VERBAL, "Rosa Delgado", true, true, true, true),
						Acuity.MODERATE, "two chronic conditions"));
				case DECLINE -> referrals.decline(id, "not eligible");
				case WITHDRAW -> referrals.withdraw(id, "patient moved away");
				case REOPEN -> referrals.reopen(id, "patient asked again");
			}
		});
	}
}
