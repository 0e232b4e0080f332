package org.caremap.contact.fhir;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
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
import org.caremap.access.Part2Labels;
import org.caremap.access.Part2Segment;
import org.caremap.access.PatientAccess;
import org.caremap.access.Segmentation;
import org.caremap.audit.AuditEntry;
import org.caremap.audit.AuditOutcome;
import org.caremap.audit.AuditTrail;
import org.caremap.fhir.CommunicationPart;
import org.caremap.fhir.FhirPage;
import org.caremap.fhir.FhirSearch;
import org.caremap.shared.PatientId;
import org.caremap.shared.WithheldRecord;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Communication;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.OperationOutcome;
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
	private final Segmentation segmentation;
	private final Part2Labels labels;

	CommunicationResourceProvider(JdbcClient jdbc, PatientAccess access, AuditTrail audit, java.util.List<CommunicationPart> parts,
			Segmentation segmentation, Part2Labels labels) {
		this.segmentation = segmentation;
		this.labels = labels;
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
		@Nullable UUID about = patient != null ? FhirSearch.patient(patient) : subject != null ? FhirSearch.patient(subject) : null;
		java.util.Set<PatientId> scope = access.readableScope();
		// 42 CFR Part 2: the contacts of the substance-use programs' cases the reader is outside of are left out of the
		// search and counted, for the patient searched or every patient the reader may read; a search across every
		// patient (a system acting for the organisation) leaves them out of the page it reads
		Map<PatientId, Part2Segment> segments = about != null ? segmentation.part2(List.of(new PatientId(about)))
				: scope != null ? segmentation.part2(scope) : null;
		UUID[] withheldCases = segments == null ? new UUID[0]
				: segments.values().stream().flatMap(g -> g.withheldCases().stream()).toArray(UUID[]::new);
		FhirSearch search = search(scope, patient, subject, sent, lastUpdated);
		int withheld = 0;
		if (withheldCases.length > 0) {
			search.and("c.case_id is null or not (c.case_id = any(?))", (Object) withheldCases);
			withheld = (int) search(scope, patient, subject, sent, lastUpdated).and("c.case_id = any(?)", (Object) withheldCases)
				.keys(jdbc, "c.id", "c.occurred_at", "c.id", 0).total();
		}
		FhirPage page = FhirPage.of(offset, count);
		if (patient != null && subject != null && !FhirSearch.patient(patient).equals(FhirSearch.patient(subject))) {
			return page.bundle(List.of(), 0);
		}
		int want = Math.min(page.from() + page.size(), 10_000);
		record Merged(FhirSearch.Key key, @Nullable CommunicationPart part) {
		}
		// without parts (or by last update, which they do not keep) the search is the contacts' own; with them, the
		// other parts' communications (secure messages) merged in, newest first then by id: the first offset + count
		// keys of each, merged, and only the page's communications read (each part checks access and audits its own)
		boolean merged = !parts.isEmpty() && lastUpdated == null;
		FhirSearch.Keys own = search.keys(jdbc, "c.id", "c.occurred_at", "c.occurred_at desc, c.id", want);
		List<Merged> all = new ArrayList<>();
		own.keys().forEach(k -> all.add(new Merged(k, null)));
		long total = own.total();
		if (merged) {
			for (CommunicationPart part : parts) {
				FhirSearch.Keys found = part.keys(about, sent, want);
				found.keys().forEach(k -> all.add(new Merged(k, part)));
				total += found.total();
			}
		}
		all.sort(java.util.Comparator.comparing((Merged m) -> m.key().at()).reversed().thenComparing(m -> m.key().id().toString()));
		int from = Math.min(page.from(), all.size());
		List<Merged> slice = all.subList(from, Math.min(from + page.size(), all.size()));
		List<Loaded> rows = new ArrayList<>();
		for (Merged m : slice) if (m.part() == null) fetch(m.key().id()).ifPresent(rows::add);
		if (segments == null) {
			segments = segmentation.part2(rows.stream().map(Loaded::patient).collect(java.util.stream.Collectors.toSet()));
		}
		Map<UUID, Communication> ownShown = new java.util.HashMap<>();
		boolean notice = false;
		int withheldHere = 0;
		for (Loaded row : rows) {
			Part2Segment segment = segments.get(row.patient());
			access.require(row.patient(), AccessPurpose.READ);
			if (segment != null && segment.withholds(row.caseId())) {
				withheldHere++;
				continue;
			}
			audit.record(AuditEntry.read("Communication", row.id().toString(), row.patient()));
			ownShown.put(row.id(), shown(row, segment));
			notice |= segment != null && segment.needsNotice() && segment.labels(row.caseId());
		}
		List<IBaseResource> resources = new ArrayList<>();
		for (Merged m : slice) {
			if (m.part() == null) {
				Communication c = ownShown.get(m.key().id());
				if (c != null) resources.add(c);
				continue;
			}
			try {
				m.part().read(m.key().id()).ifPresent(resources::add);
			}
			catch (WithheldRecord ex) {
				withheldHere++;
			}
		}
		// withheld on this page only when the search could not leave them out beforehand
		withheld += withheldHere;
		total -= withheldHere;
		OperationOutcome outcome = labels.outcome(withheld, notice);
		if (outcome != null) resources.add(outcome);
		return page.bundle(resources, Math.max(total, 0));
	}

	private FhirSearch search(java.util.@Nullable Set<PatientId> scope, @Nullable ReferenceParam patient,
			@Nullable ReferenceParam subject, @Nullable DateRangeParam sent, @Nullable DateRangeParam lastUpdated) {
		FhirSearch search = new FhirSearch("contact c").and("not c.voided").readableBy(scope, "c.patient_id");
		if (patient != null) search.and("c.patient_id = ?", FhirSearch.patient(patient));
		if (subject != null) search.and("c.patient_id = ?", FhirSearch.patient(subject));
		return search.within("c.occurred_at", sent).within("c.created_at", lastUpdated);
	}

	/** A contact as stored, before anyone's access to it is decided. */
	private record Loaded(UUID id, Communication resource, PatientId patient, @Nullable UUID caseId) {
	}

	private Optional<Loaded> fetch(UUID id) {
		return jdbc.sql("select * from contact where id = ? and not voided").param(id)
			.query((rs, n) -> new Loaded(id, toFhir(rs, n), new PatientId(rs.getObject("patient_id", UUID.class)),
					rs.getObject("case_id", UUID.class)))
			.optional();
	}

	/** The resource as the reader gets it: labelled when it was made in a Part 2 program. */
	private static Communication shown(Loaded row, @Nullable Part2Segment segment) {
		return segment != null && segment.labels(row.caseId()) ? Part2Labels.label(row.resource()) : row.resource();
	}

	/** One contact for a read: refused (403, audited) when made in a Part 2 program the reader is outside of. */
	Optional<Communication> load(UUID id) {
		return fetch(id).map(row -> {
			access.require(row.patient(), AccessPurpose.READ);
			Part2Segment segment = segmentation.part2(row.patient());
			if (segment.withholds(row.caseId())) {
				audit.record(new AuditEntry("READ", "Communication", id.toString(), row.patient(), AuditOutcome.DENIED,
						"withheld under 42 CFR Part 2"));
				throw Part2Labels.withheld("Communication/" + id);
			}
			audit.record(AuditEntry.read("Communication", id.toString(), row.patient()));
			return shown(row, segment);
		});
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
