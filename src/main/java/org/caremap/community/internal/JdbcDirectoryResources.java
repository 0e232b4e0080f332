package org.caremap.community.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.caremap.community.DirectoryResources;
import org.caremap.community.Need;
import org.hl7.fhir.r4.model.Address;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.HealthcareService;
import org.hl7.fhir.r4.model.Location;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Reference;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Builds the directory's FHIR resources from its tables. */
@Component
@Transactional(readOnly = true)
class JdbcDirectoryResources implements DirectoryResources {

	static final String NEED_SYSTEM = "urn:caremap:community-need";
	static final String SDOHCC = "http://hl7.org/fhir/us/sdoh-clinicalcare/CodeSystem/SDOHCC-CodeSystemTemporaryCodes";
	static final String TAXONOMY_SYSTEM = "urn:caremap:community-taxonomy:";
	static final String SOURCE_SYSTEM = "urn:caremap:community-source:";
	/** The needs that have a code of the HL7 SDOH Clinical Care guide's category system. */
	static final Map<String, String> SDOH_CATEGORY = Map.of("food-insecurity", "food-insecurity", "housing-instability",
			"housing-instability", "homelessness", "homelessness", "housing-quality", "inadequate-housing", "transportation",
			"transportation-insecurity", "utilities", "utility-insecurity", "financial-strain", "financial-insecurity");
	private static final String[] DAYS = { "mon", "tue", "wed", "thu", "fri", "sat", "sun" };

	private final JdbcClient jdbc;

