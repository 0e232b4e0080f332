package org.caremap.billing.fhir;

import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.Date;
import java.util.Optional;
import java.util.UUID;

import ca.uhn.fhir.model.api.TemporalPrecisionEnum;
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
import org.caremap.organization.ProviderDirectory;
import org.caremap.organization.ProviderView;
import org.caremap.shared.PatientId;
import org.hl7.fhir.r4.model.ChargeItem;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The codes of signed billing worksheets as FHIR {@code ChargeItem}s (one per code of a patient's line, id
 * {@code <line>-<position>}): status billable, the CPT code and its units, the patient, the case (EpisodeOfCare), the
 * month as the occurrence period, the billing practitioner as performer and the sign-off as the entered date. Read and
 * search by patient and entered date, paged; only patients the caller may read, each ChargeItem audited. Drafts and
 * superseded versions are not served.
 */
@Component
class ChargeItemResourceProvider implements IResourceProvider {

	static final String CPT = "http://www.ama-assn.org/go/cpt";
	private static final String FROM = """
			billing_worksheet_code c join billing_worksheet_line l on l.id = c.line_id
			join billing_worksheet w on w.id = l.worksheet_id""";

	private final JdbcClient jdbc;
	private final PatientAccess access;
	private final AuditTrail audit;
	private final ProviderDirectory providers;

	ChargeItemResourceProvider(JdbcClient jdbc, PatientAccess access, AuditTrail audit, ProviderDirectory providers) {
		this.jdbc = jdbc;
		this.access = access;
		this.audit = audit;
		this.providers = providers;
	}

	@Override
	public Class<ChargeItem> getResourceType() {
		return ChargeItem.class;
	}

	@Read
	public ChargeItem read(@IdParam IdType id) {
		return load(id.getIdPart()).orElseThrow(() -> new ResourceNotFoundException(id));
	}

	@Search
	public IBundleProvider search(@OptionalParam(name = ChargeItem.SP_PATIENT) @Nullable ReferenceParam patient,
			@OptionalParam(name = ChargeItem.SP_SUBJECT) @Nullable ReferenceParam subject,
			@OptionalParam(name = ChargeItem.SP_ENTERED_DATE) @Nullable DateRangeParam entered,
			@Offset @Nullable Integer offset, @Count @Nullable Integer count) {
		FhirSearch search = new FhirSearch(FROM).readableBy(access.readableScope(), "l.patient_id").and("w.status = 'SIGNED'");
		if (patient != null) search.and("l.patient_id = ?", FhirSearch.patient(patient));
		if (subject != null) search.and("l.patient_id = ?", FhirSearch.patient(subject));
		search.within("w.signed_at", entered);
		return search.page(jdbc, String.class, "c.line_id::text || '-' || c.position", "w.signed_at desc, c.line_id, c.position",
				offset, count, this::load);
	}

	private record Row(UUID line, int position, PatientId patient, UUID caseId, String code, int units, LocalDate month,
			UUID practitioner, Timestamp signedAt) {
	}

	private Optional<ChargeItem> load(@Nullable String id) {
		if (id == null || !id.matches("^[0-9a-f-]{36}-[0-9]{1,3}$")) return Optional.empty();
		UUID line = UUID.fromString(id.substring(0, 36));
		int position = Integer.parseInt(id.substring(37));
		Optional<Row> row = jdbc.sql("select l.id, c.position, l.patient_id, l.case_id, c.code, c.units, w.month, "
				+ "w.practitioner_id, w.signed_at from " + FROM + " where c.line_id = ? and c.position = ? and w.status = 'SIGNED'")
			.params(line, position)
			.query((rs, n) -> new Row(rs.getObject(1, UUID.class), rs.getInt(2), new PatientId(rs.getObject(3, UUID.class)),
					rs.getObject(4, UUID.class), rs.getString(5), rs.getInt(6), rs.getObject(7, LocalDate.class),
					rs.getObject(8, UUID.class), rs.getTimestamp(9)))
			.optional();
		if (row.isEmpty()) return Optional.empty();
		Row r = row.get();
		access.require(r.patient(), AccessPurpose.READ);
		audit.record(AuditEntry.read("ChargeItem", id, r.patient()));
		ChargeItem item = new ChargeItem();
		item.setId(id);
		item.getMeta().setLastUpdated(Date.from(r.signedAt().toInstant()));
		item.setStatus(ChargeItem.ChargeItemStatus.BILLABLE);
		item.setCode(new CodeableConcept(new Coding(CPT, r.code(), null)).setText("CPT " + r.code()));
		item.setSubject(new Reference("Patient/" + r.patient().value()));
		item.setContext(new Reference("EpisodeOfCare/" + r.caseId()));
		Period month = new Period();
		month.setStartElement(new DateTimeType(java.sql.Date.valueOf(r.month()), TemporalPrecisionEnum.DAY));
		month.setEndElement(new DateTimeType(java.sql.Date.valueOf(r.month().withDayOfMonth(r.month().lengthOfMonth())),
				TemporalPrecisionEnum.DAY));
		item.setOccurrence(month);
		item.setQuantity(new Quantity(r.units()));
		item.addPerformer().setActor(new Reference("Practitioner/" + r.practitioner())
			.setDisplay(providers.find(r.practitioner()).map(ProviderView::name).orElse(null)));
		item.setEnteredDate(Date.from(r.signedAt().toInstant()));
		return Optional.of(item);
	}
}
