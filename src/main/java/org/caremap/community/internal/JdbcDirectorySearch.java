package org.caremap.community.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.caremap.community.DirectorySearch;
import org.caremap.community.Eligibility;
import org.caremap.community.Origin;
import org.caremap.community.SearchHit;
import org.caremap.community.SearchQuery;
import org.caremap.organization.Organizations;
import org.caremap.shared.CurrentActor;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The directory search in one SQL statement: filters (need, radius, hours, age, income, eligibility groups, text,
 * free) narrow the active services through their indexes (the needs GIN index, the GiST index on the locations' earth
 * points with an {@code earth_box} prefilter, the text and trigram indexes), then each survivor is scored:
 * <pre>
 *   language spoken            25
 *   distance                   25 x (1 - miles / radius)         (0 without an origin)
 *   text                       20 x ts_rank + 20 x name similarity
 *   free                        5
 *   verified within stale-after 5, stale -5
 *   delivered by the searcher   6 per referral, up to 5
 *   delivered by anyone         1 per referral, up to 10
 * </pre>
 * The nearest location, hours today and open-now are read afterwards for the page of results only.
 */
@Component
@Transactional(readOnly = true)
class JdbcDirectorySearch implements DirectorySearch {

	static final double METERS_PER_MILE = 1609.344;
	private static final Pattern ZIP = Pattern.compile("(?<![0-9])([0-9]{5})(?:-[0-9]{4})?(?![0-9])");

	private final JdbcClient jdbc;
	private final CommunityProperties properties;
	private final Organizations organizations;
	private final Clock clock;

	JdbcDirectorySearch(JdbcClient jdbc, CommunityProperties properties, Organizations organizations,
			Optional<Clock> clock) {
		this.jdbc = jdbc;
		this.properties = properties;
		this.organizations = organizations;
		this.clock = clock.orElse(Clock.systemUTC());
	}

	ZoneId zone() {
		return organizations.primary().map(o -> organizations.calendar(o.id()).zone()).orElse(ZoneId.of("America/New_York"));
	}

	@Override
	public Optional<Origin> zip(String zip) {
		if (zip == null) return Optional.empty();
		String z = zip.strip();
		if (z.length() > 5 && z.matches("^[0-9]{5}-[0-9]{4}$")) z = z.substring(0, 5);
		if (!z.matches("^[0-9]{5}$")) return Optional.empty();
		String code = z;
		return jdbc.sql("select latitude, longitude from zip_centroid where zip = ?").param(code)
			.query((rs, n) -> new Origin(rs.getDouble(1), rs.getDouble(2), code, code))
			.optional();
	}

	@Override
	public Optional<Origin> place(String typed) {
		if (typed == null || typed.isBlank() || typed.length() > 300) return Optional.empty();
		Matcher m = ZIP.matcher(typed);
		String last = null;
		while (m.find()) last = m.group(1);
		if (last == null) return Optional.empty();
		String label = typed.strip();
		return zip(last).map(o -> new Origin(o.latitude(), o.longitude(), o.zip(), label));
	}

