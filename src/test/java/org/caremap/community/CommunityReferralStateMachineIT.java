package org.caremap.community;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.caremap.caseload.Cases;
import org.caremap.identity.UserAccounts;
import org.caremap.organization.Organizations;
import org.caremap.patient.PatientRegistry;
import org.caremap.program.Programs;
import org.caremap.shared.DomainException;
import org.caremap.support.Actors;
import org.caremap.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UserDetailsService;

/**
 * Every status of a community referral and every action on it, against a transition table written here (the Gravity
 * Task statuses as Caremap uses them): an allowed step moves once, is kept in the history and audited; a refused one
 * changes nothing. The module's enum and its database table agree with this table.
 */
class CommunityReferralStateMachineIT extends IntegrationTest {

	enum Action { RECEIVE, ACCEPT, REJECT, START, COMPLETE, CANCEL }

	/** status -> action -> resulting status; absent = refused. */
	static final Map<String, Map<Action, String>> TABLE = new LinkedHashMap<>();

	static {
		TABLE.put("REQUESTED", Map.of(Action.RECEIVE, "RECEIVED", Action.ACCEPT, "ACCEPTED", Action.REJECT, "REJECTED",
				Action.CANCEL, "CANCELLED"));
		TABLE.put("RECEIVED", Map.of(Action.ACCEPT, "ACCEPTED", Action.REJECT, "REJECTED", Action.CANCEL, "CANCELLED"));
		TABLE.put("ACCEPTED", Map.of(Action.START, "IN_PROGRESS", Action.COMPLETE, "COMPLETED", Action.CANCEL, "CANCELLED"));
		TABLE.put("IN_PROGRESS", Map.of(Action.COMPLETE, "COMPLETED", Action.CANCEL, "CANCELLED"));
		TABLE.put("REJECTED", Map.of());
		TABLE.put("COMPLETED", Map.of());
		TABLE.put("CANCELLED", Map.of());
	}

	/** How to reach each status from a new referral. */
	static final Map<String, List<Action>> PATH = Map.of("REQUESTED", List.of(), "RECEIVED", List.of(Action.RECEIVE),
			"ACCEPTED", List.of(Action.ACCEPT), "IN_PROGRESS", List.of(Action.ACCEPT, Action.START), "REJECTED",
			List.of(Action.REJECT), "COMPLETED", List.of(Action.ACCEPT, Action.COMPLETE), "CANCELLED", List.of(Action.CANCEL));

	@Autowired CommunityReferrals referrals;
	@Autowired PatientRegistry patients;
	@Autowired Organizations organizations;
	@Autowired Programs programs;
	@Autowired Cases cases;
	@Autowired UserAccounts accounts;
	@Autowired UserDetailsService users;
	@Autowired MessageSource messages;
	@Autowired JdbcClient jdbc;

	Actors actors;
	CommunityFixtures.Patient patient;
	UUID service;

	@BeforeEach
	void setUp() {
		actors = new Actors(users);
		patient = CommunityFixtures.patient(actors, patients, organizations, programs, cases, accounts, jdbc, "Statewalk", "Complex care");
		service = CommunityFixtures.service(jdbc, "Statewalk Pantry " + UUID.randomUUID().toString().substring(0, 4), "pantry@example.org");
	}

	private UUID reach(String status) {
		UUID id = actors.as("casemanager", () -> referrals.send(CommunityFixtures.referral(patient, service, null)));
		for (Action a : PATH.get(status)) perform(a, id);
		assertThat(status(id)).isEqualTo(status);
		return id;
	}

	private void perform(Action action, UUID id) {
		ReferralStatus.Action a = ReferralStatus.Action.valueOf(action.name());
		actors.run("casemanager", () -> referrals.act(id, a, a.needsReason() ? "Walked by the test" : null,
				a == ReferralStatus.Action.COMPLETE ? ReferralOutcome.SERVICE_DELIVERED : null, null, version(id)));
	}

