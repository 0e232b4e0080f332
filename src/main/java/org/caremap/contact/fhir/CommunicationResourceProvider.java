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
import org.caremap.fhir.CommunicationPart;
import org.caremap.fhir.FhirPage;
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
 * Read; search by patient (or subject), sent date and last update. The other modules' parts of Communication
 * ({@link CommunicationPart}: the team's secure messages) are read and searched through the same provider.
 */
@Component
class CommunicationResourceProvider implements IResourceProvider {

	private static final String MODE = "http://terminology.hl7.org/CodeSystem/v3-ParticipationMode";

	private final JdbcClient jdbc;
	private final PatientAccess access;
	private final AuditTrail audit;
	private final java.util.List<CommunicationPart> parts;

	CommunicationResourceProvider(JdbcClient jdbc, PatientAccess access, AuditTrail audit, java.util.List<CommunicationPart> parts) {
		this.jdbc = jdbc;
		this.access = access;
		this.audit = audit;
		this.parts = java.util.List.copyOf(parts);
	}

	@Override
	public Class<Communication> getResourceType() {
		return Communication.class;
	}

	@Read
	public Communication read(@IdParam IdType id) {
		Optional<UUID> uuid = FhirSearch.id(id.getIdPart());
		Optional<Communication> found = uuid.flatMap(this::load);
		for (CommunicationPart part : parts) {
			if (found.isPresent() || uuid.isEmpty()) break;
			found = part.read(uuid.get());
		}
		return found.orElseThrow(() -> new ResourceNotFoundException(id));
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
		if (parts.isEmpty() || lastUpdated != null) return search.page(jdbc, "c.id", "c.occurred_at desc, c.id", offset, count, this::load);
		// the other parts' communications (secure messages) merged in, newest first then by id: the first offset + count
		// keys of each, merged, and only the page's communications read (each part checks access and audits its own)
		@Nullable UUID about = patient != null ? FhirSearch.patient(patient) : subject != null ? FhirSearch.patient(subject) : null;
		FhirPage page = FhirPage.of(offset, count);
		if (patient != null && subject != null && !FhirSearch.patient(patient).equals(FhirSearch.patient(subject))) {
			return page.bundle(java.util.List.of(), 0);
		}
		int want = Math.min(page.from() + page.size(), 10_000);
		record Merged(FhirSearch.Key key, @Nullable CommunicationPart part) {
		}
		FhirSearch.Keys own = search.keys(jdbc, "c.id", "c.occurred_at", "c.occurred_at desc, c.id", want);
		java.util.List<Merged> all = new java.util.ArrayList<>();
		own.keys().forEach(k -> all.add(new Merged(k, null)));
		long total = own.total();
		for (CommunicationPart part : parts) {
			FhirSearch.Keys found = part.keys(about, sent, want);
			found.keys().forEach(k -> all.add(new Merged(k, part)));
			total += found.total();
		}
		all.sort(java.util.Comparator.comparing((Merged m) -> m.key().at()).reversed().thenComparing(m -> m.key().id().toString()));
		int from = Math.min(page.from(), all.size());
		java.util.List<Communication> resources = new java.util.ArrayList<>();
		for (Merged m : all.subList(from, Math.min(from + page.size(), all.size()))) {
			(m.part() == null ? load(m.key().id()) : m.part().read(m.key().id())).ifPresent(resources::add);
		}
		return page.bundle(resources, total);
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
