package org.caremap.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.caremap.access.BreakGlass;
import org.caremap.access.PatientAccess;
import org.caremap.identity.UserAccounts;
import org.caremap.shared.PatientId;
import org.caremap.shared.UserId;
import org.caremap.support.Actors;
import org.caremap.support.Eventually;
import org.caremap.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.IncompleteEventPublications;
import org.springframework.security.core.userdetails.UserDetailsService;

/**
 * Alerts come from events, through the publication registry: the publication is stored with the change and completed
 * when the notification module has done its work; one left incomplete by a node that died is done once when it is
 * published again (as on the next start), and not again after that.
 */
class AlertEventsIT extends IntegrationTest {

	@Autowired BreakGlass glass;
	@Autowired PatientAccess access;
	@Autowired UserAccounts accounts;
	@Autowired UserDetailsService users;
	@Autowired JdbcClient jdbc;
	@Autowired IncompleteEventPublications incomplete;

	private long breakGlassAlerts(UserId supervisor) {
		return jdbc.sql("select count(*) from notification where recipient_id = ? and category = 'break-glass'")
			.param(supervisor.value()).query(Long.class).single();
	}

	@Test
	void anAlertIsDoneOnceFromItsPublicationEvenWhenPublishedAgain() {
		UserId supervisor = accounts.findByUsername("supervisor").orElseThrow().id();
		UserId marcus = accounts.findByUsername("casemanager2").orElseThrow().id();
		PatientId patient = access.patientsOf(accounts.findByUsername("casemanager").orElseThrow().id()).stream()
			.filter(p -> !access.patientsOf(marcus).contains(p)).findFirst().orElseThrow();
		long before = breakGlassAlerts(supervisor);
		new Actors(users).run("casemanager2", () -> glass.open(patient, "Covering the weekend rota for a colleague", Duration.ofMinutes(30)));
		Eventually.until("the supervisor told", () -> breakGlassAlerts(supervisor) == before + 1);
		// the publication was stored with the change and is complete
		Map<String, Object> publication = Eventually.value("the publication completed", () -> jdbc.sql("""
				select listener_id, serialized_event, completion_date from event_publication
				where event_type like '%GlassBroken' and serialized_event like ? order by publication_date desc limit 1""")
			.param("%" + patient.value() + "%").query().singleRow(), row -> row.get("completion_date") != null);

		// a node died after another grant committed and before its alert was done: the publication is incomplete
		String later = Instant.now().plus(Duration.ofHours(2)).toString();
		String event = ((String) publication.get("serialized_event")).replaceAll("\"until\":\"[^\"]+\"", "\"until\":\"" + later + "\"");
		assertThat(event).contains(later);
		jdbc.sql("""
				insert into event_publication (id, listener_id, event_type, serialized_event, publication_date, status, completion_attempts)
				values (?, ?, 'org.caremap.access.GlassBroken', ?, now() - interval '5 minutes', 'PUBLISHED', 1)""")
			.params(UUID.randomUUID(), publication.get("listener_id"), event).update();
		// the next start publishes it again: the alert is done once
		incomplete.resubmitIncompletePublications(p -> p.getEvent() instanceof org.caremap.access.GlassBroken);
		Eventually.until("the replayed alert", () -> breakGlassAlerts(supervisor) == before + 2);
		// published again after it completed (or replayed twice), it alerts nobody twice
		incomplete.resubmitIncompletePublications(p -> p.getEvent() instanceof org.caremap.access.GlassBroken);
		jdbc.sql("""
				insert into event_publication (id, listener_id, event_type, serialized_event, publication_date, status, completion_attempts)
				values (?, ?, 'org.caremap.access.GlassBroken', ?, now() - interval '5 minutes', 'PUBLISHED', 1)""")
			.params(UUID.randomUUID(), publication.get("listener_id"), event).update();
		incomplete.resubmitIncompletePublications(p -> p.getEvent() instanceof org.caremap.access.GlassBroken);
		Eventually.until("every publication done", () -> jdbc.sql(
				"select count(*) from event_publication where event_type like '%GlassBroken' and completion_date is null")
			.query(Long.class).single() == 0);
		assertThat(breakGlassAlerts(supervisor)).isEqualTo(before + 2);
		assertThat(jdbc.sql("select title from notification where recipient_id = ? and category = 'break-glass' order by created_at desc limit 1")
			.param(supervisor.value()).query(String.class).single()).contains("Marcus").contains("broke the glass");
		// the grant ends here, so that Dana's patient is closed to Marcus again for the tests that follow
		jdbc.sql("update break_glass set expires_at = now() where user_id = ? and patient_id = ? and expires_at > now()")
			.params(marcus.value(), patient.value()).update();
	}
}
