package org.caremap.utilization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.caremap.support.Today;
import org.caremap.caseload.Cases;
import org.caremap.identity.UserAccounts;
import org.caremap.organization.Organizations;
import org.caremap.patient.PatientRegistry;
import org.caremap.program.Programs;
import org.caremap.shared.DomainException;
import org.caremap.support.Actors;
import org.caremap.support.IntegrationTest;
import org.caremap.utilization.internal.UtilizationSweep;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UserDetailsService;

/**
 * Every status of a prior authorization request and every action people take on it, against a transition table
 * written here; the module's own table agrees with it (including the moves only clocks and appeals make: expire,
 * overturn); the clock's expiry moves an approval whose period ended; two people recording a decision at once cannot
 * both succeed.
 */
class AuthorizationStateMachineIT extends IntegrationTest {

	enum Action { SUBMIT, PEND, SEND_INFORMATION, APPROVE, PARTIALLY_APPROVE, DENY, WITHDRAW }

	/** status -> action -> resulting status; absent = refused. */
	static final Map<String, Map<Action, String>> TABLE = new LinkedHashMap<>();

	static {
		TABLE.put("DRAFT", Map.of(Action.SUBMIT, "SUBMITTED", Action.WITHDRAW, "WITHDRAWN"));
		TABLE.put("SUBMITTED", Map.of(Action.PEND, "PENDED", Action.APPROVE, "APPROVED", Action.PARTIALLY_APPROVE,
				"PARTIALLY_APPROVED", Action.DENY, "DENIED", Action.WITHDRAW, "WITHDRAWN"));
		TABLE.put("PENDED", Map.of(Action.SEND_INFORMATION, "SUBMITTED", Action.APPROVE, "APPROVED", Action.PARTIALLY_APPROVE,
				"PARTIALLY_APPROVED", Action.DENY, "DENIED", Action.WITHDRAW, "WITHDRAWN"));
		TABLE.put("APPROVED", Map.of());
		TABLE.put("PARTIALLY_APPROVED", Map.of());
		TABLE.put("DENIED", Map.of());
		TABLE.put("WITHDRAWN", Map.of());
		TABLE.put("EXPIRED", Map.of());
	}

	/** The moves no person makes directly: the clock's expiry and an appeal's overturn. */
	static final Map<String, Map<String, String>> SYSTEM_MOVES = Map.of(
			"EXPIRE", Map.of("APPROVED", "EXPIRED", "PARTIALLY_APPROVED", "EXPIRED"),
			"OVERTURN", Map.of("DENIED", "APPROVED", "PARTIALLY_APPROVED", "APPROVED"),
			"PARTIALLY_OVERTURN", Map.of("DENIED", "PARTIALLY_APPROVED"));

	@Autowired Authorizations authorizations;
	@Autowired UtilizationSweep.Sweep sweep;
	@Autowired PatientRegistry patients;
	@Autowired Organizations organizations;
	@Autowired Programs programs;
	@Autowired Cases cases;
	@Autowired UserAccounts accounts;
	@Autowired UserDetailsService users;
	@Autowired MessageSource messages;
	@Autowired JdbcClient jdbc;

	Actors actors;
	UtilizationFixtures.Covered covered;

	@BeforeEach
	void setUp() {
		actors = new Actors(users);
		covered = UtilizationFixtures.coveredPatient(actors, patients, organizations, programs, cases, accounts, "Statewalk",
				"Statewalk Health Plan");
	}

