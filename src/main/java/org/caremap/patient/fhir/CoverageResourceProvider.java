package org.caremap.patient.fhir;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Date;
import java.util.Optional;
import java.util.UUID;

import ca.uhn.fhir.rest.annotation.Count;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Offset;
import ca.uhn.fhir.rest.annotation.OptionalParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.param.DateRangeParam;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import org.caremap.access.AccessPurpose;
import org.caremap.access.PatientAccess;
import org.caremap.audit.AuditEntry;
import org.caremap.audit.AuditTrail;
import org.caremap.fhir.FhirSearch;
import org.caremap.shared.PatientId;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Coverage;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Reference;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The patient's insurance as FHIR Coverage (US Core Coverage): payer, member id, group and plan, dates and order
 * of benefits. Read; search by patient (or beneficiary) and last update.
 */
@Component
class CoverageResourceProvider implements IResourceProvider {

	static final String PROFILE = "http://hl7.org/fhir/us/core/StructureDefinition/us-core-coverage";

	private final JdbcClient jdbc;
	private final PatientAccess access;
	private final AuditTrail audit;

	CoverageResourceProvider(JdbcClient jdbc, PatientAccess access, AuditTrail audit) {
		this.jdbc = jdbc;
		this.access = access;
		this.audit = audit;
	}

	@Override
	public Class<Coverage> getResourceType() {
		return Coverage.class;
	}

	@Read
	public Coverage read(@IdParam IdType id) {
		return FhirSearch.id(id.getIdPart()).flatMap(this::load).orElseThrow(() -> new ResourceNotFoundException(id));
	}

	@Search
	public IBundleProvider search(@OptionalParam(name = Coverage.SP_PATIENT) @Nullable ReferenceParam patient,
			@OptionalParam(name = Coverage.SP_BENEFICIARY) @Nullable ReferenceParam beneficiary,
			@OptionalParam(name = "_lastUpdated") @Nullable DateRangeParam lastUpdated,
			@Offset @Nullable Integer offset, @Count @Nullable Integer count) {
		FhirSearch search = new FhirSearch("patient_coverage c").and("not c.voided").readableBy(access.readableScope(), "c.patient_id");
		if (patient != null) search.and("c.patient_id = ?", FhirSearch.patient(patient));
		if (beneficiary != null) search.and("c.patient_id = ?", FhirSearch.patient(beneficiary));
		search.within("coalesce(c.updated_at, c.created_at)", lastUpdated);
		return search.page(jdbc, "c.id", "c.patient_id, c.priority, c.id", offset, count, this::load);
	}

	Optional<Coverage> load(UUID id) {
		Optional<Coverage> found = jdbc.sql("select * from patient_coverage where id = ? and not voided").param(id)
			.query(CoverageResourceProvider::toFhir).optional();
		found.ifPresent(c -> {
			PatientId patient = new PatientId(UUID.fromString(c.getBeneficiary().getReferenceElement().getIdPart()));
			access.require(patient, AccessPurpose.READ);
			audit.record(AuditEntry.read("Coverage", id.toString(), patient));
		});
		return found;
	}

	private static Coverage toFhir(ResultSet rs, int n) throws SQLException {
		Coverage c = new Coverage();
		c.setId(rs.getString("id"));
		OffsetDateTime updated = rs.getObject("updated_at", OffsetDateTime.class);
		OffsetDateTime created = rs.getObject("created_at", OffsetDateTime.class);
		c.getMeta().addProfile(PROFILE).setLastUpdated(Date.from((updated != null ? updated : created).toInstant()));
		c.setStatus(Coverage.CoverageStatus.ACTIVE);
		c.addIdentifier().setValue(rs.getString("member_id")).setType(new CodeableConcept().addCoding(
				new Coding(PatientResourceProvider.V2_0203, "MB", "Member Number")));
		c.setSubscriberId(rs.getString("member_id"));
		Reference patient = new Reference("Patient/" + rs.getString("patient_id"));
		c.setBeneficiary(patient);
		c.setRelationship(new CodeableConcept().addCoding(new Coding(
				"http://terminology.hl7.org/CodeSystem/subscriber-relationship", "self", "Self")));
		LocalDate from = rs.getObject("effective_from", LocalDate.class);
		LocalDate to = rs.getObject("effective_to", LocalDate.class);
		Period period = new Period().setStart(java.sql.Date.valueOf(from));
		if (to != null) period.setEnd(java.sql.Date.valueOf(to));
		c.setPeriod(period);
		c.addPayor(new Reference().setDisplay(rs.getString("payer")));
		String group = rs.getString("group_number");
		if (group != null && !group.isBlank()) {
			c.addClass_().setType(new CodeableConcept().addCoding(new Coding(
					"http://terminology.hl7.org/CodeSystem/coverage-class", "group", "Group"))).setValue(group);
		}
		String plan = rs.getString("plan");
		if (plan != null && !plan.isBlank()) {
			c.addClass_().setType(new CodeableConcept().addCoding(new Coding(
					"http://terminology.hl7.org/CodeSystem/coverage-class", "plan", "Plan"))).setValue(plan).setName(plan);
		}
		c.setOrder(rs.getInt("priority"));
		return c;
	}
}
