package org.caremap.team.internal;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.caremap.access.AccessPurpose;
import org.caremap.access.PatientAccess;
import org.caremap.audit.AuditEntry;
import org.caremap.audit.AuditOutcome;
import org.caremap.audit.AuditTrail;
import org.caremap.caseload.CaseStatus;
import org.caremap.caseload.CaseView;
import org.caremap.caseload.Cases;
import org.caremap.identity.PortalPrincipal;
import org.caremap.patient.SupportNetwork;
import org.caremap.patient.SupportContact;
import org.caremap.shared.DomainException;
import org.caremap.shared.NotFoundException;
import org.caremap.shared.PatientId;
import org.caremap.shared.UserId;
import org.caremap.team.MessageView;
import org.caremap.team.Messages;
import org.caremap.team.PatientMessages;
import org.caremap.team.ThreadSummary;
import org.caremap.team.ThreadView;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The portal's side of the secure messages, on the same tables and the same writing path as the team's
 * ({@link JdbcMessages}): the one place that decides what a portal principal reaches here is {@link #require}: a
 * portal session, on its own patient, with the purpose the portal's access rule grants (READ to read, CONTRIBUTE to
 * write), and for a proxy the patient's choice to let them see everything (messages can be about anything in the
 * record, so "plan only" and "appointments only" do not open them).
 */
@Service
@Transactional
class JdbcPatientMessages implements PatientMessages {

	private final JdbcMessages messages;
	private final PatientAccess access;
	private final SupportNetwork network;
	private final Cases cases;
	private final AuditTrail audit;
	private final org.springframework.jdbc.core.simple.JdbcClient jdbc;

	JdbcPatientMessages(JdbcMessages messages, PatientAccess access, SupportNetwork network, Cases cases, AuditTrail audit,
			org.springframework.jdbc.core.simple.JdbcClient jdbc) {
		this.jdbc = jdbc;
		this.messages = messages;
		this.access = access;
		this.network = network;
		this.cases = cases;
		this.audit = audit;
	}

	/** The principal, once it may read (or write) this patient's messages; refused (audited, thrown) otherwise. */
	private PortalPrincipal require(PatientId patient, boolean write) {
		String refusal = refusal(patient, write);
		if (refusal == null) return PortalPrincipal.get().orElseThrow();
		audit.record(new AuditEntry(write ? "CREATE" : "READ", "MessageThread", null, patient, AuditOutcome.DENIED, refusal));
		throw new AccessDeniedException("the messages with this patient's team are not open to you: " + refusal);
	}

	private @org.jspecify.annotations.Nullable String refusal(PatientId patient, boolean write) {
		Optional<PortalPrincipal> found = PortalPrincipal.get();
		if (found.isEmpty()) return "not a portal session";
		PortalPrincipal p = found.get();
		if (!p.patient().equals(patient)) return "another patient's record";
		if (!access.permits(patient, write ? AccessPurpose.CONTRIBUTE : AccessPurpose.READ)) {
			return "the portal account may not " + (write ? "write to" : "read") + " this record";
		}
		if (p.proxy() && disclosure(p) != SupportContact.Disclosure.EVERYTHING) return "the patient does not share messages with this proxy";
		return null;
	}

	private SupportContact.Disclosure disclosure(PortalPrincipal p) {
		UUID contact = p.supportContact();
		return contact == null ? SupportContact.Disclosure.NOTHING
				: network.disclosure(p.patient(), contact).orElse(SupportContact.Disclosure.NOTHING);
	}

	@Override
	@Transactional(readOnly = true)
	public boolean mayRead(PatientId patient) {
		return refusal(patient, false) == null;
	}

	@Override
	@Transactional(readOnly = true)
	public List<ThreadSummary> threads(PatientId patient) {
		PortalPrincipal p = require(patient, false);
		java.util.Map<UUID, Integer> unread = unreadByThread(patient, p.accountId());
		List<ThreadSummary> out = messages.summaries("t.patient_id = :patient and t.with_patient", patient.value(),
				new UserId(p.accountId())).stream()
			.map(s -> new ThreadSummary(s.id(), s.patient(), s.caseId(), s.subject(), s.lastPostedAt(), s.lastAuthor(), s.messages(),
					unread.getOrDefault(s.id(), 0), false, s.withPatient()))
			.toList();
		audit.record(new AuditEntry("READ", "MessageThread", null, patient, AuditOutcome.SUCCESS, out.size() + " threads shared with the patient"));
		return out;
	}