	JdbcDirectoryResources(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public Optional<HealthcareService> service(UUID id) {
		return jdbc.sql("""
				select s.*, o.name as organization_name from community_service s
				join community_organization o on o.id = s.organization_id where s.id = ?""")
			.param(id).query((rs, n) -> healthcareService(rs)).optional().map(this::complete);
	}

	private HealthcareService healthcareService(ResultSet rs) throws SQLException {
		HealthcareService h = new HealthcareService();
		UUID id = rs.getObject("id", UUID.class);
		h.setId(id.toString());
		h.getMeta().setLastUpdated(Date.from(rs.getTimestamp("updated_at").toInstant()));
		if (rs.getString("external_id") != null) {
			h.addIdentifier().setSystem(SOURCE_SYSTEM + rs.getString("source").replaceAll("[^A-Za-z0-9._-]", "-"))
				.setValue(rs.getString("external_id"));
		}
		h.setActive("ACTIVE".equals(rs.getString("status")));
		h.setProvidedBy(new Reference("Organization/" + rs.getObject("organization_id", UUID.class))
			.setDisplay(rs.getString("organization_name")));
		for (String need : JdbcDirectory.strings(rs.getArray("needs"))) {
			CodeableConcept category = h.addCategory();
			if (SDOH_CATEGORY.containsKey(need)) category.addCoding(new Coding(SDOHCC, SDOH_CATEGORY.get(need), null));
			category.addCoding(new Coding(NEED_SYSTEM, need, null));
			category.setText(Need.of(need).map(n -> n.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')).orElse(need));
		}
		h.setName(rs.getString("name"));
		if (rs.getString("description") != null) h.setComment(rs.getString("description"));
		StringBuilder extra = new StringBuilder();
		if (rs.getString("application_process") != null) extra.append("How to apply: ").append(rs.getString("application_process")).append("\n\n");
		if (rs.getBoolean("free")) extra.append("Cost: free\n\n");
		else if (rs.getString("fees_description") != null) extra.append("Cost: ").append(rs.getString("fees_description")).append("\n\n");
		if (!extra.isEmpty()) h.setExtraDetails(extra.toString().strip());
		if (rs.getString("phone") != null) h.addTelecom().setSystem(ContactPoint.ContactPointSystem.PHONE).setValue(rs.getString("phone"));
		if (rs.getString("email") != null) h.addTelecom().setSystem(ContactPoint.ContactPointSystem.EMAIL).setValue(rs.getString("email"));
		if (rs.getString("url") != null) h.addTelecom().setSystem(ContactPoint.ContactPointSystem.URL).setValue(rs.getString("url"));
		for (String language : JdbcDirectory.strings(rs.getArray("languages"))) {
			h.addCommunication().addCoding(new Coding("urn:ietf:bcp:47", language, null));
		}
		if (rs.getString("eligibility_description") != null || rs.getObject("minimum_age") != null) {
			HealthcareService.HealthcareServiceEligibilityComponent e = h.addEligibility();
			List<String> codes = JdbcDirectory.strings(rs.getArray("eligibility"));
			e.setCode(new CodeableConcept().setText(codes.isEmpty() ? "eligibility" : String.join(", ", codes)));
			StringBuilder comment = new StringBuilder();
			if (rs.getString("eligibility_description") != null) comment.append(rs.getString("eligibility_description"));
			Object min = rs.getObject("minimum_age");
			Object max = rs.getObject("maximum_age");
			if (min != null || max != null) comment.append(comment.isEmpty() ? "" : " ").append("Ages ").append(min == null ? "0" : min)
				.append(" to ").append(max == null ? "any" : max).append(".");
			e.setComment(comment.toString());
		}
		if (rs.getString("service_area_text") != null) h.addCoverageArea().setDisplay(rs.getString("service_area_text").length() > 200
				? rs.getString("service_area_text").substring(0, 200) : rs.getString("service_area_text"));
		return h;
	}

	private HealthcareService complete(HealthcareService h) {
		UUID id = UUID.fromString(h.getIdElement().getIdPart());
		jdbc.sql("select location_id from community_service_location where service_id = ? order by location_id").param(id)
			.query(UUID.class).list().forEach(l -> h.addLocation(new Reference("Location/" + l)));
		jdbc.sql("select taxonomy, code, name from community_service_taxonomy where service_id = ? order by taxonomy, code").param(id)
			.query((rs, n) -> h.addType(new CodeableConcept().addCoding(new Coding(
					TAXONOMY_SYSTEM + rs.getString(1).replaceAll("[^A-Za-z0-9._-]", "-"), rs.getString(2), rs.getString(3)))))
			.list();
		Map<String, List<HealthcareService.DaysOfWeek>> byTimes = new java.util.LinkedHashMap<>();
		jdbc.sql("select weekday, opens_at, closes_at from community_schedule where service_id = ? order by opens_at, closes_at, weekday")
			.param(id)
			.query((rs, n) -> byTimes.computeIfAbsent(rs.getObject(2, LocalTime.class) + "|" + rs.getObject(3, LocalTime.class),
					k -> new ArrayList<>()).add(HealthcareService.DaysOfWeek.fromCode(DAYS[rs.getInt(1) - 1])))
			.list();
		byTimes.forEach((times, days) -> {
			HealthcareService.HealthcareServiceAvailableTimeComponent t = h.addAvailableTime();
			days.stream().distinct().forEach(t::addDaysOfWeek);
			String[] parts = times.split("\\|");
			t.setAvailableStartTime(seconds(parts[0]));
			t.setAvailableEndTime(seconds(parts[1]));
		});
		return h;
	}

	private static String seconds(String time) {
		return time.length() == 5 ? time + ":00" : time;
	}

	@Override
	public Page<HealthcareService> services(Filter f, int from, int size) {
		StringBuilder where = new StringBuilder(" where true");
		Map<String, Object> p = new HashMap<>();
		if (f.name() != null) {
			where.append(" and s.name ilike :name");
			p.put("name", "%" + like(f.name()) + "%");
		}
		if (f.category() != null) {
			where.append(" and s.needs @> array[cast(:category as text)]");
			String code = f.category();
			for (var e : SDOH_CATEGORY.entrySet()) if (e.getValue().equals(code)) code = e.getKey();
			p.put("category", code);
		}
		if (f.type() != null) {
			where.append(" and exists (select 1 from community_service_taxonomy t where t.service_id = s.id and t.code = :type)");
			p.put("type", f.type());
		}
		if (f.organization() != null) {
			where.append(" and s.organization_id = :organization");
			p.put("organization", f.organization());
		}
		if (f.location() != null) {
			where.append(" and exists (select 1 from community_service_location sl where sl.service_id = s.id and sl.location_id = :location)");
			p.put("location", f.location());
		}
		if (f.active() != null) {
			where.append(" and s.status = :status");
			p.put("status", f.active() ? "ACTIVE" : "RETIRED");
		}
		updated(where, p, f, "s");
		long total = jdbc.sql("select count(*) from community_service s" + where).params(p).query(Long.class).single();
		p.put("from", from);
		p.put("size", size);
		List<UUID> ids = jdbc.sql("select s.id from community_service s" + where + " order by s.name, s.id offset :from limit :size")
			.params(p).query(UUID.class).list();
		return new Page<>(ids.stream().map(this::service).flatMap(Optional::stream).toList(), total);
	}

	private static void updated(StringBuilder where, Map<String, Object> p, Filter f, String alias) {
		if (f.updatedFrom() != null) {
			where.append(" and ").append(alias).append(".updated_at >= :updatedFrom");
			p.put("updatedFrom", Timestamp.from(f.updatedFrom()));
		}
		if (f.updatedTo() != null) {
			where.append(" and ").append(alias).append(".updated_at <= :updatedTo");
			p.put("updatedTo", Timestamp.from(f.updatedTo()));
		}
	}

	private static String like(String s) {
		return s.strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
	}

	@Override
	public Optional<Location> location(UUID id) {
		return jdbc.sql("select * from community_location where id = ?").param(id).query((rs, n) -> location(rs)).optional();
	}

	private static Location location(ResultSet rs) throws SQLException {
		Location l = new Location();
		l.setId(rs.getObject("id", UUID.class).toString());
		l.getMeta().setLastUpdated(Date.from(rs.getTimestamp("updated_at").toInstant()));
		l.setStatus("ACTIVE".equals(rs.getString("status")) ? Location.LocationStatus.ACTIVE : Location.LocationStatus.INACTIVE);
		l.setMode(Location.LocationMode.INSTANCE);
		if (rs.getString("external_id") != null) {
			l.addIdentifier().setSystem(SOURCE_SYSTEM + rs.getString("source").replaceAll("[^A-Za-z0-9._-]", "-"))
				.setValue(rs.getString("external_id"));
		}
		if (rs.getString("name") != null) l.setName(rs.getString("name"));
		if (rs.getString("transportation") != null) l.setDescription(rs.getString("transportation"));
		if (rs.getString("address_1") != null || rs.getString("city") != null || rs.getString("postal_code") != null) {
			Address a = l.getAddress();
			a.setUse(Address.AddressUse.WORK).setType(Address.AddressType.PHYSICAL);
			if (rs.getString("address_1") != null) a.addLine(rs.getString("address_1"));
			if (rs.getString("address_2") != null) a.addLine(rs.getString("address_2"));
			a.setCity(rs.getString("city")).setState(rs.getString("state")).setPostalCode(rs.getString("postal_code"))
				.setCountry(rs.getString("country"));
		}
		if (rs.getObject("latitude") != null) {
			l.getPosition().setLatitude(rs.getDouble("latitude")).setLongitude(rs.getDouble("longitude"));
		}
		l.setManagingOrganization(new Reference("Organization/" + rs.getObject("organization_id", UUID.class)));
		return l;
	}

	@Override
	public Page<Location> locations(Filter f, int from, int size) {
		StringBuilder where = new StringBuilder(" where true");
		Map<String, Object> p = new HashMap<>();
		if (f.name() != null) {
			where.append(" and l.name ilike :name");
			p.put("name", "%" + like(f.name()) + "%");
		}
		if (f.organization() != null) {
			where.append(" and l.organization_id = :organization");
			p.put("organization", f.organization());
		}
		if (f.active() != null) {
			where.append(" and l.status = :status");
			p.put("status", f.active() ? "ACTIVE" : "RETIRED");
		}
		String order = " order by l.name, l.id";
		if (f.near() != null) {
			double metres = (f.nearKilometres() == null ? 50 : f.nearKilometres()) * 1000;
			where.append(" and l.latitude is not null and l.status = 'ACTIVE'")
				.append(" and earth_box(ll_to_earth(:lat, :lon), :radius) @> ll_to_earth(l.latitude, l.longitude)")
				.append(" and earth_distance(ll_to_earth(l.latitude, l.longitude), ll_to_earth(:lat, :lon)) <= :radius");
			p.put("lat", f.near().latitude());
			p.put("lon", f.near().longitude());
			p.put("radius", metres);
			order = " order by earth_distance(ll_to_earth(l.latitude, l.longitude), ll_to_earth(:lat, :lon)), l.id";
		}
		updated(where, p, f, "l");
		long total = jdbc.sql("select count(*) from community_location l" + where).params(p).query(Long.class).single();
		p.put("from", from);
		p.put("size", size);
		List<Location> page = jdbc.sql("select l.* from community_location l" + where + order + " offset :from limit :size")
			.params(p).query((rs, n) -> location(rs)).list();
		return new Page<>(page, total);
	}

	@Override
	public Optional<Organization> organization(UUID id) {
		return jdbc.sql("select * from community_organization where id = ?").param(id).query((rs, n) -> organization(rs)).optional();
	}

	@Override
	public List<Organization> organizations(@Nullable String name, int limit) {
		if (name == null || name.isBlank()) {
			return jdbc.sql("select * from community_organization where status = 'ACTIVE' order by name, id limit ?").param(limit)
				.query((rs, n) -> organization(rs)).list();
		}
		// as the organisation endpoint matches: the name, or a word of it, starts with what was asked
		return jdbc.sql("""
				select * from community_organization where status = 'ACTIVE'
				  and (name ilike :prefix or name ilike :word) order by name, id limit :limit""")
			.param("prefix", like(name) + "%").param("word", "% " + like(name) + "%").param("limit", limit)
			.query((rs, n) -> organization(rs)).list();
	}

	private static Organization organization(ResultSet rs) throws SQLException {
		Organization o = new Organization();
		o.setId(rs.getObject("id", UUID.class).toString());
		o.getMeta().setLastUpdated(Date.from(rs.getTimestamp("updated_at").toInstant()));
		o.setActive("ACTIVE".equals(rs.getString("status")));
		o.setName(rs.getString("name"));
		if (rs.getString("alternate_name") != null) o.addAlias(rs.getString("alternate_name"));
		if (rs.getString("external_id") != null) {
			o.addIdentifier().setSystem(SOURCE_SYSTEM + rs.getString("source").replaceAll("[^A-Za-z0-9._-]", "-"))
				.setValue(rs.getString("external_id"));
		}
		o.addType(new CodeableConcept().addCoding(new Coding("http://terminology.hl7.org/CodeSystem/organization-type", "cg",
				"Community Group")));
		if (rs.getString("phone") != null) o.addTelecom().setSystem(ContactPoint.ContactPointSystem.PHONE).setValue(rs.getString("phone"));
		if (rs.getString("email") != null) o.addTelecom().setSystem(ContactPoint.ContactPointSystem.EMAIL).setValue(rs.getString("email"));
		if (rs.getString("website") != null) o.addTelecom().setSystem(ContactPoint.ContactPointSystem.URL).setValue(rs.getString("website"));
		return o;
	}
}
