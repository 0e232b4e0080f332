package org.caremap.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.caremap.identity.ApiClients;
import org.caremap.support.Actors;
import org.caremap.support.Database;
import org.caremap.support.Eventually;
import org.caremap.support.FhirHttp;
import org.caremap.support.IntegrationTest;
import org.caremap.support.Tokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

/**
 * The whole application with the embedded replica switched on, over the test run's database: the standby is made and
 * started with the context, a FHIR search that opts in ({@code Caremap-Consistency: eventual}) is counted and paged
 * on it while one without the header is not, and the outcomes dashboard computes its figures there. The standby is
 * stopped at the end and its slot dropped, so that the rest of the run's database keeps no WAL for it.
 */
@TestPropertySource(properties = { "caremap.db.replica.embedded=true", "caremap.db.replica.check-every=PT0.2S" })
@DirtiesContext
class ReplicaAppIT extends IntegrationTest {

	private static final Duration WAIT = Duration.ofSeconds(30);

	@Autowired ReplicaReads reads;
	@Autowired MeterRegistry meters;
	@Autowired ApiClients clients;
	@Autowired UserDetailsService users;
	@Autowired DatabaseInfo database;

	private double onReplica() {
		Counter counter = meters.find("caremap.db.replica.reads").tag("served.by", "replica").counter();
		return counter == null ? 0 : counter.count();
	}

	@Test
	void lagTolerantReadsOfTheApplicationAreServedByTheEmbeddedStandby() throws Exception {
		try {
			assertThat(reads.configured()).isTrue();
			Eventually.until(WAIT, "the embedded standby serving", () -> reads.status().orElseThrow().serving());
			Boolean recovery = reads.read(null, db -> db.sql("select pg_is_in_recovery()").query(Boolean.class).single());
			assertThat(recovery).as("a read served by the standby").isTrue();
			assertThat(meters.get("caremap.db.replica.lag").gauge().value()).isGreaterThanOrEqualTo(0);

			ApiClients.Credentials analytics = Tokens.register(new Actors(users), clients, "Replica " + UUID.randomUUID(),
					"system/*.rs");
			FhirHttp fhir = new FhirHttp(port, Tokens.accessToken(port, analytics, "system/*.rs"));
			double before = onReplica();
			var eventual = fhir.getWith("/fhir/Condition?_count=5", ReplicaReads.CONSISTENCY_HEADER, ReplicaReads.EVENTUAL);
			assertThat(eventual.statusCode()).isEqualTo(200);
			assertThat(eventual.body()).contains("\"total\"");
			assertThat(onReplica()).as("the opted-in search counted and paged on the replica").isGreaterThan(before);
			before = onReplica();
			assertThat(fhir.get("/fhir/Condition?_count=5").statusCode()).isEqualTo(200);
			assertThat(onReplica()).as("a search without the header stays on the primary").isEqualTo(before);

			var supervisor = staffClient("supervisor");
			before = onReplica();
			assertThat(supervisor.get("/quality").statusCode()).isEqualTo(200);
			assertThat(onReplica()).as("the dashboard's figures computed on the replica").isGreaterThan(before);
		}
		finally {
			// the standby stops now (the context goes after the class), so that its slot can be dropped
			((ReplicaRouting) reads).close();
			dropSlot();
		}
	}

	/** The slot of the standby this context made, dropped now that it is stopped (the primary may be stopped too). */
	private void dropSlot() {
		try (Connection c = Database.as(database.url(), HOME, EmbeddedPostgresServer.SUPERUSER);
				Statement s = c.createStatement()) {
			s.execute("select pg_drop_replication_slot(slot_name) from pg_replication_slots where slot_name = '"
					+ EmbeddedStandby.SLOT + "' and not active");
		}
		catch (SQLException stopped) {
			// no context of the run holds the primary any more: nothing keeps WAL
		}
	}
}