	@Test
	void everyStatusAndActionFollowsTheTable() {
		int checked = 0;
		for (var row : TABLE.entrySet()) {
			for (Action action : Action.values()) {
				UUID id = reach(row.getKey());
				String expected = row.getValue().get(action);
				String cell = row.getKey() + " --" + action + "--> " + (expected == null ? "refused" : expected);
				int versionBefore = version(id);
				long auditBefore = audited(id);
				try {
					actors.run("casemanager", () -> perform(action, id));
					if (expected == null) fail("allowed but the table refuses it: " + cell);
					assertThat(version(id)).as("changed once for " + cell).isEqualTo(versionBefore + 1);
					assertThat(audited(id)).as("audited for " + cell).isGreaterThan(auditBefore);
				}
				catch (DomainException ex) {
					if (expected != null) fail("refused but the table allows it: " + cell + " (" + ex.getMessage() + ")");
					assertThat(ex.code()).as(cell).isEqualTo("authorization.illegal-transition");
					String text = messages.getMessage("error." + ex.code(), ex.arguments(), Locale.ENGLISH);
					assertThat(text).as(cell).startsWith("This request is ").doesNotContain("{");
					assertThat(version(id)).as("nothing written for " + cell).isEqualTo(versionBefore);
				}
				assertThat(status(id)).as(cell).isEqualTo(expected == null ? row.getKey() : expected);
				checked++;
			}
		}
		assertThat(checked).isEqualTo(TABLE.size() * Action.values().length);
		// the module's own table agrees with the one written here, for every action it knows
		for (AuthorizationStatus.Action a : AuthorizationStatus.Action.values()) {
			for (AuthorizationStatus s : AuthorizationStatus.values()) {
				String expected = SYSTEM_MOVES.containsKey(a.name()) ? SYSTEM_MOVES.get(a.name()).get(s.name())
						: TABLE.get(s.name()).get(Action.valueOf(a.name()));
				assertThat(a.allowedFrom(s) ? a.to().name() : null).as(s + " " + a).isEqualTo(expected);
			}
		}
	}

	@Test
	void theDecisionClockFollowsThePayersRuleAndTheUrgency() {
		Instant sent = Instant.now().minus(Duration.ofHours(1));
		UUID standard = actors.as("casemanager", () -> authorizations.draft(UtilizationFixtures.request(covered, Urgency.STANDARD, false)));
		UUID expedited = actors.as("casemanager", () -> authorizations.draft(UtilizationFixtures.request(covered, Urgency.EXPEDITED, false)));
		actors.run("casemanager", () -> {
			authorizations.submit(standard, sent);
			authorizations.submit(expedited, sent);
		});
		// no rule for this payer: the rule for any other payer (7 calendar days, 72 hours)
		assertThat(actors.as("casemanager", () -> authorizations.find(standard).orElseThrow().decisionDueAt()))
			.isCloseTo(sent.plus(Duration.ofDays(7)), org.assertj.core.api.Assertions.within(1, java.time.temporal.ChronoUnit.MILLIS));
		assertThat(actors.as("casemanager", () -> authorizations.find(expedited).orElseThrow().decisionDueAt()))
			.isCloseTo(sent.plus(Duration.ofHours(72)), org.assertj.core.api.Assertions.within(1, java.time.temporal.ChronoUnit.MILLIS));
	}

	@Test
	void anApprovalWhosePeriodEndedExpiresOnTheClock() {
		UUID id = reach("APPROVED");
		sweep.run(Instant.now());
		assertThat(status(id)).as("the period has not ended").isEqualTo("APPROVED");
		jdbc.sql("update authorization_line set approved_to = ?, approved_from = ? where authorization_id = ?")
			.params(Today.date().minusDays(1), Today.date().minusDays(30), id).update();
		sweep.run(Instant.now());
		assertThat(status(id)).isEqualTo("EXPIRED");
	}

