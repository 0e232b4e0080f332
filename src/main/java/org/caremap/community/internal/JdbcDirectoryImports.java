package org.caremap.community.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.caremap.audit.AuditEntry;
import org.caremap.audit.AuditTrail;
import org.caremap.community.DirectoryImports;
import org.caremap.community.DirectorySearch;
import org.caremap.community.ImportReport;
import org.caremap.shared.CurrentActor;
import org.caremap.shared.DomainException;
import org.caremap.shared.Ids;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes an HSDS file into the directory, one record per transaction (a record is written whole or not at all), and
 * keeps the report in {@code community_import}. A record's content fingerprint decides: new (added), the same
 * (unchanged), different (updated); in a full import, the source's records the file no longer holds are retired.
 */
@Component
class JdbcDirectoryImports implements DirectoryImports {

	static final String IMPORTERS = "hasAnyRole('ADMIN', 'SYSTEM')";
	private static final Logger log = LoggerFactory.getLogger(JdbcDirectoryImports.class);

	private final JdbcClient jdbc;
	private final TransactionTemplate tx;
	private final AuditTrail audit;
	private final CommunityProperties properties;
	private final DirectorySearch search;

	JdbcDirectoryImports(JdbcClient jdbc, PlatformTransactionManager transactions, AuditTrail audit,
			CommunityProperties properties, DirectorySearch search) {
		this.jdbc = jdbc;
		this.tx = new TransactionTemplate(transactions);
		this.tx.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
		this.audit = audit;
		this.properties = properties;
		this.search = search;
	}

	private HsdsReader reader() {
		return new HsdsReader(properties.importMaxBytes(), properties.importMaxRecords());
	}

	@Override
	@PreAuthorize(IMPORTERS)
	public ImportReport importFile(String source, String fileName, byte[] content, boolean full) {
		String name = fileName == null || fileName.isBlank() ? "upload" : fileName.strip();
		return run(source, name.length() > 300 ? name.substring(0, 300) : name, full, () -> reader().read(name, content));
	}

	@Override
	@PreAuthorize(IMPORTERS)
	public ImportReport importFolder(String source, Path folder, boolean full) {
		return run(source, folder.getFileName() == null ? "folder" : folder.getFileName().toString(), full, () -> {
			try {
				return reader().read(folder);
			}
			catch (IOException ex) {
				throw new IllegalArgumentException("the folder cannot be read: " + ex.getMessage());
			}
		});
	}

	ImportReport run(String source, String fileName, boolean full, java.util.function.Supplier<HsdsReader.Package> read) {
		String src = source == null ? "" : source.strip();
		if (src.isEmpty() || src.length() > 200) throw new DomainException("community.import-source", "name the source (1 to 200 characters)");
		if (src.equalsIgnoreCase("caremap")) throw new DomainException("community.import-source-reserved", "the source 'caremap' is staff's own entries");
		UUID id = Ids.newId();
		String me = CurrentActor.name();
		tx.executeWithoutResult(s -> jdbc.sql("""
				insert into community_import (id, source, format, file_name, imported_by, status) values (?, ?, 'HSDS_JSON', ?, ?, 'RUNNING')""")
			.params(id, src, fileName, me).update());
		List<ImportReport.Problem> problems = new ArrayList<>();
		Counts counts = new Counts();
		String format = "HSDS_JSON";
		String status = "DONE";
		try {
			HsdsReader.Package pkg = read.get();
			format = pkg.format;
			pkg.problems.forEach(p -> problems.add(new ImportReport.Problem("file", null, p, true)));
			write(src, pkg, full, problems, counts);
		}
		catch (IllegalArgumentException ex) {
			status = "FAILED";
			problems.add(new ImportReport.Problem("file", null, ex.getMessage(), true));
		}
		catch (RuntimeException ex) {
			status = "FAILED";
			log.warn("Import {} of {} failed", id, fileName, ex);
			problems.add(new ImportReport.Problem("file", null, "the import stopped on an unexpected problem; nothing more was read. The server log holds the details (import " + id + ").", true));
		}
		String report = HsdsReader.JSON.writeValueAsString(problems.stream().map(p -> {
			Map<String, Object> m = new LinkedHashMap<>();
			m.put("record", p.record());
			m.put("field", p.field());
			m.put("message", p.message());
			m.put("skipped", p.skipped());
			return m;
		}).toList());
		String f = format;
		String st = status;
		tx.executeWithoutResult(s -> {
			jdbc.sql("""
					update community_import set format = ?, finished_at = now(), status = ?, added = ?, updated = ?, unchanged = ?,
					    retired = ?, report = cast(? as jsonb) where id = ?""")
				.params(f, st, counts.added, counts.updated, counts.unchanged, counts.retired, report, id).update();
			audit.record(AuditEntry.write("IMPORT", "HealthcareService", id.toString(), null)
				.withOutcome(org.caremap.audit.AuditOutcome.SUCCESS, src + ": " + counts));
		});
		return find(id).orElseThrow();
	}

