package org.caremap.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import org.caremap.demo.DemoLogins;
import org.caremap.support.Browserless;
import org.caremap.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Reading pages does not write the session: its row (and its attributes) stay as they were while the last access
 * stored is recent (under a minute with the 15-minute timeout); once it is older, the next request moves it on.
 */
class SessionWritesIT extends IntegrationTest {

	@Autowired DemoLogins demo;
	@Autowired JdbcClient jdbc;

	/** The session row's version (PostgreSQL's xmin changes with every update, even to the same values) and times. */
	record Row(String xmin, long lastAccess, long expiry, String attributes) {
	}

	@Test
	void readingPagesLeavesTheSessionUnwrittenUntilItsLastAccessIsOld() {
		Browserless browser = client();
		browser.login("casemanager", demo.password("casemanager").orElseThrow());
		String session = new String(Base64.getDecoder().decode(browser.cookie("CAREMAP_SESSION").orElseThrow()),
				StandardCharsets.UTF_8);
		assertThat(browser.get("/").statusCode()).isEqualTo(200);
		Row before = row(session);

		for (String page : List.of("/myday", "/caseload", "/", "/notifications", "/myday?sort=due")) {
			assertThat(browser.get(page).statusCode()).as(page).isEqualTo(200);
		}
		assertThat(row(session)).as("the session after reading five pages").isEqualTo(before);

		// the stored last access two minutes old: the next page moves it (and the expiry) on
		jdbc.sql("update spring_session set last_access_time = last_access_time - 120000, expiry_time = expiry_time - 120000"
				+ " where session_id = ?").param(session).update();
		Row aged = row(session);
		long asked = System.currentTimeMillis();
		assertThat(browser.get("/myday").statusCode()).isEqualTo(200);
		Row after = row(session);
		assertThat(after.xmin()).isNotEqualTo(aged.xmin());
		assertThat(after.lastAccess()).isGreaterThanOrEqualTo(asked - 1000).isGreaterThan(aged.lastAccess());
		assertThat(after.expiry() - after.lastAccess()).isEqualTo(15 * 60 * 1000L);
		assertThat(after.attributes()).isEqualTo(before.attributes());
	}

	private Row row(String session) {
		return jdbc.sql("""
				select s.xmin::text, s.last_access_time, s.expiry_time,
				       coalesce((select string_agg(a.attribute_name || ':' || a.xmin::text, ',' order by a.attribute_name)
				                 from spring_session_attributes a where a.session_primary_id = s.primary_id), '')
				from spring_session s where s.session_id = ?""")
			.param(session)
			.query((rs, n) -> new Row(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getString(4)))
			.single();
	}
}
