package org.caremap.utilization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.caremap.support.Today;
import org.caremap.caseload.Cases;
import org.caremap.identity.UserAccounts;
import org.caremap.organization.Organizations;
import org.caremap.patient.PatientRegistry;
import org.caremap.program.Programs;
import org.caremap.shared.DomainException;
import org.caremap.shared.SystemActor;
import org.caremap.support.Actors;
import org.caremap.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UserDetailsService;

/**
 * Every status of an appeal and every action on it, against a transition table written here; the filing deadline
 * comes from the payer's rule with its source; an overturn approves the request (and says it changed on appeal), a
 * partial overturn approves part; an upheld denial may go on to the next level, and the levels end with external review.
 */
class AppealStateMachineIT extends IntegrationTest {

	/** status -> action -> resulting status; absent = refused. */
	static final Map<String, Map<AppealStatus.Action, String>> TABLE = new LinkedHashMap<>();

	static {
		TABLE.put("DRAFT", Map.of(AppealStatus.Action.FILE, "FILED", AppealStatus.Action.WITHDRAW, "WITHDRAWN"));
		TABLE.put("FILED", Map.of(AppealStatus.Action.UPHOLD, "UPHELD", AppealStatus.Action.OVERTURN, "OVERTURNED",
				AppealStatus.Action.PARTIALLY_OVERTURN, "PARTIALLY_OVERTURNED", AppealStatus.Action.WITHDRAW, "WITHDRAWN"));
		TABLE.put("UPHELD", Map.of());
		TABLE.put("OVERTURNED", Map.of());
		TABLE.put("PARTIALLY_OVERTURNED", Map.of());
		TABLE.put("WITHDRAWN", Map.of());
	}