	private String status(UUID id) {
		return jdbc.sql("select status from community_referral where id = ?").param(id).query(String.class).single();
	}

	private int version(UUID id) {
		return jdbc.sql("select version from community_referral where id = ?").param(id).query(Integer.class).single();
	}

	private int steps(UUID id) {
		return jdbc.sql("select count(*) from community_referral_history where referral_id = ?").param(id).query(Integer.class).single();
	}

	private long audited(UUID id) {
		return jdbc.sql("select count(*) from audit_event where resource_id = ? and action = 'UPDATE'").param(id.toString())
			.query(Long.class).single();
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
				int stepsBefore = steps(id);
				long auditBefore = audited(id);
				try {
					perform(action, id);
					if (expected == null) fail("allowed but the table refuses it: " + cell);
					assertThat(version(id)).as("changed once for " + cell).isEqualTo(versionBefore + 1);
					assertThat(steps(id)).as("kept in the history for " + cell).isEqualTo(stepsBefore + 1);
					assertThat(audited(id)).as("audited for " + cell).isGreaterThan(auditBefore);
				}
				catch (DomainException ex) {
					if (expected != null) fail("refused but the table allows it: " + cell + " (" + ex.getMessage() + ")");
					assertThat(ex.code()).as(cell).isEqualTo("community.illegal-transition");
					String text = messages.getMessage("error." + ex.code(), ex.arguments(), java.util.Locale.ENGLISH);
					assertThat(text).as(cell).startsWith("The referral is ").doesNotContain("{");
					assertThat(version(id)).as("nothing written for " + cell).isEqualTo(versionBefore);
					assertThat(steps(id)).as("no history for " + cell).isEqualTo(stepsBefore);
				}
				assertThat(status(id)).as(cell).isEqualTo(expected == null ? row.getKey() : expected);
				checked++;
			}
		}
		assertThat(checked).isEqualTo(TABLE.size() * Action.values().length);
		// the module's enum and its database table agree with the table written here
		for (ReferralStatus.Action a : ReferralStatus.Action.values()) {
			for (ReferralStatus s : ReferralStatus.values()) {
				String expected = TABLE.get(s.name()).get(Action.valueOf(a.name()));
				assertThat(a.allowedFrom(s) ? a.to().name() : null).as("enum " + s + " " + a).isEqualTo(expected);
				String inDatabase = jdbc.sql("select to_status from community_referral_transition where action = ? and from_status = ?")
					.params(a.name(), s.name()).query(String.class).optional().orElse(null);
				assertThat(inDatabase).as("table " + s + " " + a).isEqualTo(expected);
			}
		}
	}

	@Test
	void theHistoryIsAppendOnly() {
		UUID id = reach("ACCEPTED");
		assertThat(steps(id)).isEqualTo(2);
		try {
			jdbc.sql("update community_referral_history set reason = 'changed' where referral_id = ?").param(id).update();
			fail("the history was changed");
		}
		catch (org.springframework.dao.DataAccessException expected) {
			assertThat(expected.getMessage()).contains("append-only");
		}
	}

	@Test
	void closingNeedsTheOutcomeAndDecliningNeedsTheReason() {
		UUID accepted = reach("ACCEPTED");
		try {
			actors.run("casemanager", () -> referrals.act(accepted, ReferralStatus.Action.COMPLETE, null, null, null, version(accepted)));
			fail("closed without an outcome");
		}
		catch (DomainException ex) {
			assertThat(ex.code()).isEqualTo("community.outcome");
		}
		UUID requested = reach("REQUESTED");
		try {
			actors.run("casemanager", () -> referrals.act(requested, ReferralStatus.Action.REJECT, " ", null, null, version(requested)));
			fail("declined without a reason");
		}
		catch (DomainException ex) {
			assertThat(ex.code()).isEqualTo("community.reason");
		}
		assertThat(status(accepted)).isEqualTo("ACCEPTED");
		assertThat(status(requested)).isEqualTo("REQUESTED");
	}
}