	static final class Counts {
		int added;
		int updated;
		int unchanged;
		int retired;

		@Override
		public String toString() {
			return added + " added, " + updated + " updated, " + unchanged + " unchanged, " + retired + " retired";
		}
	}

	private enum Outcome {
		ADDED, UPDATED, UNCHANGED
	}

	private void count(Counts c, Outcome o) {
		switch (o) {
			case ADDED -> c.added++;
			case UPDATED -> c.updated++;
			case UNCHANGED -> c.unchanged++;
		}
	}

	private void write(String source, HsdsReader.Package pkg, boolean full, List<ImportReport.Problem> problems, Counts counts) {
		HsdsMapper mapper = new HsdsMapper(problems);
		String me = CurrentActor.name();
		Set<String> seenOrgs = new HashSet<>();
		Set<String> seenLocations = new HashSet<>();
		Set<String> seenServices = new HashSet<>();
		Map<String, UUID> orgIds = new HashMap<>();
		for (var e : pkg.organizations.entrySet()) {
			String ext = HsdsReader.id(e.getValue());
			if (ext != null) seenOrgs.add(ext);
			HsdsMapper.Org org = mapper.organization(e.getKey(), e.getValue());
			if (org == null) continue;
			guarded(org.id(), problems, () -> {
				count(counts, upsertOrganization(source, org, me, orgIds));
			});
		}
		// which services are at which locations (and the hours given there)
		Map<String, List<String>> locationsOfService = new HashMap<>();
		Map<String, List<HsdsMapper.Slot>> slotsOfService = new HashMap<>();
		Map<String, String> serviceOfLocation = new HashMap<>();
		for (var e : pkg.servicesAtLocations.entrySet()) {
			String service = HsdsReader.text(e.getValue(), "service_id");
			String location = HsdsReader.text(e.getValue(), "location_id");
			if (service == null || location == null) {
				problems.add(new ImportReport.Problem(e.getKey(), "service_id", "a service at a location names no service or no location", true));
				continue;
			}
			locationsOfService.computeIfAbsent(service, k -> new ArrayList<>()).add(location);
			serviceOfLocation.putIfAbsent(location, service);
			slotsOfService.computeIfAbsent(service, k -> new ArrayList<>())
				.addAll(mapper.slots(e.getKey(), e.getValue().path("schedules"), location));
		}
		Map<String, UUID> locationIds = new HashMap<>();
		for (var e : pkg.locations.entrySet()) {
			String ext = HsdsReader.id(e.getValue());
			if (ext != null) seenLocations.add(ext);
			HsdsMapper.Loc loc = mapper.location(e.getKey(), e.getValue());
			if (loc == null) continue;
			UUID org = organization(source, loc.organizationId(), orgIds);
			if (org == null && serviceOfLocation.containsKey(loc.id())) {
				ObjectNode service = pkg.services.get(serviceOfLocation.get(loc.id()));
				if (service != null) org = organization(source, HsdsReader.text(service, "organization_id"), orgIds);
			}
			if (org == null) {
				problems.add(new ImportReport.Problem(loc.id(), "organization_id", "the location's organisation is not in the file: skipped", true));
				continue;
			}
			UUID organization = org;
			guarded(loc.id(), problems, () -> count(counts, upsertLocation(source, loc, organization, me, locationIds)));
		}
		for (var e : pkg.services.entrySet()) {
			String ext = HsdsReader.id(e.getValue());
			if (ext != null) seenServices.add(ext);
			List<String> at = locationsOfService.getOrDefault(ext, List.of());
			HsdsMapper.Svc svc = mapper.service(e.getKey(), e.getValue(), at, slotsOfService.getOrDefault(ext, List.of()));
			if (svc == null) continue;
			UUID org = organization(source, svc.organizationId(), orgIds);
			if (org == null) {
				problems.add(new ImportReport.Problem(svc.id(), "organization_id", "the service's organisation is not in the file: skipped", true));
				continue;
			}
			guarded(svc.id(), problems, () -> count(counts, upsertService(source, svc, org, me, locationIds)));
		}
		if (full) {
			tx.executeWithoutResult(s -> {
				counts.retired += retire("community_service", source, seenServices, me);
				counts.retired += retire("community_location", source, seenLocations, me);
				counts.retired += retire("community_organization", source, seenOrgs, me);
			});
		}
	}