	private JdbcMessages.Thread shared(PatientId patient, UUID id) {
		return messages.thread(id).filter(t -> t.patient().equals(patient) && t.withPatient())
			.orElseThrow(() -> new NotFoundException("thread", id));
	}

	/**
	 * The care team's messages each shared thread of the patient holds that this portal account has not read (posted
	 * after what it was last shown of the thread).
	 */
	private java.util.Map<UUID, Integer> unreadByThread(PatientId patient, UUID account) {
		java.util.Map<UUID, Integer> out = new java.util.HashMap<>();
		jdbc.sql("""
				select m.thread_id, count(*) from message m
				join message_thread t on t.id = m.thread_id and t.with_patient and not t.voided
				left join message_portal_read r on r.thread_id = m.thread_id and r.account_id = ?
				where t.patient_id = ? and not m.voided and m.author_kind = 'STAFF' and (r.read_to is null or m.posted_at > r.read_to)
				group by m.thread_id""")
			.params(account, patient.value())
			.query((rs, n) -> out.put(rs.getObject(1, UUID.class), rs.getInt(2)))
			.list();
		return out;
	}

	@Override
	@Transactional(readOnly = true)
	public long unread(PatientId patient) {
		PortalPrincipal p = require(patient, false);
		return unreadByThread(patient, p.accountId()).values().stream().mapToLong(Integer::longValue).sum();
	}

	@Override
	public ThreadView open(PatientId patient, UUID thread) {
		PortalPrincipal p = require(patient, false);
		JdbcMessages.Thread t = shared(patient, thread);
		List<MessageView> list = messages.messages("m.thread_id = ?", List.of(t.id()), 0, Integer.MAX_VALUE);
		// read up to the latest message shown (one written meanwhile stays unread)
		list.stream().map(MessageView::postedAt).max(java.util.Comparator.naturalOrder()).ifPresent(latest -> jdbc.sql("""
				insert into message_portal_read (thread_id, account_id, read_to) values (?, ?, ?)
				on conflict (thread_id, account_id) do update set read_to = greatest(message_portal_read.read_to, excluded.read_to)""")
			.params(t.id(), p.accountId(), java.time.OffsetDateTime.ofInstant(latest, java.time.ZoneOffset.UTC))
			.update());
		audit.record(new AuditEntry("READ", "MessageThread", t.id().toString(), patient, AuditOutcome.SUCCESS,
				list.size() + " messages"));
		return new ThreadView(t.id(), t.caseId(), t.patient(), t.subject(), list, true);
	}

	@Override
	public Posted start(PatientId patient, String subject, String text) {
		PortalPrincipal p = require(patient, true);
		CaseView open = cases.ofPatient(patient).stream().filter(c -> c.status() != CaseStatus.CLOSED)
			.max(Comparator.comparing(CaseView::startDate))
			.orElseThrow(() -> new DomainException("team.case-closed", "the case is closed"));
		boolean urgent = UrgentWords.in(subject + " " + text);
		UUID thread = messages.create(patient, open.id(), subject, new Messages.NewMessage(text, urgent, null), true, author(p, urgent));
		UUID message = messages.messages("m.thread_id = ?", List.of(thread), 0, 1).get(0).id();
		return new Posted(thread, message, urgent);
	}

	@Override
	public Posted post(PatientId patient, UUID thread, String text) {
		PortalPrincipal p = require(patient, true);
		JdbcMessages.Thread t = shared(patient, thread);
		boolean urgent = UrgentWords.in(text);
		UUID message = messages.insert(t, new Messages.NewMessage(text, urgent, null), author(p, urgent));
		return new Posted(t.id(), message, urgent);
	}

	private static JdbcMessages.Author author(PortalPrincipal p, boolean urgentWords) {
		return new JdbcMessages.Author(p.accountId(), p.displayName(), p.proxy() ? MessageView.By.PROXY : MessageView.By.PATIENT,
				urgentWords);
	}
}
