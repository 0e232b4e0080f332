package org.caremap.patient.fhir;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import ca.uhn.fhir.rest.param.DateRangeParam;
import ca.uhn.fhir.rest.param.StringParam;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.SimpleBundleProvider;
import org.caremap.access.AccessPurpose;
import org.caremap.access.PatientAccess;
import org.caremap.audit.AuditEntry;
import org.caremap.audit.AuditTrail;
import org.caremap.fhir.FhirPage;
import org.caremap.patient.DatePrecision;
import org.caremap.patient.IdentifierType;
import org.caremap.patient.PatientIdentifier;
import org.caremap.patient.Sex;
import org.caremap.shared.PatientId;
import org.hl7.fhir.r4.model.Patient;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Patients as FHIR in one statement each (issue 24): a read is the patient's row with its identifiers; a search page
 * is its total and its rows with their identifiers. Each goes through the one access check and is audited as a read
 * of the patient, as the registry's reads are. The FHIR Patient holds demographics and identifiers only (no
 * conditions), so no Part 2 record is in it.
 */
@Component
class FhirPatientRows {

	/** What a FHIR Patient is made of, from {@code patient p}. */
	private static final String COLUMNS = """
			p.id, p.family_name, p.given_name, p.middle_name, p.birth_date, p.birth_date_precision, p.sex, p.phone,
			p.email, p.address_line, p.city, p.state, p.postal_code, p.preferred_language,
			coalesce(p.updated_at, p.created_at) as last_updated""";

	/** The identifiers of the patient {@code <patient>.id}, in the registry's order, as four parallel arrays. */
	private static String identifiers(String patient) {
		return """
				left join lateral (select array_agg(i.type order by i.type, i.system, i.value) as id_types,
				                          array_agg(i.system order by i.type, i.system, i.value) as id_systems,
				                          array_agg(i.value order by i.type, i.system, i.value) as id_values,
				                          array_agg(i.assigner order by i.type, i.system, i.value) as id_assigners
				                   from patient_identifier i where i.patient_id = %s.id) ids on true""".formatted(patient);
	}

	/** A name part folded (accents off, lower case) in byte order, as V120 indexes it: {@code family}, {@code given}, {@code middle}. */
	static String folded(String part) {
		return "(caremap_name_fold(p." + part + "_name) collate \"C\")";
	}

	/** A name part's folded value starts with the folded value (below it every longer string starting so). */
	private static final String STARTS_WITH = "(%1$s >= caremap_name_fold(?) and %1$s < caremap_name_fold(?) || chr(1114111))";

	private final JdbcClient jdbc;
	private final PatientAccess access;
	private final AuditTrail audit;

	FhirPatientRows(JdbcClient jdbc, PatientAccess access, AuditTrail audit) {
		this.jdbc = jdbc;
		this.access = access;
		this.audit = audit;
	}

	/** The patient, if there is one (a refusal is audited and thrown); the read is audited. */
	@Transactional(readOnly = true)
	public Optional<Patient> read(PatientId id) {
		access.require(id, AccessPurpose.READ);
		Optional<Patient> found = jdbc.sql("select " + COLUMNS + ", ids.* from patient p " + identifiers("p")
				+ " where p.id = ? and not p.voided")
			.param(id.value())
			.query((rs, n) -> patient(rs))
			.optional();
		audit.record(AuditEntry.read("Patient", id.toString(), id));
		return found;
	}

	/** These patients (those there are), each read audited; the caller has decided they may be read. */
	@Transactional(readOnly = true)
	public List<Patient> load(Collection<PatientId> patients) {
		if (patients.isEmpty()) return List.of();
		List<Patient> found = jdbc.sql("select " + COLUMNS + ", ids.* from patient p " + identifiers("p")
				+ " where p.id = any(?) and not p.voided")
			.param(patients.stream().map(PatientId::value).distinct().toArray(UUID[]::new))
			.query((rs, n) -> patient(rs))
			.list();
		audited(found);
		return found;
	}

	/** The conditions of a search, each with its parameters. */
	static final class Where {

		private final StringBuilder sql = new StringBuilder("not p.voided and p.merged_into is null");
		private final List<Object> params = new ArrayList<>();

		Where and(String condition, Object... values) {
			sql.append(" and (").append(condition).append(')');
			params.addAll(List.of(values));
			return this;
		}
	}