	private void guarded(String record, List<ImportReport.Problem> problems, Runnable work) {
		try {
			tx.executeWithoutResult(s -> work.run());
		}
		catch (DataAccessException ex) {
			String message = ex.getMostSpecificCause().getMessage();
			problems.add(new ImportReport.Problem(record, null, "not written: " + (message == null ? ex.getClass().getSimpleName()
					: message.lines().findFirst().orElse("")), true));
		}
		catch (RuntimeException ex) {
			log.warn("Record {} not imported", record, ex);
			problems.add(new ImportReport.Problem(record, null, "not written: " + ex.getClass().getSimpleName(), true));
		}
	}

	private int retire(String table, String source, Set<String> seen, String me) {
		String extra = table.equals("community_location") ? "" : ", version = version + 1";
		return jdbc.sql("update " + table + " set status = 'RETIRED', updated_at = now(), updated_by = ?" + extra
				+ " where source = ? and external_id is not null and status = 'ACTIVE' and not (external_id = any(?))")
			.params(me, source, seen.toArray(String[]::new)).update();
	}

	private @Nullable UUID organization(String source, @Nullable String ext, Map<String, UUID> known) {
		if (ext == null) return null;
		UUID id = known.get(ext);
		if (id != null) return id;
		return jdbc.sql("select id from community_organization where source = ? and external_id = ?").params(source, ext)
			.query(UUID.class).optional().orElse(null);
	}

	private record Existing(UUID id, @Nullable String hash, String status) {
	}

