package org.caremap.community.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import org.caremap.audit.AuditEntry;
import org.caremap.audit.AuditTrail;
import org.caremap.community.Directory;
import org.caremap.community.DirectoryEditor;
import org.caremap.community.DirectorySearch;
import org.caremap.community.Eligibility;
import org.caremap.community.Need;
import org.caremap.community.ServiceCard;
import org.caremap.community.ServiceDetail;
import org.caremap.community.ServiceEntry;
import org.caremap.shared.CurrentActor;
import org.caremap.shared.DomainException;
import org.caremap.shared.Ids;
import org.caremap.shared.NotFoundException;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Staff's changes to the directory, each recorded in {@code community_directory_change} (who, when, which fields
 * from what to what) and audited. Entries staff add have the source {@code caremap}; an imported entry corrected by
 * staff keeps its source (the next import of a changed record overwrites the correction, and says so in its report).
 */
@Component
@Transactional
class JdbcDirectoryEditor implements DirectoryEditor {

	static final String EDITORS = "hasAnyRole('ADMIN', 'SUPERVISOR', 'SYSTEM')";
	static final String STAFF = "hasAnyRole('ADMIN', 'SUPERVISOR', 'CASE_MANAGER', 'CARE_TEAM', 'INTAKE', 'UTILIZATION_REVIEW', 'SYSTEM')";
	private static final int PAGE_SIZE = 50;

	private final JdbcClient jdbc;
	private final AuditTrail audit;
	private final Directory directory;
	private final DirectorySearch search;
	private final CommunityProperties properties;

	JdbcDirectoryEditor(JdbcClient jdbc, AuditTrail audit, Directory directory, DirectorySearch search,
			CommunityProperties properties) {
		this.jdbc = jdbc;
		this.audit = audit;
		this.directory = directory;
		this.search = search;
		this.properties = properties;
	}

	@Override
	@Transactional(readOnly = true)
	public Page list(@Nullable String name, boolean staleOnly, boolean retired, int page) {
		int p = Math.max(0, Math.min(page, 10_000));
		Map<String, Object> params = new HashMap<>();
		StringBuilder where = new StringBuilder(" where s.status = :status");
		params.put("status", retired ? "RETIRED" : "ACTIVE");
		params.put("stale", Timestamp.from(properties.staleBefore(Instant.now())));
		if (name != null && !name.isBlank()) {
			where.append(" and (s.name ilike :like or s.name % :name)");
			params.put("like", "%" + name.strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
			params.put("name", name.strip());
		}
		if (staleOnly) where.append(" and (s.verified_at is null or s.verified_at < :stale)");
		long total = jdbc.sql("select count(*) from community_service s" + where).params(params).query(Long.class).single();
		params.put("offset", p * PAGE_SIZE);
		List<Row> rows = jdbc.sql("""
				select s.id, s.name, o.name as organization_name, s.needs, s.verified_at, s.status,
				       (s.verified_at is null or s.verified_at < :stale) as stale,
				       (select l.city from community_service_location sl join community_location l on l.id = sl.location_id
				        where sl.service_id = s.id order by l.id limit 1) as city,
				       (select count(*) from community_correction c where c.service_id = s.id and c.resolved_at is null) as corrections
				from community_service s join community_organization o on o.id = s.organization_id""" + where
				+ " order by lower(s.name), s.id limit 50 offset :offset")
			.params(params)
			.query((rs, n) -> new Row(rs.getObject("id", UUID.class), rs.getString("name"), rs.getString("organization_name"),
					rs.getString("city"), JdbcDirectory.strings(rs.getArray("needs")), instant(rs, "verified_at"),
					rs.getBoolean("stale"), "ACTIVE".equals(rs.getString("status")), rs.getInt("corrections")))
			.list();
		return new Page(rows, total, p, PAGE_SIZE);
	}

	@Override
	@Transactional(readOnly = true)
	public Optional<ServiceDetail> detail(UUID service) {
		Optional<ServiceCard> card = directory.find(service);
		if (card.isEmpty()) return Optional.empty();
		record Head(String source, String externalId, String verifiedBy, int version, UUID organization, boolean stale) {
		}
		Head head = jdbc.sql("""
				select source, external_id, verified_by, version, organization_id,
				       (verified_at is null or verified_at < ?) as stale from community_service where id = ?""")
			.params(Timestamp.from(properties.staleBefore(Instant.now())), service)
			.query((rs, n) -> new Head(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4),
					rs.getObject(5, UUID.class), rs.getBoolean(6)))
			.single();
		List<String> taxonomy = jdbc.sql("""
				select taxonomy, code, name from community_service_taxonomy where service_id = ? order by taxonomy, code""")
			.param(service)
			.query((rs, n) -> rs.getString(3) == null ? rs.getString(2) : rs.getString(2) + " " + rs.getString(3))
			.list();
		UUID location = location(service);
		List<ServiceDetail.Change> changes = jdbc.sql("""
				select changed_at, changed_by, entity, summary from community_directory_change
				where entity_id = any(?) order by changed_at desc, id limit 100""")
			.param(location == null ? new UUID[] { service, head.organization() } : new UUID[] { service, head.organization(), location })
			.query((rs, n) -> new ServiceDetail.Change(rs.getTimestamp(1).toInstant(), rs.getString(2), rs.getString(3), rs.getString(4)))
			.list();
		List<ServiceDetail.Correction> corrections = jdbc.sql("""
				select id, suggested_at, suggested_by, text from community_correction
				where service_id = ? and resolved_at is null order by suggested_at""")
			.param(service)
			.query((rs, n) -> new ServiceDetail.Correction(rs.getObject(1, UUID.class), rs.getTimestamp(2).toInstant(),
					rs.getString(3), rs.getString(4)))
			.list();
		return Optional.of(new ServiceDetail(card.get(), entry(service), head.source(), head.externalId(), head.verifiedBy(),
				head.stale(), taxonomy, changes, corrections, head.version()));
	}

