package org.caremap.team;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

import org.caremap.support.Today;
import org.caremap.caseload.Acuity;
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
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UserDetailsService;

/**
 * Every status of a case conference and every action on it, against a transition table written here: an allowed step
 * moves once and is audited, a refused one changes nothing; and every kind of edit (a guest, notes, a decision, a case)
 * succeeds only while the record is a draft: after signing or cancelling each is refused as locked and leaves the
 * record as it was. The module's enum and its database table agree with this table.
 */
class ConferenceStateMachineIT extends IntegrationTest {

	enum Action { SIGN, CANCEL }

	/** status -> action -> resulting status; absent = refused. */
	static final Map<String, Map<Action, String>> TABLE = new LinkedHashMap<>();

	static {
		TABLE.put("DRAFT", Map.of(Action.SIGN, "SIGNED", Action.CANCEL, "CANCELLED"));
		TABLE.put("SIGNED", Map.of());
		TABLE.put("CANCELLED", Map.of());
	}

	static final Map<String, List<Action>> PATH = Map.of("DRAFT", List.of(), "SIGNED", List.of(Action.SIGN), "CANCELLED",
			List.of(Action.CANCEL));

	@Autowired Conferences conferences;
	@Autowired PatientRegistry patients;
	@Autowired Organizations organizations;
	@Autowired Programs programs;
	@Autowired Cases cases;
	@Autowired UserAccounts accounts;
	@Autowired UserDetailsService users;
	@Autowired JdbcClient jdbc;

	Actors actors;
	ConferenceFixtures.Patient patient;
	ConferenceFixtures.Patient second;

	@BeforeEach
	void setUp() {
		actors = new Actors(users);
		patient = ConferenceFixtures.patient(actors, patients, organizations, programs, cases, accounts, "Statewalk", Acuity.MODERATE);
		second = ConferenceFixtures.patient(actors, patients, organizations, programs, cases, accounts, "Statewalker", Acuity.LOW);
	}

	private UUID reach(String status) {
		UUID id = actors.as("casemanager", () -> conferences.plan(new NewConference("State walk", Instant.now().plus(1, ChronoUnit.DAYS),
				List.of(), List.of(new ConferenceGuest("Dr. Anita Shah", "Primary care physician")), List.of(patient.caseId()))));
		for (Action a : PATH.get(status)) perform(a, id);
		assertThat(status(id)).isEqualTo(status);
		return id;
	}

	private void perform(Action action, UUID id) {
		actors.run("casemanager", () -> {
			if (action == Action.SIGN) conferences.sign(id);
			else conferences.cancel(id, "Walked by the test");
		});
	}

	private String status(UUID id) {
		return jdbc.sql("select status from conference where id = ?").param(id).query(String.class).single();
	}

	private int version(UUID id) {
		return jdbc.sql("select version from conference where id = ?").param(id).query(Integer.class).single();
	}

	private long audited(UUID id) {
		return jdbc.sql("select count(*) from audit_event where resource_id = ? and action = 'UPDATE'").param(id.toString())
			.query(Long.class).single();
	}

	private UUID item(UUID id) {
		return jdbc.sql("select id from conference_case where conference_id = ? order by position limit 1").param(id).query(UUID.class).single();
	}