	/**
	 * One page of a search and the total, in one statement, in the order of the names' index (family, given, id);
	 * only the patients the caller may read; each patient shown audited as a read.
	 */
	@Transactional(readOnly = true)
	public SimpleBundleProvider search(@Nullable TokenParam identifier, @Nullable StringParam name,
			@Nullable StringParam family, @Nullable StringParam given, @Nullable DateRangeParam birthdate,
			@Nullable TokenParam gender, @Nullable DateRangeParam lastUpdated, @Nullable Integer offset,
			@Nullable Integer count) {
		FhirPage slice = FhirPage.of(offset, count);
		Where where = new Where();
		Set<PatientId> scope = access.readableScope();
		if (scope != null) {
			if (scope.isEmpty()) return slice.bundle(List.of(), 0);
			where.and("p.id = any(?)", (Object) scope.stream().map(PatientId::value).toArray(UUID[]::new));
		}
		if (identifier != null) {
			if (identifier.getSystem() != null && !identifier.getSystem().isBlank()) {
				where.and("p.id in (select i.patient_id from patient_identifier i where i.system = ? and i.value = ?)",
						text(identifier.getSystem()), text(identifier.getValue()));
			}
			else {
				where.and("p.id in (select i.patient_id from patient_identifier i where i.value = ?)", text(identifier.getValue()));
			}
		}
		if (name != null) names(where, name, "family", "given", "middle");
		if (family != null) names(where, family, "family");
		// given names: the first and the middle one (both are HumanName.given)
		if (given != null) names(where, given, "given", "middle");
		if (birthdate != null) {
			if (birthdate.getLowerBoundAsInstant() != null) where.and("p.birth_date >= ?", day(birthdate.getLowerBoundAsInstant()));
			if (birthdate.getUpperBoundAsInstant() != null) where.and("p.birth_date <= ?", day(birthdate.getUpperBoundAsInstant()));
		}
		if (gender != null) where.and("p.sex = ?", gender.getValue().toLowerCase(Locale.ROOT));
		if (lastUpdated != null) {
			if (lastUpdated.getLowerBoundAsInstant() != null) {
				where.and("coalesce(p.updated_at, p.created_at) >= ?", lastUpdated.getLowerBoundAsInstant().toInstant().atOffset(ZoneOffset.UTC));
			}
			if (lastUpdated.getUpperBoundAsInstant() != null) {
				where.and("coalesce(p.updated_at, p.created_at) <= ?", lastUpdated.getUpperBoundAsInstant().toInstant().atOffset(ZoneOffset.UTC));
			}
		}
		List<Object> params = new ArrayList<>(where.params);
		params.addAll(where.params);
		params.add(slice.size());
		params.add(slice.from());
		long[] total = { 0 };
		List<Patient> page = new ArrayList<>();
		jdbc.sql("select t.total, r.*, ids.* from (select count(*) as total from patient p where " + where.sql + ") t"
				+ " left join lateral (select " + COLUMNS + ", " + folded("family") + " as family_fold, " + folded("given")
				+ " as given_fold from patient p where " + where.sql + " order by " + folded("family") + ", " + folded("given")
				+ ", p.id limit ? offset ?) r on true " + identifiers("r") + " order by r.family_fold, r.given_fold, r.id")
			.params(params)
			.query(rs -> {
				total[0] = rs.getLong("total");
				if (rs.getObject("id") != null) page.add(patient(rs));
			});
		audited(page);
		return slice.bundle(page, total[0]);
	}

	/** Each patient served is audited as a read of the patient. */
	private void audited(List<Patient> served) {
		audit.recordAll(served.stream()
			.map(p -> AuditEntry.read("Patient", p.getIdPart(), new PatientId(UUID.fromString(p.getIdPart()))))
			.toList());
	}

	/**
	 * A string parameter on these name parts ({@code family}, {@code given}, {@code middle}): any part starts with the
	 * value, ignoring case and accents (FHIR's default); {@code :exact} equals it exactly; {@code :contains} holds it
	 * anywhere (ignoring case and accents, not served by an index).
	 */
	private static void names(Where where, StringParam param, String... parts) {
		String value = text(param.getValue() == null ? "" : param.getValue().strip());
		List<String> any = new ArrayList<>();
		List<Object> values = new ArrayList<>();
		for (String part : parts) {
			String folded = folded(part);
			if (param.isExact()) {
				any.add("(" + folded + " = caremap_name_fold(?) and p." + part + "_name = ?)");
				values.add(value);
				values.add(value);
			}
			else if (param.isContains()) {
				any.add("strpos(" + folded + ", caremap_name_fold(?)) > 0");
				values.add(value);
			}
			else {
				any.add(STARTS_WITH.formatted(folded));
				values.add(value);
				values.add(value);
			}
		}
		where.and(String.join(" or ", any), values.toArray());
	}

	/** A value to search for: no text holds a NUL (the database takes none), so one is a bad request. */
	private static String text(@Nullable String value) {
		if (value == null) return "";
		// a bad request, said in the reader's language by the FHIR server's error translation
		if (value.indexOf('\0') >= 0) throw new IllegalArgumentException("a search value holds a NUL character");
		return value;
	}

	private static LocalDate day(Date date) {
		return date.toInstant().atOffset(ZoneOffset.UTC).toLocalDate();
	}

	private static Patient patient(ResultSet rs) throws SQLException {
		List<PatientIdentifier> identifiers = new ArrayList<>();
		java.sql.Array types = rs.getArray("id_types");
		if (types != null) {
			String[] type = (String[]) types.getArray();
			String[] system = (String[]) rs.getArray("id_systems").getArray();
			String[] value = (String[]) rs.getArray("id_values").getArray();
			String[] assigner = (String[]) rs.getArray("id_assigners").getArray();
			for (int i = 0; i < type.length; i++) {
				identifiers.add(new PatientIdentifier(IdentifierType.valueOf(type[i]), system[i], value[i], assigner[i]));
			}
		}
		PatientResourceProvider.Shown d = new PatientResourceProvider.Shown(
				new PatientId(rs.getObject("id", UUID.class)), rs.getString("family_name"), rs.getString("given_name"),
				rs.getString("middle_name"), DatePrecision.valueOf(rs.getString("birth_date_precision"))
					.format(rs.getObject("birth_date", LocalDate.class)),
				Sex.valueOf(rs.getString("sex").toUpperCase(Locale.ROOT)), rs.getString("phone"), rs.getString("email"),
				rs.getString("address_line"), rs.getString("city"), rs.getString("state"), rs.getString("postal_code"),
				rs.getString("preferred_language"), identifiers);
		return PatientResourceProvider.toFhir(d, rs.getObject("last_updated", java.time.OffsetDateTime.class).toInstant());
	}
}
