package org.caremap.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

import org.caremap.support.Database;
import org.caremap.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The embedded PostgreSQL: migrated by Flyway, durable, and reached by a role that does not own the schema. */
class DatabaseIT extends IntegrationTest {

	@Autowired
	JdbcClient jdbc;

	@Autowired
	DatabaseInfo database;

	@Test
	void everyMigrationIsAppliedOnRealPostgres() {
		assertThat(database.embedded()).isTrue();
		String version = jdbc.sql("select version()").query(String.class).single();
		assertThat(version).startsWith("PostgreSQL 17");
		long failed = jdbc.sql("select count(*) from flyway_schema_history where not success").query(Long.class).single();
		long applied = jdbc.sql("select count(*) from flyway_schema_history where success and version is not null")
			.query(Long.class).single();
		assertThat(failed).isZero();
		assertThat(applied).isGreaterThanOrEqualTo(7);
		// Flyway owns every table, the platform's own included
		assertThat(jdbc.sql("""
				select count(*) from information_schema.tables where table_schema = 'caremap'
				and table_name in ('spring_session', 'spring_session_attributes', 'scheduled_tasks', 'event_publication',
				                   'audit_event', 'audit_chain', 'user_account', 'patient', 'notification')""")
			.query(Long.class).single()).isEqualTo(9);
	}

	@Test
	void runsWithDurableSettings() {
		assertThat(jdbc.sql("show fsync").query(String.class).single()).isEqualTo("on");
		assertThat(jdbc.sql("show synchronous_commit").query(String.class).single()).isEqualTo("on");
		assertThat(jdbc.sql("show full_page_writes").query(String.class).single()).isEqualTo("on");
	}

	@Test
	void applicationRoleIsNeitherSuperuserNorOwner() {
		assertThat(jdbc.sql("select current_user").query(String.class).single()).isEqualTo("caremap_app");
		assertThat(jdbc.sql("select rolsuper from pg_roles where rolname = current_user").query(Boolean.class).single())
			.isFalse();
		assertThat(jdbc.sql("select tableowner from pg_tables where schemaname = 'caremap' and tablename = 'patient'")
			.query(String.class).single()).isEqualTo("caremap_owner");
		assertThat(jdbc.sql("select has_schema_privilege('caremap', 'CREATE')").query(Boolean.class).single()).isFalse();
	}

	@Test
	void everyConnectionNeedsAPassword() throws Exception {
		// the superuser itself authenticates with its password (SCRAM), like every role
		try (Connection c = Database.as(database.url(), HOME, "postgres"); Statement s = c.createStatement();
				ResultSet rs = s.executeQuery("select count(*) from pg_hba_file_rules where auth_method = 'trust'")) {
			rs.next();
			assertThat(rs.getLong(1)).isZero();
		}
	}
}