	private @Nullable UUID location(UUID service) {
		return jdbc.sql("""
				select l.id from community_service_location sl join community_location l on l.id = sl.location_id
				where sl.service_id = ? order by l.status = 'ACTIVE' desc, l.name nulls last, l.id limit 1""")
			.param(service).query(UUID.class).optional().orElse(null);
	}

	/** The entry as the edit form shows it. */
	ServiceEntry entry(UUID service) {
		UUID location = location(service);
		List<ServiceEntry.Opening> hours = jdbc.sql("""
				select weekday, opens_at, closes_at from community_schedule where service_id = ? order by weekday, opens_at""")
			.param(service)
			.query((rs, n) -> new ServiceEntry.Opening(rs.getInt(1), rs.getObject(2, LocalTime.class), rs.getObject(3, LocalTime.class)))
			.list();
		return jdbc.sql("""
				select o.name as org_name, o.phone as org_phone, o.website, o.referral_email, s.*,
				       l.address_1, l.city, l.state, l.postal_code, l.latitude, l.longitude, l.transportation
				from community_service s join community_organization o on o.id = s.organization_id
				left join community_location l on l.id = ?
				where s.id = ?""")
			.params(location, service)
			.query((rs, n) -> new ServiceEntry(rs.getString("org_name"), rs.getString("org_phone"), rs.getString("website"),
					rs.getString("referral_email"), rs.getString("name"), rs.getString("description"), rs.getString("phone"),
					rs.getString("email"), rs.getString("application_process"), rs.getString("fees_description"),
					rs.getBoolean("free"), rs.getString("eligibility_description"), (Integer) rs.getObject("minimum_age"),
					(Integer) rs.getObject("maximum_age"), (Integer) rs.getObject("income_limit_fpl_percent"),
					groups(JdbcDirectory.strings(rs.getArray("eligibility"))), needs(JdbcDirectory.strings(rs.getArray("needs"))),
					JdbcDirectory.strings(rs.getArray("languages")), rs.getString("address_1"), rs.getString("city"),
					rs.getString("state"), rs.getString("postal_code"), (Double) rs.getObject("latitude"),
					(Double) rs.getObject("longitude"), rs.getString("transportation"), hours))
			.single();
	}