	@Test
	void twoPeopleRecordingTheDecisionAtOnceCannotBothSucceed() throws Exception {
		UUID id = reach("SUBMITTED");
		AuthorizationView a = actors.as("casemanager", () -> authorizations.find(id).orElseThrow());
		CountDownLatch start = new CountDownLatch(1);
		ExecutorService pool = Executors.newFixedThreadPool(2);
		try {
			Callable<Boolean> approve = () -> {
				start.await();
				try {
					actors.run("casemanager", () -> authorizations.decide(id, UtilizationFixtures.decision(a, Instant.now(),
							Today.date(), Today.date().plusDays(30))));
					return true;
				}
				catch (DomainException ex) {
					return false;
				}
			};
			Callable<Boolean> deny = () -> {
				start.await();
				try {
					actors.run("supervisor", () -> authorizations.decide(id, UtilizationFixtures.decision(a, Instant.now(),
							Today.date(), Today.date().plusDays(30), 0, 0)));
					return true;
				}
				catch (DomainException ex) {
					return false;
				}
			};
			Future<Boolean> one = pool.submit(approve);
			Future<Boolean> two = pool.submit(deny);
			start.countDown();
			assertThat(java.util.List.of(one.get(), two.get())).containsExactlyInAnyOrder(true, false);
		}
		finally {
			pool.shutdownNow();
		}
		assertThat(status(id)).isIn("APPROVED", "DENIED");
	}

	/** A fresh request in the given status, reached by the way people reach it. */
	UUID reach(String status) {
		return actors.as("casemanager", () -> {
			UUID id = authorizations.draft(UtilizationFixtures.request(covered, Urgency.STANDARD, true));
			if (status.equals("DRAFT")) return id;
			if (status.equals("WITHDRAWN")) {
				authorizations.withdraw(id, "not needed");
				return id;
			}
			authorizations.submit(id, Instant.now().minus(Duration.ofHours(2)));
			if (status.equals("SUBMITTED")) return id;
			if (status.equals("PENDED")) {
				authorizations.pend(id, "therapy notes");
				return id;
			}
			AuthorizationView a = authorizations.find(id).orElseThrow();
			LocalDate today = Today.date();
			switch (status) {
				case "APPROVED" -> authorizations.decide(id, UtilizationFixtures.decision(a, Instant.now(), today.minusDays(5), today.plusDays(60)));
				case "PARTIALLY_APPROVED" -> authorizations.decide(id, UtilizationFixtures.decision(a, Instant.now(), today.minusDays(5), today.plusDays(60), 6));
				case "DENIED" -> authorizations.decide(id, UtilizationFixtures.decision(a, Instant.now(), today, today, 0, 0));
				case "EXPIRED" -> {
					authorizations.decide(id, UtilizationFixtures.decision(a, Instant.now(), today.minusDays(40), today.minusDays(1)));
					sweep.run(Instant.now());
				}
				default -> throw new IllegalArgumentException(status);
			}
			return id;
		});
	}

	void perform(Action action, UUID id) {
		AuthorizationView a = authorizations.find(id).orElseThrow();
		LocalDate today = Today.date();
		switch (action) {
			case SUBMIT -> authorizations.submit(id, Instant.now());
			case PEND -> authorizations.pend(id, "the care plan");
			case SEND_INFORMATION -> authorizations.informationSent(id, "faxed");
			case APPROVE -> authorizations.decide(id, UtilizationFixtures.decision(a, Instant.now(), today, today.plusDays(30)));
			case PARTIALLY_APPROVE -> authorizations.decide(id, UtilizationFixtures.decision(a, Instant.now(), today, today.plusDays(30), 4));
			case DENY -> authorizations.decide(id, UtilizationFixtures.decision(a, Instant.now(), today, today, 0, 0));
			case WITHDRAW -> authorizations.withdraw(id, "walk");
		}
	}

	String status(UUID id) {
		return jdbc.sql("select status from authorization_request where id = ?").param(id).query(String.class).single();
	}

	int version(UUID id) {
		return jdbc.sql("select version from authorization_request where id = ?").param(id).query(Integer.class).single();
	}

	long audited(UUID id) {
		return jdbc.sql("select count(*) from audit_event where resource_type = 'Claim' and resource_id = ? and action = 'UPDATE'")
			.param(id.toString()).query(Long.class).single();
	}
}
