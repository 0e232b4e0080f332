package org.caremap.disclosure;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

import org.caremap.access.AccessPurpose;
import org.caremap.access.PatientAccess;
import org.caremap.audit.AuditEntry;
import org.caremap.audit.AuditHistory;
import org.caremap.audit.AuditTrail;
import org.caremap.organization.Organizations;
import org.caremap.shared.CurrentActor;
import org.caremap.shared.DomainException;
import org.caremap.shared.PatientId;
import org.caremap.shared.Texts;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A patient's disclosures and requests. Every path checks the patient's record here, once: reading needs READ,
 * recording a disclosure or a request needs WRITE, and answering a request (the accounting or the access log, which
 * names staff) also needs the supervisor's role. Each is audited. The accounting follows HIPAA 164.528: the
 * disclosures of the period (at most six years before the request) on a basis the rule accounts for, leaving out
 * those whose accounting a health oversight agency or law enforcement official has suspended until a later day.
 */
@Service
public class Disclosures {

	/** How far back a request may reach (164.528(a)(1)). */
	static final int YEARS = 6;
	/** Accesses listed in one access log (the rest are counted). */
	static final int ACCESS_LINES = 5000;

	private final JdbcClient jdbc;
	private final PatientAccess access;
	private final AuditTrail audit;
	private final AuditHistory history;
	private final Organizations organizations;

	Disclosures(JdbcClient jdbc, PatientAccess access, AuditTrail audit, AuditHistory history, Organizations organizations) {
		this.jdbc = jdbc;
		this.access = access;
		this.audit = audit;
		this.history = history;
		this.organizations = organizations;
	}

	/** What staff record: a release of information. */
	public record NewDisclosure(@Nullable LocalDate disclosedOn, @Nullable String recipient, @Nullable String recipientAddress,
			@Nullable String description, @Nullable String purpose, @Nullable DisclosureBasis basis,
			@Nullable LocalDate suspendedUntil) {
	}

	/** A request as staff record it, on the patient's behalf. */
	public record NewRequest(RequestView.@Nullable Kind kind, @Nullable String requestedBy, @Nullable LocalDate requestedOn,
			@Nullable LocalDate from, @Nullable LocalDate to) {
	}

	/** Refuses before a form is even checked when the user may not change this patient's record. */
	public void requireWrite(PatientId patient) {
		access.require(patient, AccessPurpose.WRITE);
	}

	@Transactional(readOnly = true)
	public List<DisclosureView> of(PatientId patient) {
		access.require(patient, AccessPurpose.READ);
		audit.record(AuditEntry.read("Disclosure", null, patient));
		return jdbc.sql("select * from disclosure where patient_id = ? order by disclosed_on desc, recorded_at desc limit 1000")
			.param(patient.value()).query(Disclosures::view).list();
	}

	@Transactional
	public UUID record(PatientId patient, NewDisclosure d) {
		access.require(patient, AccessPurpose.WRITE);
		LocalDate today = organizations.today();
		if (d.disclosedOn() == null) throw new DomainException("disclosure.date", "give the day the information was disclosed");
		if (d.disclosedOn().isAfter(today)) throw new DomainException("disclosure.date-future", "a disclosure cannot be in the future");
		if (d.disclosedOn().isBefore(today.minusYears(50))) throw new DomainException("disclosure.date-old", "that day is too long ago");
		String recipient = Texts.orNull(d.recipient());
		if (recipient == null) throw new DomainException("disclosure.recipient", "name who received the information");
		String description = Texts.orNull(d.description());
		if (description == null) throw new DomainException("disclosure.description", "say what information was disclosed");
		String purpose = Texts.orNull(d.purpose());
		if (purpose == null) throw new DomainException("disclosure.purpose", "say why it was disclosed");
		if (d.basis() == null) throw new DomainException("disclosure.basis", "choose the basis of the disclosure");
		String address = Texts.orNull(d.recipientAddress());
		if (recipient.length() > 200 || description.length() > 1000 || purpose.length() > 1000 || (address != null && address.length() > 300)) {
			throw new DomainException("disclosure.too-long", "the texts are too long");
		}
		if (d.suspendedUntil() != null) {
			if (!d.basis().suspendable()) {
				throw new DomainException("disclosure.suspension-basis", "only a health oversight agency or law enforcement may suspend the accounting");
			}
			if (!d.suspendedUntil().isAfter(d.disclosedOn())) {
				throw new DomainException("disclosure.suspension-day", "the suspension ends after the disclosure");
			}
		}
		UUID id = UUID.randomUUID();
		insert(id, patient, d.disclosedOn(), recipient, address, description, purpose, d.basis(), d.suspendedUntil(), "RECORDED",
				null, CurrentActor.name());
		audit.record(AuditEntry.write("CREATE", "Disclosure", id.toString(), patient));
		return id;
	}