	@Override
	@PreAuthorize(EDITORS)
	public UUID add(ServiceEntry e) {
		String me = CurrentActor.name();
		UUID organization = jdbc.sql("""
				select id from community_organization where source = 'caremap' and lower(name) = lower(?) and status = 'ACTIVE'
				order by created_at limit 1""")
			.param(e.organizationName().strip()).query(UUID.class).optional().orElse(null);
		if (organization == null) {
			organization = Ids.newId();
			jdbc.sql("""
					insert into community_organization (id, source, name, phone, website, referral_email, created_by, updated_by)
					values (?, 'caremap', ?, ?, ?, ?, ?, ?)""")
				.params(organization, e.organizationName().strip(), e.organizationPhone(), e.website(), e.referralEmail(), me, me)
				.update();
			change("ORGANIZATION", organization, "added " + e.organizationName().strip());
		}
		UUID service = Ids.newId();
		jdbc.sql("""
				insert into community_service (id, organization_id, source, name, created_by, updated_by)
				values (?, ?, 'caremap', ?, ?, ?)""")
			.params(service, organization, e.name().strip(), me, me).update();
		writeService(service, e);
		writeLocation(service, organization, null, e);
		writeHours(service, e.hours());
		change("SERVICE", service, "added " + e.name().strip());
		audit.record(AuditEntry.write("CREATE", "HealthcareService", service.toString(), null));
		return service;
	}

	@Override
	@PreAuthorize(EDITORS)
	public void update(UUID service, int version, ServiceEntry e) {
		ServiceDetail before = detail(service).orElseThrow(() -> new NotFoundException("community service", service));
		if (before.version() != version) {
			throw new DomainException("community.edit-conflict", "the entry changed since it was opened");
		}
		ServiceEntry old = before.entry();
		List<String> orgChanges = new ArrayList<>();
		diff(orgChanges, "organisation", old.organizationName(), e.organizationName());
		diff(orgChanges, "organisation phone", old.organizationPhone(), e.organizationPhone());
		diff(orgChanges, "website", old.website(), e.website());
		diff(orgChanges, "referral e-mail", old.referralEmail(), e.referralEmail());
		List<String> serviceChanges = new ArrayList<>();
		diff(serviceChanges, "name", old.name(), e.name());
		diff(serviceChanges, "description", old.description(), e.description());
		diff(serviceChanges, "phone", old.phone(), e.phone());
		diff(serviceChanges, "e-mail", old.email(), e.email());
		diff(serviceChanges, "how to apply", old.applicationProcess(), e.applicationProcess());
		diff(serviceChanges, "fees", old.fees(), e.fees());
		diff(serviceChanges, "free", old.free(), e.free());
		diff(serviceChanges, "who it is for", old.eligibilityText(), e.eligibilityText());
		diff(serviceChanges, "lowest age", old.minimumAge(), e.minimumAge());
		diff(serviceChanges, "highest age", old.maximumAge(), e.maximumAge());
		diff(serviceChanges, "income limit (% FPL)", old.incomeLimitFplPercent(), e.incomeLimitFplPercent());
		diff(serviceChanges, "groups", new TreeSet<>(old.groups()), new TreeSet<>(e.groups()));
		diff(serviceChanges, "needs", new TreeSet<>(old.needs().stream().map(Need::code).toList()),
				new TreeSet<>(e.needs().stream().map(Need::code).toList()));
		diff(serviceChanges, "languages", new TreeSet<>(old.languages()), new TreeSet<>(e.languages()));
		diff(serviceChanges, "hours", hoursText(old.hours()), hoursText(e.hours()));
		List<String> locationChanges = new ArrayList<>();
		diff(locationChanges, "address", old.address(), e.address());
		diff(locationChanges, "city", old.city(), e.city());
		diff(locationChanges, "state", old.state(), e.state());
		diff(locationChanges, "ZIP code", old.postalCode(), e.postalCode());
		diff(locationChanges, "coordinates", old.latitude() == null || e.latitude() == null ? old.latitude() : coords(old),
				e.latitude() == null || old.latitude() == null ? e.latitude() : coords(e));
		diff(locationChanges, "getting there", old.transportation(), e.transportation());
		if (orgChanges.isEmpty() && serviceChanges.isEmpty() && locationChanges.isEmpty()) return;
		String me = CurrentActor.name();
		int changed = jdbc.sql("update community_service set version = version + 1, updated_at = now(), updated_by = ? where id = ? and version = ?")
			.params(me, service, version).update();
		if (changed == 0) throw new DomainException("community.edit-conflict", "the entry changed since it was opened");
		UUID organization = before.card().organizationId();
		if (!orgChanges.isEmpty()) {
			jdbc.sql("""
					update community_organization set name = ?, phone = ?, website = ?, referral_email = ?, updated_at = now(),
					    updated_by = ?, version = version + 1 where id = ?""")
				.params(e.organizationName().strip(), e.organizationPhone(), e.website(), e.referralEmail(), me, organization)
				.update();
			change("ORGANIZATION", organization, String.join("; ", orgChanges));
		}
		writeService(service, e);
		writeHours(service, e.hours());
		if (!serviceChanges.isEmpty()) change("SERVICE", service, String.join("; ", serviceChanges));
		if (!locationChanges.isEmpty()) {
			UUID location = writeLocation(service, organization, location(service), e);
			change("LOCATION", location == null ? service : location, String.join("; ", locationChanges));
		}
		audit.record(AuditEntry.write("UPDATE", "HealthcareService", service.toString(), null));
	}