	@Autowired Authorizations authorizations;
	@Autowired PayerRules rules;
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
		SystemActor.run("test", List.of("ADMIN"), () -> rules.save(new PayerRule(null, "Appealwalk Advantage",
				PayerRule.PayerType.MEDICARE_ADVANTAGE, 72, 7, "CMS-0057-F", 65, "42 CFR 422.582", 80, 10)));
		covered = UtilizationFixtures.coveredPatient(actors, patients, organizations, programs, cases, accounts, "Appealwalk",
				"Appealwalk Advantage");
	}

	@Test
	void everyStatusAndActionFollowsTheTable() {
		int checked = 0;
		for (var row : TABLE.entrySet()) {
			for (AppealStatus.Action action : AppealStatus.Action.values()) {
				UUID appeal = reach(row.getKey());
				String expected = row.getValue().get(action);
				String cell = row.getKey() + " --" + action + "--> " + (expected == null ? "refused" : expected);
				try {
					actors.run("casemanager", () -> authorizations.appealAction(appeal, action, "walk",
							action == AppealStatus.Action.PARTIALLY_OVERTURN ? part(appeal) : null));
					if (expected == null) fail("allowed but the table refuses it: " + cell);
				}
				catch (DomainException ex) {
					if (expected != null) fail("refused but the table allows it: " + cell + " (" + ex.getMessage() + ")");
					assertThat(ex.code()).as(cell).isEqualTo("appeal.illegal-transition");
					assertThat(messages.getMessage("error." + ex.code(), ex.arguments(), Locale.ENGLISH)).as(cell)
						.startsWith("This appeal is ").doesNotContain("{");
				}
				assertThat(status(appeal)).as(cell).isEqualTo(expected == null ? row.getKey() : expected);
				checked++;
			}
		}
		assertThat(checked).isEqualTo(TABLE.size() * AppealStatus.Action.values().length);
		for (AppealStatus.Action a : AppealStatus.Action.values()) {
			for (AppealStatus s : AppealStatus.values()) {
				assertThat(a.allowedFrom(s) ? a.to().name() : null).as(s + " " + a).isEqualTo(TABLE.get(s.name()).get(a));
			}
		}
	}

	@Test
	void theDeadlineComesFromThePayersRuleAndAnOverturnApprovesTheRequest() {
		UUID authorization = denied();
		LocalDate notice = Today.date().minusDays(3);
		UUID appeal = actors.as("casemanager", () -> authorizations.openAppeal(authorization, notice));
		AuthorizationView a = actors.as("casemanager", () -> authorizations.find(authorization).orElseThrow());
		AuthorizationView.AppealView ap = a.appeals().get(0);
		assertThat(ap.level()).isEqualTo(AppealLevel.INTERNAL);
		assertThat(ap.filingDeadline()).isEqualTo(notice.plusDays(65));
		assertThat(ap.deadlineSource()).contains("42 CFR 422.582").contains("Appealwalk Advantage");
		assertThat(ap.letter()).contains("Appealwalk Advantage").contains("G0299").contains("denied").contains("I50.9")
			.contains("Iris Appealwalk");
		byte[] pdf = actors.as("casemanager", () -> authorizations.appealLetter(appeal));
		assertThat(new String(pdf, 0, 5, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
		// a second appeal while one is open is refused
		try {
			actors.run("casemanager", () -> authorizations.openAppeal(authorization, notice));
			fail("a second appeal was opened");
		}
		catch (DomainException ex) {
			assertThat(ex.code()).isEqualTo("appeal.not-appealable");
		}
		actors.run("casemanager", () -> {
			authorizations.appealAction(appeal, AppealStatus.Action.FILE, null, null);
			authorizations.appealAction(appeal, AppealStatus.Action.OVERTURN, "Reviewer agreed", null);
		});
		AuthorizationView after = actors.as("casemanager", () -> authorizations.find(authorization).orElseThrow());
		assertThat(after.status()).isEqualTo(AuthorizationStatus.APPROVED);
		assertThat(after.overturnedOnAppeal()).isTrue();
		assertThat(after.lines()).allSatisfy(l -> {
			assertThat(l.decision()).isEqualTo(LineDecision.APPROVED);
			assertThat(l.unitsApproved()).isEqualTo(l.unitsRequested());
			assertThat(l.approvedFrom()).isEqualTo(after.wantedFrom());
		});
		assertThat(after.appealable()).isFalse();
	}

	@Test
	void aPartialOverturnApprovesPartAndAnUpheldDenialGoesToTheNextLevel() {
		UUID authorization = denied();
		UUID first = actors.as("casemanager", () -> authorizations.openAppeal(authorization, Today.date()));
		actors.run("casemanager", () -> {
			authorizations.appealAction(first, AppealStatus.Action.FILE, null, null);
			authorizations.appealAction(first, AppealStatus.Action.UPHOLD, "Still not necessary", null);
		});
		AuthorizationView upheld = actors.as("casemanager", () -> authorizations.find(authorization).orElseThrow());
		assertThat(upheld.status()).isEqualTo(AuthorizationStatus.DENIED);
		assertThat(upheld.nextAppealLevel()).isEqualTo(AppealLevel.SECOND_LEVEL);
		UUID second = actors.as("casemanager", () -> authorizations.openAppeal(authorization, Today.date()));
		AuthorizationView a = actors.as("casemanager", () -> authorizations.find(authorization).orElseThrow());
		var lines = a.lines();
		actors.run("casemanager", () -> {
			authorizations.appealAction(second, AppealStatus.Action.FILE, null, null);
			authorizations.appealAction(second, AppealStatus.Action.PARTIALLY_OVERTURN, "Six visits", new Decision(null, Instant.now(),
					"Partly overturned", List.of(new Decision.LineAnswer(lines.get(0).id(), 6, Today.date(), Today.date().plusDays(30), null))));
		});
		AuthorizationView after = actors.as("casemanager", () -> authorizations.find(authorization).orElseThrow());
		assertThat(after.status()).isEqualTo(AuthorizationStatus.PARTIALLY_APPROVED);
		assertThat(after.lines().get(0).unitsApproved()).isEqualTo(6);
		assertThat(after.lines().get(0).decision()).isEqualTo(LineDecision.PARTIAL);
		assertThat(after.overturnedOnAppeal()).isTrue();
		assertThat(after.nextAppealLevel()).isEqualTo(AppealLevel.EXTERNAL);
	}

	UUID denied() {
		return actors.as("casemanager", () -> {
			UUID id = authorizations.draft(UtilizationFixtures.request(covered, Urgency.STANDARD, false));
			authorizations.submit(id, Instant.now().minus(Duration.ofHours(3)));
			AuthorizationView a = authorizations.find(id).orElseThrow();
			authorizations.decide(id, UtilizationFixtures.decision(a, Instant.now(), Today.date(), Today.date(), 0));
			return id;
		});
	}

	UUID reach(String status) {
		UUID authorization = denied();
		return actors.as("casemanager", () -> {
			UUID appeal = authorizations.openAppeal(authorization, Today.date());
			switch (status) {
				case "DRAFT" -> { }
				case "WITHDRAWN" -> authorizations.appealAction(appeal, AppealStatus.Action.WITHDRAW, null, null);
				default -> {
					authorizations.appealAction(appeal, AppealStatus.Action.FILE, null, null);
					switch (status) {
						case "FILED" -> { }
						case "UPHELD" -> authorizations.appealAction(appeal, AppealStatus.Action.UPHOLD, null, null);
						case "OVERTURNED" -> authorizations.appealAction(appeal, AppealStatus.Action.OVERTURN, null, null);
						case "PARTIALLY_OVERTURNED" -> authorizations.appealAction(appeal, AppealStatus.Action.PARTIALLY_OVERTURN, null,
								new Decision(null, Instant.now(), "part", List.of(new Decision.LineAnswer(
										authorizations.find(authorization).orElseThrow().lines().get(0).id(), 3, Today.date(),
										Today.date().plusDays(10), null))));
						default -> throw new IllegalArgumentException(status);
					}
				}
			}
			return appeal;
		});
	}

	/** Three units of the (only) line approved, as a partial overturn records them. */
	Decision part(UUID appeal) {
		UUID authorization = jdbc.sql("select authorization_id from authorization_appeal where id = ?").param(appeal).query(UUID.class).single();
		UUID line = jdbc.sql("select id from authorization_line where authorization_id = ?").param(authorization).query(UUID.class).single();
		return new Decision(null, Instant.now(), "part", List.of(new Decision.LineAnswer(line, 3, Today.date(), Today.date().plusDays(10), null)));
	}

	String status(UUID appeal) {
		return jdbc.sql("select status from authorization_appeal where id = ?").param(appeal).query(String.class).single();
	}
}
