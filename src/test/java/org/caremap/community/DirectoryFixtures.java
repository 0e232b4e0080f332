package org.caremap.community;

import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Hand-made directory rows for the search tests, in a source of their own, placed by coordinates. */
final class DirectoryFixtures {

	private final JdbcClient jdbc;
	private final String source;
	private final UUID organization;

	DirectoryFixtures(JdbcClient jdbc) {
		this.jdbc = jdbc;
		this.source = "test-" + UUID.randomUUID();
		this.organization = UUID.randomUUID();
		jdbc.sql("insert into community_organization (id, source, external_id, name, created_by, updated_by) values (?, ?, 'org', ?, 'test', 'test')")
			.params(organization, source, "Test organisation " + source.substring(5, 13)).update();
	}

	/** A point this many miles north of the origin (one degree of latitude is about 69.05 miles). */
	static double north(double latitude, double miles) {
		return latitude + miles / 69.05;
	}

	UUID service(String name, List<String> needs, List<String> languages, @Nullable Double lat, @Nullable Double lon,
			@Nullable Instant verifiedAt) {
		UUID id = UUID.randomUUID();
		jdbc.sql("""
				insert into community_service (id, organization_id, source, external_id, name, description, needs, languages,
				    verified_at, created_by, updated_by)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?, 'test', 'test')""")
			.params(id, organization, source, id.toString(), name, "Test service " + name,
					needs.toArray(String[]::new), languages.toArray(String[]::new),
					verifiedAt == null ? null : java.sql.Timestamp.from(verifiedAt))
			.update();
		if (lat != null) {
			UUID location = UUID.randomUUID();
			jdbc.sql("""
					insert into community_location (id, organization_id, source, external_id, address_1, city, state, postal_code,
					    latitude, longitude, updated_by)
					values (?, ?, ?, ?, '1 Test Road', 'Testville', 'ND', '58401', ?, ?, 'test')""")
				.params(location, organization, source, location.toString(), lat, lon).update();
			jdbc.sql("insert into community_service_location (id, service_id, location_id) values (?, ?, ?)")
				.params(UUID.randomUUID(), id, location).update();
		}
		return id;
	}

	void set(UUID service, String column, Object value) {
		jdbc.sql("update community_service set " + column + " = ? where id = ?").params(value, service).update();
	}

	void open(UUID service, int weekday, LocalTime from, LocalTime to) {
		jdbc.sql("insert into community_schedule (id, service_id, weekday, opens_at, closes_at) values (?, ?, ?, ?, ?)")
			.params(UUID.randomUUID(), service, weekday, from, to).update();
	}

	void openAlways(UUID service) {
		for (int d = 1; d <= 7; d++) open(service, d, LocalTime.MIDNIGHT, LocalTime.of(23, 59, 59));
	}

	String source() {
		return source;
	}
}