	private static String coords(ServiceEntry e) {
		return String.format(java.util.Locale.ROOT, "%.5f, %.5f", e.latitude(), e.longitude());
	}

	private static String hoursText(List<ServiceEntry.Opening> hours) {
		return String.join(", ", Hours.lines(hours.stream().map(o -> new Hours.Slot(o.weekday(), o.opens(), o.closes())).toList(),
				java.util.Locale.ENGLISH));
	}

	private static void diff(List<String> out, String field, @Nullable Object before, @Nullable Object after) {
		Object b = blank(before);
		Object a = blank(after);
		if (Objects.equals(b, a)) return;
		out.add(field + ": " + shorten(b) + " → " + shorten(a));
	}

	private static @Nullable Object blank(@Nullable Object o) {
		if (o instanceof String s) return s.isBlank() ? null : s.strip();
		if (o instanceof java.util.Collection<?> c && c.isEmpty()) return null;
		return o;
	}

	private static String shorten(@Nullable Object o) {
		if (o == null) return "(none)";
		String s = String.valueOf(o);
		return s.length() > 120 ? s.substring(0, 117) + "..." : s;
	}

	private void writeService(UUID service, ServiceEntry e) {
		jdbc.sql("""
				update community_service set name = ?, description = ?, phone = ?, email = ?, application_process = ?,
				    fees_description = ?, free = ?, eligibility_description = ?, minimum_age = ?, maximum_age = ?,
				    income_limit_fpl_percent = ?, eligibility = ?, needs = ?, languages = ?, updated_at = now(), updated_by = ?
				where id = ?""")
			.params(e.name().strip(), e.description(), e.phone(), e.email(), e.applicationProcess(), e.fees(), e.free(),
					e.eligibilityText(), e.minimumAge(), e.maximumAge(), e.incomeLimitFplPercent(),
					e.groups().stream().map(Enum::name).sorted().toArray(String[]::new),
					e.needs().stream().map(Need::code).sorted().toArray(String[]::new), e.languages().toArray(String[]::new),
					CurrentActor.name(), service)
			.update();
	}

	private @Nullable UUID writeLocation(UUID service, UUID organization, @Nullable UUID location, ServiceEntry e) {
		boolean any = e.address() != null || e.postalCode() != null || e.city() != null;
		if (!any && location == null) return null;
		Double lat = e.latitude();
		Double lon = e.longitude();
		if ((lat == null || lon == null) && e.postalCode() != null) {
			var origin = search.zip(e.postalCode()).orElse(null);
			if (origin != null) {
				lat = origin.latitude();
				lon = origin.longitude();
			}
		}
		if (lat == null || lon == null) {
			lat = null;
			lon = null;
		}
		if (location == null) {
			location = Ids.newId();
			jdbc.sql("""
					insert into community_location (id, organization_id, source, address_1, city, state, postal_code, country,
					    latitude, longitude, transportation, updated_by)
					values (?, ?, 'caremap', ?, ?, ?, ?, 'US', ?, ?, ?, ?)""")
				.params(location, organization, e.address(), e.city(), e.state(), e.postalCode(), lat, lon, e.transportation(),
						CurrentActor.name())
				.update();
			jdbc.sql("insert into community_service_location (id, service_id, location_id) values (?, ?, ?)")
				.params(Ids.newId(), service, location).update();
			return location;
		}
		jdbc.sql("""
				update community_location set address_1 = ?, city = ?, state = ?, postal_code = ?, latitude = ?, longitude = ?,
				    transportation = ?, updated_at = now(), updated_by = ?
				where id = ?""")
			.params(e.address(), e.city(), e.state(), e.postalCode(), lat, lon, e.transportation(), CurrentActor.name(), location)
			.update();
		return location;
	}