	/** A disclosure another module made (recorded once per source and id, whoever hears it again). */
	void recordFrom(String source, String sourceId, PatientId patient, LocalDate on, String recipient, String description,
			String purpose, DisclosureBasis basis) {
		insert(UUID.randomUUID(), patient, on, clip(recipient, 200), null, clip(description, 1000), clip(purpose, 1000), basis,
				null, source, sourceId, "system");
	}

	private static String clip(String text, int max) {
		String t = text.isBlank() ? "-" : text.strip();
		return t.length() <= max ? t : t.substring(0, max);
	}

	private void insert(UUID id, PatientId patient, LocalDate on, String recipient, @Nullable String address, String description,
			String purpose, DisclosureBasis basis, @Nullable LocalDate suspendedUntil, String source, @Nullable String sourceId,
			String by) {
		jdbc.sql("""
				insert into disclosure (id, patient_id, disclosed_on, recipient, recipient_address, description, purpose, basis,
				    suspended_until, source, source_id, recorded_by) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
				on conflict (source, source_id) do nothing""")
			.params(id, patient.value(), Date.valueOf(on), recipient, address, description, purpose, basis.name(),
					suspendedUntil == null ? null : Date.valueOf(suspendedUntil), source, sourceId, by)
			.update();
	}

	@Transactional(readOnly = true)
	public List<RequestView> requests(PatientId patient) {
		access.require(patient, AccessPurpose.READ);
		return jdbc.sql("select * from disclosure_request where patient_id = ? order by recorded_at desc limit 200")
			.param(patient.value()).query(Disclosures::request).list();
	}

	/** One request by its id (the caller has checked the patient's record). */
	private RequestView request(UUID id) {
		return jdbc.sql("select * from disclosure_request where id = ?").param(id).query(Disclosures::request).optional()
			.orElseThrow(() -> new DomainException("disclosure.request-unknown", "no such request for this patient"));
	}

	private static RequestView request(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
		return new RequestView(rs.getObject("id", UUID.class),
					RequestView.Kind.valueOf(rs.getString("kind")), rs.getString("requested_by"),
					rs.getObject("requested_on", LocalDate.class), rs.getObject("period_from", LocalDate.class),
					rs.getObject("period_to", LocalDate.class), rs.getString("recorded_by"),
					rs.getTimestamp("recorded_at").toInstant(),
					rs.getTimestamp("produced_at") == null ? null : rs.getTimestamp("produced_at").toInstant(),
					rs.getString("produced_by"));
	}