	/** What the record holds, to show that a refused edit changed nothing. */
	private String contents(UUID id) {
		return jdbc.sql("""
				select (select count(*) from conference_attendee where conference_id = ?) || '/'
				    || (select count(*) from conference_case where conference_id = ?) || '/'
				    || (select count(*) from conference_decision where conference_id = ?) || '/'
				    || (select coalesce(string_agg(coalesce(notes, ''), '|'), '') from conference_case where conference_id = ?)""")
			.params(id, id, id, id).query(String.class).single();
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
					perform(action, id);
					if (expected == null) fail("allowed but the table refuses it: " + cell);
					assertThat(status(id)).as(cell).isEqualTo(expected);
					assertThat(version(id)).as("changed once for " + cell).isEqualTo(versionBefore + 1);
					assertThat(audited(id)).as("audited for " + cell).isEqualTo(auditBefore + 1);
				}
				catch (DomainException ex) {
					if (expected != null) fail("refused but the table allows it: " + cell + " (" + ex.getMessage() + ")");
					assertThat(ex.code()).as(cell).isEqualTo("team.conference-locked");
					assertThat(status(id)).as("unchanged for " + cell).isEqualTo(row.getKey());
					assertThat(version(id)).as("unchanged for " + cell).isEqualTo(versionBefore);
				}
				checked++;
			}
		}
		assertThat(checked).isEqualTo(TABLE.size() * Action.values().length);
	}

	@Test
	void everyEditSucceedsOnlyOnADraft() {
		var careteam = accounts.findByUsername("careteam").orElseThrow().id();
		Map<String, Consumer<UUID>> edits = new LinkedHashMap<>();
		edits.put("guest", id -> conferences.addGuest(id, new ConferenceGuest("Maria Lopez", "Daughter and caregiver")));
		edits.put("attendee", id -> conferences.addAttendee(id, careteam));
		edits.put("notes", id -> conferences.saveNotes(id, item(id), "Talked about the walk " + UUID.randomUUID()));
		edits.put("decision", id -> conferences.recordDecision(id, item(id), "Call the pharmacy", null, null));
		edits.put("task decision", id -> conferences.recordDecision(id, item(id), "Home visit", careteam, Today.date().plusDays(3)));
		edits.put("case", id -> conferences.addCase(id, second.caseId()));
		Map<String, Set<String>> allowed = new LinkedHashMap<>();
		for (String status : TABLE.keySet()) {
			Set<String> ok = new HashSet<>();
			for (var edit : edits.entrySet()) {
				UUID id = reach(status);
				String before = contents(id);
				int versionBefore = version(id);
				try {
					actors.run("casemanager", () -> edit.getValue().accept(id));
					ok.add(edit.getKey());
					assertThat(contents(id)).as(edit.getKey() + " on " + status).isNotEqualTo(before);
				}
				catch (DomainException ex) {
					assertThat(ex.code()).as(edit.getKey() + " on " + status).isEqualTo("team.conference-locked");
					assertThat(contents(id)).as("nothing changed: " + edit.getKey() + " on " + status).isEqualTo(before);
					assertThat(version(id)).as("nothing changed: " + edit.getKey() + " on " + status).isEqualTo(versionBefore);
				}
			}
			allowed.put(status, ok);
		}
		assertThat(allowed.get("DRAFT")).containsExactlyInAnyOrderElementsOf(edits.keySet());
		assertThat(allowed.get("SIGNED")).isEmpty();
		assertThat(allowed.get("CANCELLED")).isEmpty();
	}

	@Test
	void theEnumAndTheDatabaseAgreeWithTheTable() {
		Map<String, Map<String, String>> database = new LinkedHashMap<>();
		jdbc.sql("select action, from_status, to_status from conference_transition").query((rs, n) -> {
			database.computeIfAbsent(rs.getString(2), k -> new LinkedHashMap<>()).put(rs.getString(1), rs.getString(3));
			return 1;
		}).list();
		for (var row : TABLE.entrySet()) {
			for (Action action : Action.values()) {
				String expected = row.getValue().get(action);
				ConferenceStatus.Action a = ConferenceStatus.Action.valueOf(action.name());
				ConferenceStatus from = ConferenceStatus.valueOf(row.getKey());
				assertThat(a.allowedFrom(from) ? a.to().name() : null).as("enum " + row.getKey() + " " + action).isEqualTo(expected);
				assertThat(database.getOrDefault(row.getKey(), Map.of()).get(action.name())).as("table " + row.getKey() + " " + action)
					.isEqualTo(expected);
				assertThat(from.editable()).as("editable " + from).isEqualTo(from == ConferenceStatus.DRAFT);
			}
		}
		assertThat(ConferenceStatus.values()).hasSize(TABLE.size());
		assertThatThrownBy(() -> ConferenceStatus.valueOf("OPEN")).isInstanceOf(IllegalArgumentException.class);
	}
}