	@Override
	public List<SearchHit> search(SearchQuery q) {
		Instant now = clock.instant();
		ZonedDateTime local = now.atZone(zone());
		Map<String, Object> p = new HashMap<>();
		StringBuilder sql = new StringBuilder();
		Origin origin = q.origin();
		double radius = (q.radiusMiles() == null ? SearchQuery.DEFAULT_RADIUS_MILES : q.radiusMiles()) * METERS_PER_MILE;
		if (origin != null) {
			p.put("lat", origin.latitude());
			p.put("lon", origin.longitude());
			p.put("radius", radius);
			p.put("zip", origin.zip() == null ? "" : origin.zip());
			// the GiST index on ll_to_earth(latitude, longitude) (partial: located, active) serves the earth_box test
			sql.append("""
					with near as materialized (
					    select sl.service_id, min(d.m) as distance_m
					    from (select l.id,
					                 -- the great-circle distance on earthdistance's sphere (earth(): 6,378,168 m), in
					                 -- arithmetic: the same metres as earth_distance at a fraction of its cost per row
					                 12756336 * asin(sqrt(power(sin(radians(l.latitude - :lat) / 2), 2)
					                     + cos(radians(:lat)) * cos(radians(l.latitude))
					                       * power(sin(radians(l.longitude - :lon) / 2), 2))) as m
					          from community_location l
					          where l.latitude is not null and l.status = 'ACTIVE'
					            and earth_box(ll_to_earth(:lat, :lon), :radius) @> ll_to_earth(l.latitude, l.longitude)) d
					    join community_service_location sl on sl.location_id = d.id
					    where d.m <= :radius
					    group by sl.service_id),
					-- the candidates: services at a location in reach, and those without one in reach whose service area
					-- names the origin's ZIP code (the GIN index on service_area_zips)
					candidate as materialized (
					    select service_id, distance_m from near
					    union all
					    select a.id, cast(null as double precision) from community_service a
					    where a.status = 'ACTIVE' and a.service_area_zips @> array[cast(:zip as text)]
					      and not exists (select 1 from near n where n.service_id = a.id))
					""");
		}
		boolean text = q.text() != null;
		if (text) p.put("q", q.text());
		p.put("me", CurrentActor.name());
		p.put("stale", Timestamp.from(properties.staleBefore(now)));
		p.put("lang", q.language() == null ? "" : q.language());
		sql.append("select s.id, s.name, s.organization_id, s.description, s.needs, s.languages, ")
			.append("s.free, s.fees_description, s.phone, s.verified_at, s.minimum_age, s.maximum_age, ")
			.append("s.income_limit_fpl_percent, s.eligibility, ")
			.append(origin != null ? "near.distance_m, (s.service_area_zips @> array[cast(:zip as text)]) as in_area, "
					: "cast(null as double precision) as distance_m, false as in_area, ")
			.append(text ? "(s.search @@ websearch_to_tsquery('english', :q)) as text_hit, " : "false as text_hit, ")
			.append("coalesce(mine.delivered, 0) as delivered_mine, coalesce(everyone.delivered, 0) as delivered_all, ")
			.append("(s.verified_at is null or s.verified_at < :stale) as stale, ");
		// the score
		sql.append("(case when s.languages @> array[cast(:lang as text)] then 25 else 0 end");
		if (origin != null) sql.append(" + case when near.distance_m is null then 0 else 25 * greatest(0, 1 - near.distance_m / :radius) end");
		if (text) sql.append(" + 20 * ts_rank(s.search, websearch_to_tsquery('english', :q), 32) + 20 * similarity(s.name, :q)");
		sql.append(" + case when s.free then 5 else 0 end")
			.append(" + case when s.verified_at >= :stale then 5 else -5 end")
			.append(" + 6 * least(coalesce(mine.delivered, 0), 5) + least(coalesce(everyone.delivered, 0), 10)) as score ");
		sql.append(origin != null ? "from candidate near join community_service s on s.id = near.service_id " : "from community_service s ");
		sql.append("left join community_delivered mine on mine.service_id = s.id and mine.case_manager = :me ")
			.append("left join community_delivered everyone on everyone.service_id = s.id and everyone.case_manager = '*' ")
			.append("where s.status = 'ACTIVE' ");
		if (q.need() != null) {
			sql.append("and s.needs @> array[cast(:need as text)] ");
			p.put("need", q.need().code());
		}
		if (q.languageOnly() && q.language() != null) sql.append("and s.languages @> array[cast(:lang as text)] ");
		if (text) sql.append("and (s.search @@ websearch_to_tsquery('english', :q) or s.name % :q) ");
		if (q.freeOnly()) sql.append("and s.free ");
		if (q.age() != null) {
			sql.append("and (s.minimum_age is null or s.minimum_age <= :age) and (s.maximum_age is null or s.maximum_age >= :age) ");
			p.put("age", q.age());
		}
		if (q.incomeFplPercent() != null) {
			sql.append("and (s.income_limit_fpl_percent is null or s.income_limit_fpl_percent >= :fpl) ");
			p.put("fpl", q.incomeFplPercent());
		}
		if (!q.groups().isEmpty()) {
			sql.append("and (cardinality(s.eligibility) = 0 or s.eligibility && cast(:groups as text[])) ");
			p.put("groups", q.groups().stream().map(Enum::name).toArray(String[]::new));
		}
		if (q.openNow() || q.day() != null) {
			DayOfWeek day = q.openNow() ? local.getDayOfWeek() : q.day();
			LocalTime at = q.openNow() ? local.toLocalTime() : q.at();
			sql.append("and exists (select 1 from community_schedule sc where sc.service_id = s.id and sc.weekday = :dow");
			p.put("dow", day.getValue());
			if (at != null) {
				sql.append(" and sc.opens_at <= :at and sc.closes_at > :at");
				p.put("at", at);
			}
			sql.append(") ");
		}
		sql.append("order by score desc, ").append(origin != null ? "near.distance_m nulls last, " : "").append("s.name, s.id limit ")
			.append(q.limit());
		List<Row> rows = jdbc.sql(sql.toString()).params(p).query((rs, n) -> row(rs)).list();
		if (rows.isEmpty()) return List.of();
		Map<UUID, Place> places = places(rows, origin);
		Map<UUID, String[]> organizations = organizations(rows);
		Map<UUID, List<Hours.Slot>> today = today(rows, local.getDayOfWeek());
		LocalTime time = local.toLocalTime();
		List<SearchHit> hits = new ArrayList<>();
		for (Row r : rows) {
			Place place = places.get(r.id());
			List<Hours.Slot> slots = today.getOrDefault(r.id(), List.of());
			boolean open = slots.stream().anyMatch(s -> !s.opens().isAfter(time) && s.closes().isAfter(time));
			List<String> groups = q.groups().stream().map(Enum::name).filter(r.eligibility()::contains).toList();
			String[] org = organizations.getOrDefault(r.organizationId(), new String[] { "", null });
			hits.add(new SearchHit(r.id(), r.name(), r.organizationId(), org[0], r.description(), r.needs(),
					r.languages(), r.free(), r.fees(), r.phone() != null ? r.phone() : org[1], place == null ? null : place.address(),
					place == null ? null : place.city(), place == null ? null : place.state(),
					place == null ? null : place.postalCode(),
					r.distanceMeters() == null ? null : r.distanceMeters() / METERS_PER_MILE, open,
					slots.stream().map(Hours::range).toList(), r.verifiedAt(), r.stale(), r.deliveredMine(), r.deliveredAll(),
					q.need() != null && r.needs().contains(q.need().code()),
					q.language() != null && r.languages().contains(q.language()), r.textHit(), r.inArea(), r.eligibility(), groups,
					r.minimumAge(), r.maximumAge(), r.incomeLimit(), r.score()));
		}
		return hits;
	}