	@Transactional
	public UUID request(PatientId patient, NewRequest r) {
		access.require(patient, AccessPurpose.WRITE);
		LocalDate today = organizations.today();
		if (r.kind() == null) throw new DomainException("disclosure.request-kind", "choose what the patient asked for");
		String by = Texts.orNull(r.requestedBy());
		if (by == null) throw new DomainException("disclosure.request-by", "name who asked (the patient or their representative)");
		if (by.length() > 200) throw new DomainException("disclosure.too-long", "the texts are too long");
		if (r.requestedOn() == null) throw new DomainException("disclosure.request-on", "give the day the patient asked");
		if (r.requestedOn().isAfter(today)) throw new DomainException("disclosure.request-future", "a request cannot be in the future");
		if (r.from() == null || r.to() == null) throw new DomainException("disclosure.request-period", "give the period the patient asked about");
		if (r.to().isBefore(r.from())) throw new DomainException("disclosure.request-order", "the period ends after it starts");
		if (r.to().isAfter(r.requestedOn())) throw new DomainException("disclosure.request-after", "the period ends on or before the day of the request");
		if (r.from().isBefore(r.requestedOn().minusYears(YEARS))) {
			throw new DomainException("disclosure.request-six-years", "the period starts at most six years before the request", YEARS);
		}
		UUID id = UUID.randomUUID();
		jdbc.sql("""
				insert into disclosure_request (id, patient_id, kind, requested_by, requested_on, period_from, period_to, recorded_by)
				values (?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(id, patient.value(), r.kind().name(), by, Date.valueOf(r.requestedOn()), Date.valueOf(r.from()),
					Date.valueOf(r.to()), CurrentActor.name())
			.update();
		audit.record(AuditEntry.write("CREATE", "DisclosureRequest", id.toString(), patient));
		return id;
	}

	/** What answering a request gives: the request, and either the disclosures accounted or the accesses. */
	public record Answer(PatientId patient, RequestView request, List<DisclosureView> disclosures, List<AuditHistory.Access> accesses,
			long accessCount, ZoneId zone) {
	}

	/**
	 * Answers a request: the accounting of disclosures or the access log of its period, marks it produced, and records
	 * that the answer was given to the patient (a disclosure to the patient, which the accounting leaves out).
	 */
	@Transactional
	@PreAuthorize("hasRole('SUPERVISOR')")
	public Answer answer(UUID requestId) {
		PatientId patient = jdbc.sql("select patient_id from disclosure_request where id = ?").param(requestId)
			.query((rs, n) -> new PatientId(rs.getObject(1, UUID.class))).optional()
			.orElseThrow(() -> new DomainException("disclosure.request-unknown", "no such request"));
		access.require(patient, AccessPurpose.READ);
		RequestView r = request(requestId);
		ZoneId zone = organizations.zone();
		Answer answer;
		if (r.kind() == RequestView.Kind.ACCOUNTING) {
			answer = new Answer(patient, r, accounting(patient, r.from(), r.to(), organizations.today()), List.of(), 0, zone);
		}
		else {
			Instant from = r.from().atStartOfDay(zone).toInstant();
			Instant to = r.to().plusDays(1).atStartOfDay(zone).toInstant();
			answer = new Answer(patient, r, List.of(), history.ofPatient(patient, from, to, ACCESS_LINES),
					history.countOfPatient(patient, from, to), zone);
		}
		boolean first = jdbc.sql("update disclosure_request set produced_at = now(), produced_by = ? where id = ? and produced_at is null")
			.params(CurrentActor.name(), requestId).update() == 1;
		if (first) {
			// what was given and why are shown in the reader's words from the kind and the day (DisclosureView)
			insert(UUID.randomUUID(), patient, organizations.today(), r.requestedBy(), null, r.kind().name(),
					r.requestedOn().toString(), DisclosureBasis.TO_PATIENT, null, "ANSWER", requestId.toString(), CurrentActor.name());
		}
		audit.record(AuditEntry.read(r.kind() == RequestView.Kind.ACCOUNTING ? "DisclosureAccounting" : "AccessLog",
				requestId.toString(), patient));
		return answer;
	}

	/** The disclosures an accounting of this period lists on this day, oldest first. */
	List<DisclosureView> accounting(PatientId patient, LocalDate from, LocalDate to, LocalDate today) {
		List<String> accounted = java.util.Arrays.stream(DisclosureBasis.values()).filter(DisclosureBasis::accounted)
			.map(Enum::name).toList();
		return jdbc.sql("""
				select * from disclosure where patient_id = ? and disclosed_on between ? and ? and basis = any(?)
				  and (suspended_until is null or suspended_until < ?)
				order by disclosed_on, recorded_at, id""")
			.params(patient.value(), Date.valueOf(from), Date.valueOf(to), accounted.toArray(String[]::new), Date.valueOf(today))
			.query(Disclosures::view).list();
	}

	private static DisclosureView view(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
		Timestamp at = rs.getTimestamp("recorded_at");
		return new DisclosureView(rs.getObject("id", UUID.class), rs.getObject("disclosed_on", LocalDate.class),
				rs.getString("recipient"), rs.getString("recipient_address"), rs.getString("description"), rs.getString("purpose"),
				DisclosureBasis.valueOf(rs.getString("basis")), rs.getObject("suspended_until", LocalDate.class),
				rs.getString("source"), rs.getString("recorded_by"), at.toInstant());
	}
}
