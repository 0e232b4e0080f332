package org.caremap.team.internal;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.caremap.audit.AuditEntry;
import org.caremap.audit.AuditOutcome;
import org.caremap.audit.AuditTrail;
import org.caremap.caseload.CaseId;
import org.caremap.caseload.CaseStatus;
import org.caremap.caseload.CaseView;
import org.caremap.caseload.Cases;
import org.caremap.identity.CurrentUser;
import org.caremap.identity.UserAccounts;
import org.caremap.shared.CurrentActor;
import org.caremap.shared.DomainException;
import org.caremap.shared.Ids;
import org.caremap.shared.NotFoundException;
import org.caremap.shared.PatientId;
import org.caremap.shared.UserId;
import org.caremap.team.MessagePosted;
import org.caremap.team.PatientMessagePosted;
import org.caremap.team.MessageView;
import org.caremap.team.Messages;
import org.caremap.team.ThreadRead;
import org.caremap.team.ThreadSummary;
import org.caremap.team.ThreadView;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Threads, messages, recipients (read receipts) and attachments in the {@code message*} tables. Every path asks
 * {@link ThreadAccess} first (the one place that decides who sees a thread), then audits what was read or written. A
 * message goes to the case team as it is when posted (case manager, staff members, members from outside who sign in),
 * not to its author; {@link MessagePosted} tells the notification module.
 */
@Service
@Transactional
class JdbcMessages implements Messages {

	static final String RESOURCE = "Communication";
	static final int MAX_BODY = 4000;
	static final int MAX_SUBJECT = 200;
	static final int MAX_ATTACHMENT = 5 * 1024 * 1024;

	private final org.caremap.organization.Organizations organizations;
	private final JdbcClient jdbc;
	private final ThreadAccess threads;
	private final Cases cases;
	private final UserAccounts accounts;
	private final AuditTrail audit;
	private final ApplicationEventPublisher events;
	private final org.caremap.access.PatientAccess access;

	JdbcMessages(JdbcClient jdbc, ThreadAccess threads, Cases cases, UserAccounts accounts, AuditTrail audit,
			ApplicationEventPublisher events, org.caremap.access.PatientAccess access,
			org.caremap.organization.Organizations organizations) {
		this.organizations = organizations;
		this.access = access;
		this.jdbc = jdbc;
		this.threads = threads;
		this.cases = cases;
		this.accounts = accounts;
		this.audit = audit;
		this.events = events;
	}

	record Thread(UUID id, CaseId caseId, PatientId patient, String subject, boolean withPatient) {
	}

	/** Who writes a message: a staff member (the current user), or the patient or a proxy in the portal. */
	record Author(UUID id, String name, MessageView.By by, boolean urgentWords) {

		static Author staff() {
			CurrentUser me = CurrentUser.require();
			return new Author(me.id().value(), me.displayName(), MessageView.By.STAFF, false);
		}
	}

	Optional<Thread> thread(UUID id) {
		return jdbc.sql("select id, case_id, patient_id, subject, with_patient from message_thread where id = ? and not voided")
			.param(id)
			.query((rs, n) -> new Thread(rs.getObject(1, UUID.class), new CaseId(rs.getObject(2, UUID.class)),
					new PatientId(rs.getObject(3, UUID.class)), rs.getString(4), rs.getBoolean(5)))
			.optional();
	}

	/** The thread of this patient, once the patient's threads are open to the reader (refused before "not found"). */
	private Thread thread(PatientId patient, UUID id, ThreadAccess.Need need) {
		threads.visibleCases(patient, need);
		Thread t = thread(id).filter(found -> found.patient().equals(patient))
			.orElseThrow(() -> new NotFoundException("thread", id));
		threads.require(patient, t.caseId(), need);
		return t;
	}

	@Override
	@Transactional(readOnly = true)
	public void requireThreads(PatientId patient, boolean post) {
		threads.visibleCases(patient, post ? ThreadAccess.Need.POST : ThreadAccess.Need.READ);
	}