	private void writeHours(UUID service, List<ServiceEntry.Opening> hours) {
		jdbc.sql("delete from community_schedule where service_id = ?").param(service).update();
		for (ServiceEntry.Opening o : hours) {
			jdbc.sql("insert into community_schedule (id, service_id, weekday, opens_at, closes_at) values (?, ?, ?, ?, ?)")
				.params(Ids.newId(), service, o.weekday(), o.opens(), o.closes()).update();
		}
	}

	@Override
	@PreAuthorize(EDITORS)
	public void verify(UUID service) {
		int n = jdbc.sql("update community_service set verified_at = now(), verified_by = ? where id = ?")
			.params(CurrentActor.name(), service).update();
		if (n == 0) throw new NotFoundException("community service", service);
		change("SERVICE", service, "verified with the organisation");
		audit.record(AuditEntry.write("VERIFY", "HealthcareService", service.toString(), null));
	}

	@Override
	@PreAuthorize(STAFF)
	public void suggest(UUID service, String text) {
		if (text == null || text.isBlank()) throw new DomainException("community.correction-empty", "say what is wrong");
		if (text.length() > 2000) throw new DomainException("community.too-long", "at most 2000 characters", 2000);
		int known = jdbc.sql("select count(*) from community_service where id = ?").param(service).query(Integer.class).single();
		if (known == 0) throw new NotFoundException("community service", service);
		jdbc.sql("insert into community_correction (id, service_id, suggested_by, text) values (?, ?, ?, ?)")
			.params(Ids.newId(), service, CurrentActor.name(), text.strip()).update();
		audit.record(AuditEntry.write("SUGGEST", "HealthcareService", service.toString(), null));
	}

	@Override
	@PreAuthorize(EDITORS)
	public void resolve(UUID service, UUID correction) {
		int n = jdbc.sql("""
				update community_correction set resolved_at = now(), resolved_by = ?
				where id = ? and service_id = ? and resolved_at is null""")
			.params(CurrentActor.name(), correction, service).update();
		if (n == 0) throw new NotFoundException("community correction", correction);
		String text = jdbc.sql("select text from community_correction where id = ?").param(correction).query(String.class).single();
		change("SERVICE", service, "correction dealt with: " + shorten(text));
	}

	private void change(String entity, UUID id, String summary) {
		String s = summary.length() > 4000 ? summary.substring(0, 3997) + "..." : summary;
		jdbc.sql("insert into community_directory_change (id, entity, entity_id, changed_by, summary) values (?, ?, ?, ?, ?)")
			.params(Ids.newId(), entity, id, CurrentActor.name(), s).update();
	}

	static Set<Eligibility> groups(List<String> codes) {
		Set<Eligibility> out = EnumSet.noneOf(Eligibility.class);
		codes.forEach(c -> Eligibility.of(c).ifPresent(out::add));
		return out;
	}

	static Set<Need> needs(List<String> codes) {
		Set<Need> out = EnumSet.noneOf(Need.class);
		codes.forEach(c -> Need.of(c).ifPresent(out::add));
		return out;
	}

	private static java.time.@Nullable Instant instant(ResultSet rs, String column) throws SQLException {
		Timestamp t = rs.getTimestamp(column);
		return t == null ? null : t.toInstant();
	}

	static Map<String, Object> map() {
		return new LinkedHashMap<>();
	}
}
