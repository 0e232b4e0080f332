package org.caremap.contact.fhir;

import java.sql.ResultSet;
import java.sql.SQLException;
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
import org.hl7.fhir.r4.model.Communication;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Reference;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Logged contacts as FHIR Communications: calls, visits, video, portal messages, letters and e-mails, with the
 * medium, when, with whom, and the summary. Attempts that reached nobody are {@code not-done} with the reason.
 * Read; search by patient (or subject), sent date and last update.
 */
@Component
class CommunicationResourceProvider implements IResourceProvider {

	private static final String MODE = "http://terminology.hl7.org/CodeSystem/v3-ParticipationMode";

	private final JdbcClient jdbc;
	private final PatientAccess access;
	private final AuditTrail audit;

	CommunicationResourceProvider(JdbcClient jdbc, PatientAccess access, AuditTrail audit) {
		this.jdbc = jdbc;
		this.access = access;
		this.audit = audit;
	}

	@Override
	public Class<Communication> getResourceType() {
		return Communication.class;
	}

	@Read
	public Communication read(@IdParam IdType id) {
		return FhirSearch.id(id.getIdPart()).flatMap(this::load).orElseThrow(() -> new ResourceNotFoundException(id));
	}

	@Search
	public IBundleProvider search(@OptionalParam(name = Communication.SP_PATIENT) @Nullable ReferenceParam patient,
			@OptionalParam(name = Communication.SP_SUBJECT) @Nullable ReferenceParam subject,
			@OptionalParam(name = Communication.SP_SENT) @Nullable DateRangeParam sent,
			@OptionalParam(name = "_lastUpdated") @Nullable DateRangeParam lastUpdated,
			@Offset @Nullable Integer offset, @Count @Nullable Integer count) {
		FhirSearch search = new FhirSearch("contact c").and("not c.voided").readableBy(access.readableScope(), "c.patient_id");
		if (patient != null) search.and("c.patient_id = ?", FhirSearch.patient(patient));
		if (subject != null) search.and("c.patient_id = ?", FhirSearch.patient(subject));
		search.within("c.occurred_at", sent).within("c.created_at", lastUpdated);
		return search.page(jdbc, "c.id", "c.occurred_at desc, c.id", offset, count, this::load);
	}

	Optional<Communication> load(UUID id) {
		Optional<Communication> found = jdbc.sql("select * from contact where id = ? and not voided").param(id)
			.query(CommunicationResourceProvider::toFhir).optional();
		found.ifPresent(c -> {
			PatientId patient = new PatientId(UUID.fromString(c.getSubject().getReferenceElement().getIdPart()));
			access.require(patient, AccessPurpose.READ);
			audit.record(AuditEntry.read("Communication", id.toString(), patient));
		});
		return found;
	}

	private static Communication toFhir(ResultSet rs, int n) throws SQLException {
		Communication c = new Communication();
		c.setId(rs.getString("id"));
		c.getMeta().setLastUpdated(Date.from(rs.getObject("created_at", OffsetDateTime.class).toInstant()));
		String outcome = rs.getString("outcome");
		boolean done = outcome.equals("REACHED") || outcome.equals("LEFT_MESSAGE");
		c.setStatus(done ? Communication.CommunicationStatus.COMPLETED : Communication.CommunicationStatus.NOTDONE);
		if (!done) c.setStatusReason(new CodeableConcept().setText(outcomeText(outcome)));
		c.addCategory(new CodeableConcept().setText("Care management contact"));
		c.addMedium(medium(rs.getString("type")));
		Reference patient = new Reference("Patient/" + rs.getString("patient_id"));
		c.setSubject(patient);
		c.setSent(Date.from(rs.getObject("occurred_at", OffsetDateTime.class).toInstant()));
		Reference staff = new Reference().setDisplay(rs.getString("created_by"));
		String withName = rs.getString("with_name");
		Reference other = rs.getString("with_whom").equals("PATIENT") ? patient.copy()
				: new Reference().setDisplay(partyText(rs.getString("with_whom")) + (withName == null ? "" : ": " + withName));
		if (rs.getString("direction").equals("OUTBOUND")) {
			c.setSender(staff);
			c.addRecipient(other);
		}
		else {
			c.setSender(other);
			c.addRecipient(staff);
		}
		String summary = rs.getString("summary");
		if (summary != null && !summary.isBlank()) c.addPayload().setContent(new org.hl7.fhir.r4.model.StringType(summary));
		c.addNote().setText(outcomeText(outcome) + "; " + rs.getInt("minutes") + " minutes");
		return c;
	}

	private static CodeableConcept medium(String type) {
		String code;
		String display;
		switch (type) {
			case "PHONE":
				code = "PHONE";
				display = "telephone";
				break;
			case "VIDEO":
				code = "VIDEOCONF";
				display = "videoconferencing";
				break;
			case "PORTAL_MESSAGE":
				code = "ONLINEWRIT";
				display = "online written";
				break;
			case "LETTER":
				code = "MAILWRIT";
				display = "mail";
				break;
			case "EMAIL":
				code = "EMAILWRIT";
				display = "email";
				break;
			default:
				code = "FACE";
				display = "face-to-face";
		}
		return new CodeableConcept().addCoding(new Coding(MODE, code, display));
	}

	private static String outcomeText(String outcome) {
		switch (outcome) {
			case "REACHED":
				return "Reached";
			case "LEFT_MESSAGE":
				return "Left a message";
			case "NO_ANSWER":
				return "No answer";
			case "WRONG_NUMBER":
				return "Wrong number";
			default:
				return "Declined";
		}
	}

	private static String partyText(String party) {
		switch (party) {
			case "CAREGIVER":
				return "Caregiver";
			case "PROVIDER":
				return "Provider";
			case "PAYER":
				return "Payer";
			default:
				return "Community organization";
		}
	}
}