	private record Row(UUID id, String name, UUID organizationId, String organizationName, String description,
			List<String> needs, List<String> languages, boolean free, String fees, String phone, Instant verifiedAt,
			Integer minimumAge, Integer maximumAge, Integer incomeLimit, List<String> eligibility, Double distanceMeters,
			boolean inArea, boolean textHit, int deliveredMine, int deliveredAll, boolean stale, double score) {
	}

	private record Place(String address, String city, String state, String postalCode) {
	}

	private static Row row(ResultSet rs) throws SQLException {
		Timestamp verified = rs.getTimestamp("verified_at");
		return new Row(rs.getObject("id", UUID.class), rs.getString("name"), rs.getObject("organization_id", UUID.class),
				null, rs.getString("description"), JdbcDirectory.strings(rs.getArray("needs")),
				JdbcDirectory.strings(rs.getArray("languages")), rs.getBoolean("free"), rs.getString("fees_description"),
				rs.getString("phone"), verified == null ? null : verified.toInstant(), (Integer) rs.getObject("minimum_age"),
				(Integer) rs.getObject("maximum_age"), (Integer) rs.getObject("income_limit_fpl_percent"),
				JdbcDirectory.strings(rs.getArray("eligibility")), (Double) rs.getObject("distance_m"),
				rs.getBoolean("in_area"), rs.getBoolean("text_hit"), rs.getInt("delivered_mine"), rs.getInt("delivered_all"),
				rs.getBoolean("stale"), rs.getDouble("score"));
	}

	/** The name and phone of the organisations of the services found. */
	private Map<UUID, String[]> organizations(List<Row> rows) {
		Map<UUID, String[]> out = new HashMap<>();
		jdbc.sql("select id, name, phone from community_organization where id = any(:ids)")
			.param("ids", rows.stream().map(Row::organizationId).distinct().toArray(UUID[]::new))
			.query((rs, n) -> out.put(rs.getObject(1, UUID.class), new String[] { rs.getString(2), rs.getString(3) }))
			.list();
		return out;
	}

	/** The nearest active location of each service found (the first, without an origin). */
	private Map<UUID, Place> places(List<Row> rows, Origin origin) {
		Map<String, Object> p = new HashMap<>();
		p.put("ids", rows.stream().map(Row::id).toArray(UUID[]::new));
		p.put("lat", origin == null ? 0.0 : origin.latitude());
		p.put("lon", origin == null ? 0.0 : origin.longitude());
		Map<UUID, Place> out = new LinkedHashMap<>();
		jdbc.sql("""
				select distinct on (sl.service_id) sl.service_id, l.address_1, l.city, l.state, l.postal_code
				from community_service_location sl join community_location l on l.id = sl.location_id
				where sl.service_id = any(:ids) and l.status = 'ACTIVE'
				order by sl.service_id, case when l.latitude is null then 1e9
				         else earth_distance(ll_to_earth(l.latitude, l.longitude), ll_to_earth(:lat, :lon)) end, l.id""")
			.params(p)
			.query((rs, n) -> out.put(rs.getObject(1, UUID.class),
					new Place(rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5))))
			.list();
		return out;
	}

	private Map<UUID, List<Hours.Slot>> today(List<Row> rows, DayOfWeek day) {
		Map<UUID, List<Hours.Slot>> out = new HashMap<>();
		jdbc.sql("""
				select service_id, weekday, opens_at, closes_at from community_schedule
				where service_id = any(:ids) and weekday = :day order by opens_at""")
			.param("ids", rows.stream().map(Row::id).toArray(UUID[]::new))
			.param("day", day.getValue())
			.query((rs, n) -> out.computeIfAbsent(rs.getObject(1, UUID.class), k -> new ArrayList<>())
				.add(new Hours.Slot(rs.getInt(2), rs.getObject(3, LocalTime.class), rs.getObject(4, LocalTime.class))))
			.list();
		return out;
	}

	static String lower(String s) {
		return s.toLowerCase(Locale.ROOT);
	}

	static boolean known(String group) {
		return Eligibility.of(group).isPresent();
	}
}