	private Optional<Existing> existing(String table, String source, String ext) {
		return jdbc.sql("select id, content_hash, status from " + table + " where source = ? and external_id = ?")
			.params(source, ext)
			.query((rs, n) -> new Existing(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3)))
			.optional();
	}

	private Outcome upsertOrganization(String source, HsdsMapper.Org o, String me, Map<String, UUID> ids) {
		String hash = HsdsMapper.hash(o);
		Optional<Existing> old = existing("community_organization", source, o.id());
		if (old.isPresent()) {
			ids.put(o.id(), old.get().id());
			if (hash.equals(old.get().hash()) && old.get().status().equals("ACTIVE")) return Outcome.UNCHANGED;
			jdbc.sql("""
					update community_organization set name = ?, alternate_name = ?, description = ?, email = ?, website = ?, phone = ?,
					    status = 'ACTIVE', content_hash = ?, updated_at = now(), updated_by = ?, version = version + 1 where id = ?""")
				.params(o.name(), o.alternateName(), o.description(), o.email(), o.website(), o.phone(), hash, me, old.get().id())
				.update();
			return Outcome.UPDATED;
		}
		UUID id = Ids.newId();
		jdbc.sql("""
				insert into community_organization (id, source, external_id, name, alternate_name, description, email, website, phone,
				    content_hash, created_by, updated_by) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(id, source, o.id(), o.name(), o.alternateName(), o.description(), o.email(), o.website(), o.phone(), hash, me, me)
			.update();
		ids.put(o.id(), id);
		return Outcome.ADDED;
	}

	private Outcome upsertLocation(String source, HsdsMapper.Loc l, UUID organization, String me, Map<String, UUID> ids) {
		String hash = HsdsMapper.hash(l) + organization;
		Double lat = l.latitude();
		Double lon = l.longitude();
		if (lat == null && l.postalCode() != null && (l.country() == null || l.country().equals("US"))) {
			var centre = search.zip(l.postalCode()).orElse(null);
			if (centre != null) {
				lat = centre.latitude();
				lon = centre.longitude();
			}
		}
		Optional<Existing> old = existing("community_location", source, l.id());
		if (old.isPresent()) {
			ids.put(l.id(), old.get().id());
			if (hash.equals(old.get().hash()) && old.get().status().equals("ACTIVE")) return Outcome.UNCHANGED;
			jdbc.sql("""
					update community_location set organization_id = ?, name = ?, address_1 = ?, address_2 = ?, city = ?, state = ?,
					    postal_code = ?, country = ?, latitude = ?, longitude = ?, transportation = ?, accessibility = ?,
					    status = 'ACTIVE', content_hash = ?, updated_at = now(), updated_by = ? where id = ?""")
				.params(organization, l.name(), l.address1(), l.address2(), l.city(), l.state(), l.postalCode(), l.country(), lat, lon,
						l.transportation(), l.accessibility(), hash, me, old.get().id())
				.update();
			return Outcome.UPDATED;
		}
		UUID id = Ids.newId();
		jdbc.sql("""
				insert into community_location (id, organization_id, source, external_id, name, address_1, address_2, city, state,
				    postal_code, country, latitude, longitude, transportation, accessibility, content_hash, updated_by)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(id, organization, source, l.id(), l.name(), l.address1(), l.address2(), l.city(), l.state(), l.postalCode(),
					l.country(), lat, lon, l.transportation(), l.accessibility(), hash, me)
			.update();
		ids.put(l.id(), id);
		return Outcome.ADDED;
	}

	private Outcome upsertService(String source, HsdsMapper.Svc s, UUID organization, String me, Map<String, UUID> locationIds) {
		String hash = HsdsMapper.hash(s) + organization;
		Optional<Existing> old = existing("community_service", source, s.id());
		String status = s.active() ? "ACTIVE" : "RETIRED";
		UUID id;
		Outcome outcome;
		Object[] values = { organization, s.name(), s.alternateName(), s.description(), s.url(), s.email(), s.phone(),
				s.applicationProcess(), s.interpretation(), s.fees(), s.free(), s.eligibilityDescription(), s.minimumAge(),
				s.maximumAge(), s.groups().toArray(String[]::new), s.incomeLimit(), s.needs().toArray(String[]::new),
				s.languages().toArray(String[]::new), s.areaZips().toArray(String[]::new), s.areaText(), status, hash, me };
		if (old.isPresent()) {
			id = old.get().id();
			if (hash.equals(old.get().hash()) && old.get().status().equals(status)) return Outcome.UNCHANGED;
			List<Object> params = new ArrayList<>(java.util.Arrays.asList(values));
			params.add(id);
			jdbc.sql("""
					update community_service set organization_id = ?, name = ?, alternate_name = ?, description = ?, url = ?, email = ?,
					    phone = ?, application_process = ?, interpretation_services = ?, fees_description = ?, free = ?,
					    eligibility_description = ?, minimum_age = ?, maximum_age = ?, eligibility = ?, income_limit_fpl_percent = ?,
					    needs = ?, languages = ?, service_area_zips = ?, service_area_text = ?, status = ?, content_hash = ?,
					    updated_at = now(), updated_by = ?, version = version + 1 where id = ?""")
				.params(params).update();
			jdbc.sql("delete from community_schedule where service_id = ?").param(id).update();
			jdbc.sql("delete from community_service_taxonomy where service_id = ?").param(id).update();
			jdbc.sql("delete from community_service_location where service_id = ?").param(id).update();
			outcome = Outcome.UPDATED;
		}
		else {
			id = Ids.newId();
			List<Object> params = new ArrayList<>();
			params.add(id);
			params.add(source);
			params.add(s.id());
			params.addAll(java.util.Arrays.asList(values));
			params.add(me);
			jdbc.sql("""
					insert into community_service (id, source, external_id, organization_id, name, alternate_name, description, url,
					    email, phone, application_process, interpretation_services, fees_description, free, eligibility_description,
					    minimum_age, maximum_age, eligibility, income_limit_fpl_percent, needs, languages, service_area_zips,
					    service_area_text, status, content_hash, updated_by, created_by)
					values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
				.params(params).update();
			outcome = Outcome.ADDED;
		}
		if (s.assured() != null) {
			Timestamp assured = Timestamp.from(s.assured().atStartOfDay(java.time.ZoneOffset.UTC).toInstant());
			jdbc.sql("update community_service set verified_at = ?, verified_by = ? where id = ? and (verified_at is null or verified_at < ?)")
				.params(assured, source, id, assured).update();
		}
		for (String ext : s.locationIds()) {
			UUID location = locationIds.get(ext);
			if (location == null) {
				location = jdbc.sql("select id from community_location where source = ? and external_id = ?").params(source, ext)
					.query(UUID.class).optional().orElse(null);
			}
			if (location == null) continue;
			jdbc.sql("insert into community_service_location (id, service_id, location_id) values (?, ?, ?) on conflict do nothing")
				.params(Ids.newId(), id, location).update();
		}
		for (HsdsMapper.Slot slot : s.schedules()) {
			UUID location = slot.locationId() == null ? null : locationIds.get(slot.locationId());
			jdbc.sql("insert into community_schedule (id, service_id, location_id, weekday, opens_at, closes_at) values (?, ?, ?, ?, ?, ?)")
				.params(Ids.newId(), id, location, slot.weekday(), slot.opens(), slot.closes()).update();
		}
		for (HsdsMapper.Term t : s.taxonomy()) {
			jdbc.sql("insert into community_service_taxonomy (service_id, taxonomy, code, name) values (?, ?, ?, ?) on conflict do nothing")
				.params(id, t.taxonomy(), t.code(), t.name()).update();
		}
		return outcome;
	}

	@Override
	public List<ImportReport> recent(int limit) {
		return jdbc.sql("select * from community_import order by started_at desc, id limit ?").param(Math.max(1, Math.min(limit, 100)))
			.query((rs, n) -> report(rs)).list();
	}

	@Override
	public Optional<ImportReport> find(UUID id) {
		return jdbc.sql("select * from community_import where id = ?").param(id).query((rs, n) -> report(rs)).optional();
	}

	private static ImportReport report(java.sql.ResultSet rs) throws java.sql.SQLException {
		List<ImportReport.Problem> problems = new ArrayList<>();
		JsonNode report = HsdsReader.JSON.readTree(rs.getString("report"));
		for (JsonNode p : report) {
			problems.add(new ImportReport.Problem(p.path("record").asString(), HsdsReader.text(p, "field"),
					p.path("message").asString(), p.path("skipped").asBoolean(false)));
		}
		Timestamp finished = rs.getTimestamp("finished_at");
		return new ImportReport(rs.getObject("id", UUID.class), rs.getString("source"), rs.getString("format"),
				rs.getString("file_name"), rs.getTimestamp("started_at").toInstant(), finished == null ? null : finished.toInstant(),
				rs.getString("imported_by"), rs.getString("status"), rs.getInt("added"), rs.getInt("updated"),
				rs.getInt("unchanged"), rs.getInt("retired"), problems);
	}

	static Instant now() {
		return Instant.now();
	}
}