	@Override
	public UUID start(PatientId patient, CaseId caseId, String subject, NewMessage first) {
		return start(patient, caseId, subject, first, false);
	}

	@Override
	public UUID start(PatientId patient, CaseId caseId, String subject, NewMessage first, boolean withPatient) {
		threads.visibleCases(patient, ThreadAccess.Need.POST);
		if (!cases.belongsTo(caseId, patient)) throw new DomainException("team.case-unknown", "choose one of the patient's cases");
		threads.require(patient, caseId, ThreadAccess.Need.POST);
		return create(patient, caseId, subject, first, withPatient, Author.staff());
	}

	/** A new thread with its first message, once the author's right to start it was checked. */
	UUID create(PatientId patient, CaseId caseId, String subject, NewMessage first, boolean withPatient, Author author) {
		String s = subject == null ? "" : subject.strip();
		if (s.isEmpty()) throw new DomainException("team.subject-required", "give the thread a subject");
		if (s.length() > MAX_SUBJECT) throw new DomainException("team.subject-too-long", "at most 200 characters", MAX_SUBJECT);
		UUID id = Ids.newId();
		jdbc.sql("""
				insert into message_thread (id, case_id, patient_id, subject, with_patient, created_by, updated_by)
				values (?, ?, ?, ?, ?, ?, ?)""")
			.params(id, caseId.value(), patient.value(), s, withPatient, CurrentActor.name(), CurrentActor.name())
			.update();
		audit.record(new AuditEntry("CREATE", "MessageThread", id.toString(), patient, AuditOutcome.SUCCESS, null));
		insert(new Thread(id, caseId, patient, s, withPatient), first, author);
		return id;
	}

	@Override
	public UUID post(PatientId patient, UUID threadId, NewMessage message) {
		return insert(thread(patient, threadId, ThreadAccess.Need.POST), message, Author.staff());
	}

	/**
	 * Writes the message and who it goes to (the case team as it is today, not its author), and tells the other
	 * modules: {@link MessagePosted} always, and {@link PatientMessagePosted} when the patient or a proxy wrote it.
	 */
	UUID insert(Thread t, NewMessage m, Author author) {
		String body = m.body().strip();
		if (body.length() > MAX_BODY) throw new DomainException("team.message-too-long", "at most 4000 characters", MAX_BODY);
		CaseView c = cases.find(t.caseId()).orElseThrow(() -> new NotFoundException("case", t.caseId().value()));
		if (c.status() == CaseStatus.CLOSED) throw new DomainException("team.case-closed", "the case is closed");
		String type = null;
		if (m.attachment() != null) type = checkedType(m.attachment());
		UUID id = Ids.newId();
		Instant now = Instant.now();
		jdbc.sql("""
				insert into message (id, thread_id, patient_id, author_id, author_name, body, urgent, posted_at, author_kind,
				                     urgent_words, created_by, updated_by)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(id, t.id(), t.patient().value(), author.id(), author.name(), body, m.urgent(),
					OffsetDateTime.ofInstant(now, java.time.ZoneOffset.UTC), author.by().name(), author.urgentWords(),
					CurrentActor.name(), CurrentActor.name())
			.update();
		if (m.attachment() != null) {
			Upload a = m.attachment();
			String name = a.filename().isBlank() ? "attachment" : a.filename().strip();
			if (name.length() > 300) name = name.substring(name.length() - 300);
			jdbc.sql("""
					insert into message_attachment (id, message_id, filename, content_type, size_bytes, content, created_by)
					values (?, ?, ?, ?, ?, ?, ?)""")
				.params(Ids.newId(), id, name, type, a.content().length, a.content(), CurrentActor.name())
				.update();
		}
		// the team as it is today: the case manager and staff members, and the members from outside who sign in
		LocalDate today = organizations.today();
		Set<UserId> staff = new LinkedHashSet<>();
		staff.add(c.caseManager());
		for (CaseView.TeamMember member : c.team()) {
			if (!member.from().isAfter(today) && (member.to() == null || member.to().isAfter(today))) staff.add(member.user());
		}
		Set<UserId> outside = new LinkedHashSet<>(jdbc.sql("""
				select distinct user_id from care_team_member
				where case_id = ? and user_id is not null and not voided and valid_from <= ?
				  and (valid_to is null or valid_to > ?)""")
			.params(t.caseId().value(), today, today)
			.query((rs, n) -> new UserId(rs.getObject(1, UUID.class)))
			.list());
		outside.removeAll(staff);
		staff.remove(new UserId(author.id()));
		outside.remove(new UserId(author.id()));
		for (UserId user : staff) receipt(id, user, false);
		for (UserId user : outside) receipt(id, user, true);
		jdbc.sql("update message_thread set last_posted_at = ?, updated_at = now(), updated_by = ? where id = ?")
			.params(OffsetDateTime.ofInstant(now, java.time.ZoneOffset.UTC), CurrentActor.name(), t.id())
			.update();
		audit.record(new AuditEntry("CREATE", RESOURCE, id.toString(), t.patient(), AuditOutcome.SUCCESS,
				m.urgent() ? "urgent" : null));
		events.publishEvent(new MessagePosted(id, t.id(), t.patient(), new UserId(author.id()), author.name(), m.urgent(),
				List.copyOf(staff), List.copyOf(outside), now, author.by() == MessageView.By.STAFF && t.withPatient()));
		if (author.by() != MessageView.By.STAFF) {
			events.publishEvent(new PatientMessagePosted(id, t.id(), t.patient(), t.caseId(), c.caseManager(), author.by() == MessageView.By.PROXY,
					author.name(), t.subject(), author.urgentWords(), now));
		}
		return id;
	}

	private void receipt(UUID message, UserId user, boolean external) {
		jdbc.sql("insert into message_recipient (message_id, user_id, external) values (?, ?, ?) on conflict do nothing")
			.params(message, user.value(), external)
			.update();
	}

	/**
	 * The type of an attachment from its first bytes (what it claims is not believed): a PDF, a PNG or JPEG image, or
	 * plain UTF-8 text; anything else, an empty file or one over 5 MB is refused.
	 */
	static String checkedType(Upload a) {
		byte[] b = a.content();
		if (b.length == 0) throw new DomainException("team.attachment-empty", "the file is empty");
		if (b.length > MAX_ATTACHMENT) throw new DomainException("team.attachment-too-big", "at most 5 MB", 5);
		if (starts(b, '%', 'P', 'D', 'F', '-')) return "application/pdf";
		if (starts(b, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) return "image/png";
		if (starts(b, 0xFF, 0xD8, 0xFF)) return "image/jpeg";
		if (a.filename().toLowerCase(java.util.Locale.ROOT).endsWith(".txt") && text(b)) return "text/plain";
		throw new DomainException("team.attachment-type", "attach a PDF, a PNG or JPEG picture, or a text file");
	}

	private static boolean starts(byte[] b, int... prefix) {
		if (b.length < prefix.length) return false;
		for (int i = 0; i < prefix.length; i++) {
			if ((b[i] & 0xFF) != prefix[i]) return false;
		}
		return true;
	}

	private static boolean text(byte[] b) {
		for (byte x : b) {
			if (x == 0) return false;
		}
		try {
			StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(b));
			return true;
		}
		catch (CharacterCodingException ex) {
			return false;
		}
	}

	@Override
	public ThreadView open(PatientId patient, UUID threadId) {
		Thread t = thread(patient, threadId, ThreadAccess.Need.READ);
		List<MessageView> messages = messages("m.thread_id = ?", List.of(t.id()), 0, Integer.MAX_VALUE);
		CurrentUser.get().ifPresent(me -> {
			int read = jdbc.sql("""
					update message_recipient set read_at = now()
					where user_id = ? and read_at is null and message_id in (select id from message where thread_id = ?)""")
				.params(me.id().value(), t.id())
				.update();
			if (read > 0) events.publishEvent(new ThreadRead(me.id(), t.id(), Instant.now()));
		});
		audit.record(new AuditEntry("READ", "MessageThread", t.id().toString(), patient, AuditOutcome.SUCCESS,
				messages.size() + " messages"));
		return new ThreadView(t.id(), t.caseId(), t.patient(), t.subject(), messages, t.withPatient());
	}

	@Override
	@Transactional(readOnly = true)
	public List<ThreadSummary> ofPatient(PatientId patient) {
		Set<CaseId> visible = threads.visibleCases(patient, ThreadAccess.Need.READ);
		UserId me = CurrentUser.get().map(CurrentUser::id).orElse(new UserId(new UUID(0, 0)));
		List<ThreadSummary> out = summaries("t.patient_id = :patient", patient.value(), me).stream()
			.filter(s -> visible == null || visible.contains(s.caseId())).toList();
		audit.record(new AuditEntry("READ", "MessageThread", null, patient, AuditOutcome.SUCCESS, out.size() + " threads"));
		return out;
	}

	@Override
	@Transactional(readOnly = true)
	public int withheldThreads(PatientId patient) {
		UUID[] withheld = threads.withheldCases(List.of(patient));
		if (withheld.length == 0) return 0;
		return jdbc.sql("select count(*) from message_thread where patient_id = ? and case_id = any(?) and not voided")
			.params(patient.value(), withheld).query(Integer.class).single();
	}

	@Override
	@Transactional(readOnly = true)
	public List<ThreadSummary> mine() {
		UserId me = CurrentUser.require().id();
		// the threads where the user was sent a message or wrote one; names shown by the page to those who may read
		return summaries("""
				t.id in (select m.thread_id from message m join message_recipient r on r.message_id = m.id where r.user_id = :me
				         union select m.thread_id from message m where m.author_id = :me)""", null, me);
	}

	List<ThreadSummary> summaries(String where, @Nullable UUID patient, UserId me) {
		var sql = jdbc.sql("""
				select t.id, t.patient_id, t.subject, t.last_posted_at, t.case_id,
				       (select m.author_name from message m where m.thread_id = t.id order by m.posted_at desc, m.id desc limit 1) as last_author,
				       (select count(*) from message m where m.thread_id = t.id and not m.voided) as messages,
				       (select count(*) from message m join message_recipient r on r.message_id = m.id
				        where m.thread_id = t.id and r.user_id = :me and r.read_at is null) as unread,
				       exists (select 1 from message m join message_recipient r on r.message_id = m.id
				               where m.thread_id = t.id and r.user_id = :me and r.read_at is null and m.urgent) as urgent_unread,
				       t.with_patient
				from message_thread t
				where not t.voided""" + " and (" + where + ") order by t.last_posted_at desc, t.id limit 200")
			.param("me", me.value());
		if (patient != null) sql = sql.param("patient", patient);
		return sql.query((rs, n) -> new ThreadSummary(rs.getObject(1, UUID.class), new PatientId(rs.getObject(2, UUID.class)),
				new CaseId(rs.getObject(5, UUID.class)), rs.getString(3), rs.getObject(4, OffsetDateTime.class).toInstant(),
				rs.getString(6), rs.getInt(7), rs.getInt(8), rs.getBoolean(9), rs.getBoolean(10))).list();
	}

	@Override
	@Transactional(readOnly = true)
	public Optional<PatientId> patientOf(UUID threadId) {
		Optional<Thread> t = thread(threadId);
		t.ifPresent(found -> threads.require(found.patient(), found.caseId(), ThreadAccess.Need.READ));
		return t.map(Thread::patient);
	}

	@Override
	@Transactional(readOnly = true)
	public Optional<AttachmentContent> attachment(PatientId patient, UUID threadId, UUID attachment) {
		Thread t = thread(patient, threadId, ThreadAccess.Need.READ);
		Optional<AttachmentContent> found = jdbc.sql("""
				select a.filename, a.content_type, a.content from message_attachment a join message m on m.id = a.message_id
				where a.id = ? and m.thread_id = ?""")
			.params(attachment, t.id())
			.query((rs, n) -> new AttachmentContent(rs.getString(1), rs.getString(2), rs.getBytes(3)))
			.optional();
		found.ifPresent(a -> audit.record(new AuditEntry("READ", "MessageAttachment", attachment.toString(), patient,
				AuditOutcome.SUCCESS, null)));
		return found;
	}

	@Override
	@Transactional(readOnly = true)
	public long unread(UserId user) {
		return jdbc.sql("select count(*) from message_recipient where user_id = ? and read_at is null")
			.param(user.value()).query(Long.class).single();
	}

	@Override
	@Transactional(readOnly = true)
	public Optional<MessageView> message(UUID id) {
		Optional<MessageView> found = messages("m.id = ?", List.of(id), 0, 1).stream().findFirst();
		found.ifPresent(m -> {
			threads.require(m.patient(), m.caseId(), ThreadAccess.Need.READ);
			audit.record(AuditEntry.read(RESOURCE, m.id().toString(), m.patient()));
		});
		return found;
	}

	@Override
	@Transactional(readOnly = true)
	public ExchangePage forExchange(@Nullable PatientId patient, @Nullable Instant from, @Nullable Instant to, int limit) {
		// a search: what the reader may not see is left out, not refused (as the other resources' searches do)
		StringBuilder where = new StringBuilder();
		List<Object> params = new ArrayList<>();
		if (patient != null) {
			if (!access.permits(patient, org.caremap.access.AccessPurpose.READ)) return new ExchangePage(List.of(), 0);
			Set<CaseId> visible = threads.quietly(patient);
			if (visible != null && visible.isEmpty()) return new ExchangePage(List.of(), 0);
			where.append("m.patient_id = ?");
			params.add(patient.value());
			if (visible != null) {
				where.append(" and t.case_id = any(?)");
				params.add(visible.stream().map(CaseId::value).toArray(UUID[]::new));
			}
		}
		else {
			Set<PatientId> scope = access.readableScope();
			if (scope == null) {
				if (!threads.quietlyAll()) return new ExchangePage(List.of(), 0);
				// every thread but those of cases in 42 CFR Part 2 programs withheld from the reader
				UUID[] withheld = threads.withheldCases(jdbc.sql("select distinct patient_id from message_thread where not voided")
					.query((rs, n) -> new PatientId(rs.getObject(1, UUID.class))).list());
				where.append("not (t.case_id = any(?))");
				params.add(withheld);
			}
			else {
				// each readable patient's threads as the one place decides: all of them, or the cases the reader is on
				List<UUID> whole = new ArrayList<>();
				List<UUID> cases = new ArrayList<>();
				for (PatientId p : scope) {
					Set<CaseId> visible = threads.quietly(p);
					if (visible == null) whole.add(p.value());
					else visible.forEach(c -> cases.add(c.value()));
				}
				if (whole.isEmpty() && cases.isEmpty()) return new ExchangePage(List.of(), 0);
				where.append("m.patient_id = any(?) or t.case_id = any(?)");
				params.add(whole.toArray(UUID[]::new));
				params.add(cases.toArray(UUID[]::new));
			}
		}
		if (from != null) {
			where.append(") and (m.posted_at >= ?");
			params.add(OffsetDateTime.ofInstant(from, java.time.ZoneOffset.UTC));
		}
		if (to != null) {
			where.append(") and (m.posted_at <= ?");
			params.add(OffsetDateTime.ofInstant(to, java.time.ZoneOffset.UTC));
		}
		var count = jdbc.sql("""
				select count(*) from message m join message_thread t on t.id = m.thread_id
				where not m.voided and not t.voided""" + " and (" + where + ")");
		for (Object p : params) count = count.param(p);
		long total = count.query(Long.class).single();
		if (total == 0 || limit <= 0) return new ExchangePage(List.of(), total);
		var keys = jdbc.sql("""
				select m.id, m.posted_at from message m join message_thread t on t.id = m.thread_id
				where not m.voided and not t.voided""" + " and (" + where + ") order by m.posted_at desc, m.id limit " + limit);
		for (Object p : params) keys = keys.param(p);
		return new ExchangePage(keys.query((rs, n) -> new ExchangePage.Key(rs.getObject(1, UUID.class),
				rs.getObject(2, OffsetDateTime.class).toInstant())).list(), total);
	}

	/** Messages with their receipts and attachments: three queries, whatever the number of messages. */
	List<MessageView> messages(String where, List<Object> params, int offset, int limit) {
		record Row(UUID id, UUID thread, String subject, CaseId caseId, PatientId patient, UserId author, String authorName,
				String body, boolean urgent, Instant postedAt, MessageView.By by) {
		}
		var sql = jdbc.sql("""
				select m.id, m.thread_id, t.subject, t.case_id, m.patient_id, m.author_id, m.author_name, m.body, m.urgent, m.posted_at,
				       m.author_kind
				from message m join message_thread t on t.id = m.thread_id
				where not m.voided and not t.voided""" + " and (" + where + ") order by m.posted_at, m.id offset " + offset
				+ (limit == Integer.MAX_VALUE ? "" : " limit " + limit));
		for (Object p : params) sql = sql.param(p);
		List<Row> rows = sql.query((rs, n) -> new Row(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3),
				new CaseId(rs.getObject(4, UUID.class)), new PatientId(rs.getObject(5, UUID.class)),
				new UserId(rs.getObject(6, UUID.class)), rs.getString(7), rs.getString(8), rs.getBoolean(9),
				rs.getObject(10, OffsetDateTime.class).toInstant(), MessageView.By.valueOf(rs.getString(11)))).list();
		if (rows.isEmpty()) return List.of();
		UUID[] ids = rows.stream().map(Row::id).toArray(UUID[]::new);
		record RawReceipt(UUID message, UserId user, boolean external, @Nullable Instant readAt) {
		}
		List<RawReceipt> raw = jdbc.sql("""
				select message_id, user_id, external, read_at from message_recipient where message_id = any(?) order by user_id""")
			.param(ids)
			.query((rs, n) -> {
				OffsetDateTime read = rs.getObject(4, OffsetDateTime.class);
				return new RawReceipt(rs.getObject(1, UUID.class), new UserId(rs.getObject(2, UUID.class)), rs.getBoolean(3),
						read == null ? null : read.toInstant());
			})
			.list();
		Set<UserId> people = new HashSet<>();
		raw.forEach(r -> people.add(r.user()));
		Map<UserId, String> names = accounts.displayNames(people);
		Map<UUID, List<MessageView.Receipt>> receipts = new LinkedHashMap<>();
		for (RawReceipt r : raw) {
			receipts.computeIfAbsent(r.message(), k -> new ArrayList<>())
				.add(new MessageView.Receipt(r.user(), names.getOrDefault(r.user(), "?"), r.external(), r.readAt()));
		}
		Map<UUID, List<MessageView.AttachmentInfo>> attachments = new LinkedHashMap<>();
		jdbc.sql("""
				select message_id, id, filename, content_type, size_bytes from message_attachment where message_id = any(?)
				order by created_at, id""")
			.param(ids)
			.query((rs, n) -> {
				attachments.computeIfAbsent(rs.getObject(1, UUID.class), k -> new ArrayList<>())
					.add(new MessageView.AttachmentInfo(rs.getObject(2, UUID.class), rs.getString(3), rs.getString(4), rs.getInt(5)));
				return 0;
			})
			.list();
		List<MessageView> out = new ArrayList<>();
		for (Row r : rows) {
			out.add(new MessageView(r.id(), r.thread(), r.subject(), r.caseId(), r.patient(), r.author(), r.authorName(), r.body(),
					r.urgent(), r.postedAt(), receipts.getOrDefault(r.id(), List.of()), attachments.getOrDefault(r.id(), List.of()), r.by()));
		}
		return out;
	}
}
