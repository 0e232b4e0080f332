package org.caremap.referral.internal;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.caremap.access.AccessPurpose;
import org.caremap.access.CareRelationships;
import org.caremap.access.PatientAccess;
import org.caremap.access.RelationshipKind;
import org.caremap.audit.AuditEntry;
import org.caremap.audit.AuditOutcome;
import org.caremap.audit.AuditTrail;
import org.caremap.identity.CurrentUser;
import org.caremap.identity.Role;
import org.caremap.identity.UserAccounts;
import org.caremap.program.ProgramId;
import org.caremap.program.Programs;
import org.caremap.referral.NewReferral;
import org.caremap.referral.QueueEntry;
import org.caremap.referral.ReferralDecided;
import org.caremap.referral.QueueFilter;
import org.caremap.referral.ReferralId;
import org.caremap.referral.ReferralPage;
import org.caremap.referral.ReferralReceived;
import org.caremap.referral.ReferralSearch;
import org.caremap.referral.ReferralSource;
import org.caremap.referral.ReferralStatus;
import org.caremap.referral.ReferralView;
import org.caremap.referral.Referrals;
import org.caremap.referral.Urgency;
import org.caremap.shared.CurrentActor;
import org.caremap.shared.DomainException;
import org.caremap.shared.Ids;
import org.caremap.shared.NotFoundException;
import org.caremap.shared.PatientId;
import org.caremap.shared.UserId;
import org.caremap.shared.Texts;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
@Transactional
class JdbcReferrals implements Referrals {

	private static final Set<String> DOCUMENT_TYPES = Set.of("application/pdf", "image/png", "image/jpeg", "text/plain");
	private static final int MAX_DOCUMENT_BYTES = 10 * 1024 * 1024;

	private final JdbcClient jdbc;
	private final Programs programs;
	private final PatientAccess access;
	private final CareRelationships relationships;
	private final UserAccounts accounts;
	private final AuditTrail audit;
	private final org.caremap.patient.PatientRegistry patients;
	private final ApplicationEventPublisher events;

	JdbcReferrals(org.caremap.patient.PatientRegistry patients, JdbcClient jdbc, Programs programs, PatientAccess access, CareRelationships relationships,
			UserAccounts accounts, AuditTrail audit, ApplicationEventPublisher events) {
		this.jdbc = jdbc;
		this.programs = programs;
		this.access = access;
		this.relationships = relationships;
		this.accounts = accounts;
		this.audit = audit;
		this.patients = patients;
		this.events = events;
	}

	@Override
	@PreAuthorize("hasAnyRole('INTAKE', 'SUPERVISOR', 'CASE_MANAGER', 'SYSTEM')")
	public ReferralId receive(NewReferral r) {
		if (patients.headers(List.of(r.patient())).isEmpty()) throw new NotFoundException("patient", r.patient());
		var program = programs.find(r.program()).orElseThrow(() -> new NotFoundException("program", r.program()));
		if (!program.active()) throw new DomainException("referral.program-inactive", program.name(), program.name());
		UUID id = Ids.newId();
		Instant received = r.receivedAt() == null ? Instant.now() : r.receivedAt();
		if (received.isAfter(Instant.now().plusSeconds(60))) {
			throw new DomainException("referral.received-in-future", "a referral cannot arrive in the future");
		}
		OffsetDateTime now = OffsetDateTime.ofInstant(received, ZoneOffset.UTC);
		jdbc.sql("""
				insert into referral (id, patient_id, program_id, source_type, source_name, source_contact, reason,
				                      urgency, status, received_at, created_by)
				values (?, ?, ?, ?, ?, ?, ?, ?, 'RECEIVED', ?, ?)""")
			.params(id, r.patient().value(), r.program().value(), r.source().name(), Texts.orNull(r.sourceName()),
					Texts.orNull(r.sourceContact()), r.reason().trim(), r.urgency().name(), now, CurrentActor.name())
			.update();
		step(id, null, ReferralStatus.RECEIVED, null);
		audit.record(AuditEntry.write("CREATE", "Referral", id.toString(), r.patient()));
		events.publishEvent(new ReferralReceived(new ReferralId(id), r.patient(), r.program(), received));
		return new ReferralId(id);
	}

	@Override
	@Transactional(readOnly = true)
	public Optional<ReferralView> find(ReferralId id) {
		Optional<ReferralView> found = jdbc.sql("select * from referral where id = ?")
			.param(id.value())
			.query((rs, n) -> view(rs))
			.optional();
		found.ifPresent(r -> {
			requireSight(r.patient(), id);
			audit.record(AuditEntry.read("Referral", id.toString(), r.patient()));
		});
		return found;
	}

	@Override
	@Transactional(readOnly = true)
	public ReferralPage search(ReferralSearch search, int offset, int count) {
		if (search.patient() != null) requireSight(search.patient(), null);
		StringBuilder where = new StringBuilder(" from referral where true");
		java.util.Map<String, Object> params = new java.util.HashMap<>();
		if (search.id() != null) {
			where.append(" and id = :id");
			params.put("id", search.id().value());
		}
		if (search.patient() != null) {
			where.append(" and patient_id = :patient");
			params.put("patient", search.patient().value());
		}
		if (!search.statuses().isEmpty()) {
			where.append(" and status = any(:statuses)");
			params.put("statuses", search.statuses().stream().map(Enum::name).toArray(String[]::new));
		}
		if (search.changedFrom() != null) {
			where.append(" and coalesce(updated_at, created_at) >= :changedFrom");
			params.put("changedFrom", OffsetDateTime.ofInstant(search.changedFrom(), ZoneOffset.UTC));
		}
		if (search.changedTo() != null) {
			where.append(" and coalesce(updated_at, created_at) <= :changedTo");
			params.put("changedTo", OffsetDateTime.ofInstant(search.changedTo(), ZoneOffset.UTC));
		}
		CurrentUser caller = CurrentUser.get().orElse(null);
		boolean portal = org.caremap.identity.PortalPrincipal.get().isPresent();
		if (portal || caller != null && !caller.has(Role.INTAKE) && !caller.has(Role.SUPERVISOR)) {
			// a person who does not work the queue sees the referrals of their own patients: counted and paged as such
			java.util.Set<PatientId> scope = access.readableScope();
			if (scope != null) {
				where.append(" and patient_id = any(:scope)");
				params.put("scope", scope.stream().map(PatientId::value).toArray(java.util.UUID[]::new));
			}
		}
		long total = jdbc.sql("select count(*)" + where).params(params).query(Long.class).single();
		params.put("limit", Math.max(count, 0));
		params.put("offset", Math.max(offset, 0));
		List<ReferralPage.Found> page = jdbc.sql("select *, coalesce(updated_at, created_at) as last_changed" + where
				+ " order by received_at, id limit :limit offset :offset")
			.params(params)
			.query((rs, n) -> new ReferralPage.Found(view(rs), rs.getObject("last_changed", OffsetDateTime.class).toInstant()))
			.list();
		if (search.id() != null && !page.isEmpty()) requireSight(page.get(0).view().patient(), search.id());
		CurrentUser me = CurrentUser.get().orElse(null);
		java.util.Set<PatientId> readable = !portal && (me == null || me.has(Role.INTAKE) || me.has(Role.SUPERVISOR))
				? page.stream().map(f -> f.view().patient()).collect(java.util.stream.Collectors.toSet())
				: access.readable(page.stream().map(f -> f.view().patient()).toList());
		List<ReferralPage.Found> shown = page.stream().filter(f -> readable.contains(f.view().patient())).toList();
		audit.recordAll(shown.stream()
			.map(f -> AuditEntry.read("Referral", f.view().id().toString(), f.view().patient()))
			.toList());
		return new ReferralPage(shown, total - (page.size() - shown.size()));
	}

	private ReferralView view(java.sql.ResultSet rs) throws java.sql.SQLException {
		ReferralId id = new ReferralId(rs.getObject("id", UUID.class));
		return new ReferralView(id, new PatientId(rs.getObject("patient_id", UUID.class)),
				new ProgramId(rs.getObject("program_id", UUID.class)), ReferralSource.valueOf(rs.getString("source_type")),
				rs.getString("source_name"), rs.getString("source_contact"), rs.getString("reason"),
				Urgency.valueOf(rs.getString("urgency")), ReferralStatus.valueOf(rs.getString("status")),
				instant(rs.getObject("received_at", OffsetDateTime.class)), user(rs.getObject("claimed_by", UUID.class)),
				instant(rs.getObject("claimed_at", OffsetDateTime.class)), rs.getString("decision_reason"),
				instant(rs.getObject("decided_at", OffsetDateTime.class)), rs.getString("case_id"), history(id),
				attachments(id));
	}

	/** Intake and supervisors work the whole queue; anyone else sees referrals of patients in their care. */
	private void requireSight(PatientId patient, @Nullable ReferralId id) {
		CurrentUser me = CurrentUser.get().orElse(null);
		// Caremap itself (a job, an import) acting as system; a portal principal (a patient's app) is checked
		if (me == null && org.caremap.identity.PortalPrincipal.get().isEmpty()) return;
		if (me.has(Role.INTAKE) || me.has(Role.SUPERVISOR)) return;
		access.require(patient, AccessPurpose.READ);
	}

	@Override
	@Transactional(readOnly = true)
	@PreAuthorize("hasAnyRole('INTAKE', 'SUPERVISOR')")
	public List<QueueEntry> queue(QueueFilter filter) {
		StringBuilder where = new StringBuilder("where status = any(:statuses)");
		if (filter.urgency() != null) where.append(" and urgency = :urgency");
		if (filter.program() != null) where.append(" and program_id = :program");
		if (filter.source() != null) where.append(" and source_type = :source");
		var statement = jdbc.sql("""
				select id, patient_id, program_id, source_type, source_name, reason, urgency, status, received_at,
				       claimed_by
				from referral""" + " " + where + """

				order by case urgency when 'EMERGENT' then 0 when 'URGENT' then 1 else 2 end, received_at
				limit :limit""")
			.param("statuses", filter.statuses().stream().map(Enum::name).toArray(String[]::new))
			.param("limit", filter.limit());
		if (filter.urgency() != null) statement = statement.param("urgency", filter.urgency().name());
		if (filter.program() != null) statement = statement.param("program", filter.program().value());
		if (filter.source() != null) statement = statement.param("source", filter.source().name());
		List<QueueEntry> rows = statement.query((rs, n) -> new QueueEntry(new ReferralId(rs.getObject("id", UUID.class)),
				new PatientId(rs.getObject("patient_id", UUID.class)), new ProgramId(rs.getObject("program_id", UUID.class)),
				ReferralSource.valueOf(rs.getString("source_type")), rs.getString("source_name"), rs.getString("reason"),
				Urgency.valueOf(rs.getString("urgency")), ReferralStatus.valueOf(rs.getString("status")),
				instant(rs.getObject("received_at", OffsetDateTime.class)), user(rs.getObject("claimed_by", UUID.class))))
			.list();
		audit.record(new AuditEntry("READ", "ReferralQueue", null, null, AuditOutcome.SUCCESS, rows.size() + " rows"));
		return rows;
	}

	@Override
	@PreAuthorize("hasAnyRole('INTAKE', 'SUPERVISOR')")
	public void claim(ReferralId id) {
		UserId me = CurrentUser.require().id();
		int updated = jdbc.sql("""
				update referral set status = 'SCREENING', claimed_by = ?, claimed_at = now(), version = version + 1,
				       updated_at = now(), updated_by = ?
				where id = ? and status = 'RECEIVED' and claimed_by is null""")
			.params(me.value(), CurrentActor.name(), id.value())
			.update();
		if (updated == 0) {
			Current current = current(id);
			if (current.status() == ReferralStatus.SCREENING && current.claimedBy() != null) {
				String who = current.claimedBy().equals(me) ? "you"
						: accounts.find(current.claimedBy()).map(u -> u.displayName()).orElse("someone else");
				throw new DomainException("referral.already-claimed", "already claimed by " + who, who);
			}
			throw illegal(current.status(), "claim");
		}
		PatientId patient = current(id).patient();
		step(id.value(), ReferralStatus.RECEIVED, ReferralStatus.SCREENING, null);
		relationships.open(me, patient, RelationshipKind.INTAKE, source(id));
		audit.record(AuditEntry.write("CLAIM", "Referral", id.toString(), patient));
	}

	@Override
	@PreAuthorize("hasAnyRole('INTAKE', 'SUPERVISOR')")
	public void release(ReferralId id, String note) {
		requireClaimer(current(id), "release");
		Current current = move(id, ReferralStatus.SCREENING, ReferralStatus.RECEIVED, "release", requireText(note),
				"claimed_by = null, claimed_at = null");
		endIntake(current, id);
	}

	@Override
	@PreAuthorize("hasAnyRole('INTAKE', 'SUPERVISOR', 'SYSTEM')")
	public void accept(ReferralId id, String caseId) {
		Current current = current(id);
		requireClaimer(current, "accept");
		move(id, ReferralStatus.SCREENING, ReferralStatus.ACCEPTED, "accept", null,
				"decided_at = now(), decided_by = :actor, case_id = :caseId", UUID.fromString(caseId));
		endIntake(current, id);
		decided(id, current, ReferralStatus.ACCEPTED);
	}

	@Override
	@PreAuthorize("hasAnyRole('INTAKE', 'SUPERVISOR')")
	public void decline(ReferralId id, String reason) {
		Current current = current(id);
		requireClaimer(current, "decline");
		move(id, ReferralStatus.SCREENING, ReferralStatus.DECLINED, "decline", requireText(reason),
				"decided_at = now(), decided_by = :actor, decision_reason = :note");
		endIntake(current, id);
		decided(id, current, ReferralStatus.DECLINED);
	}

	@Override
	@PreAuthorize("hasAnyRole('INTAKE', 'SUPERVISOR')")
	public void withdraw(ReferralId id, String reason) {
		Current current = current(id);
		ReferralStatus from = current.status() == ReferralStatus.SCREENING ? ReferralStatus.SCREENING : ReferralStatus.RECEIVED;
		move(id, from, ReferralStatus.WITHDRAWN, "withdraw", requireText(reason),
				"decided_at = now(), decided_by = :actor, decision_reason = :note");
		if (from == ReferralStatus.SCREENING) endIntake(current, id);
		decided(id, current, ReferralStatus.WITHDRAWN);
	}

	/** The decision told to the modules that wait on it, in the transaction of the decision. */
	private void decided(ReferralId id, Current current, ReferralStatus status) {
		events.publishEvent(new ReferralDecided(id, current.patient(), current.program(), status, Instant.now()));
	}

	@Override
	@PreAuthorize("hasAnyRole('INTAKE', 'SUPERVISOR')")
	public void reopen(ReferralId id, String note) {
		Current current = current(id);
		ReferralStatus from = current.status() == ReferralStatus.WITHDRAWN ? ReferralStatus.WITHDRAWN : ReferralStatus.DECLINED;
		move(id, from, ReferralStatus.RECEIVED, "reopen", requireText(note),
				"claimed_by = null, claimed_at = null, decided_at = null, decided_by = null, decision_reason = null");
	}

	@Override
	@PreAuthorize("hasAnyRole('INTAKE', 'SUPERVISOR', 'CASE_MANAGER')")
	public void attach(ReferralId id, String filename, String contentType, byte[] content) {
		Current current = current(id);
		requireSight(current.patient(), id);
		String type = contentType.toLowerCase(Locale.ROOT);
		if (!DOCUMENT_TYPES.contains(type)) throw new DomainException("referral.document-type", type, type);
		if (content.length == 0) throw new DomainException("referral.document-empty", filename);
		if (content.length > MAX_DOCUMENT_BYTES) throw new DomainException("referral.document-too-large", filename);
		String safeName = filename.replaceAll("[\\\\/:*?\"<>|\\p{Cntrl}]", "_");
		UUID attachment = Ids.newId();
		jdbc.sql("""
				insert into referral_attachment (id, referral_id, filename, content_type, size_bytes, content, uploaded_by)
				values (?, ?, ?, ?, ?, ?, ?)""")
			.params(attachment, id.value(), safeName, type, content.length, content, CurrentActor.name())
			.update();
		audit.record(AuditEntry.write("ATTACH", "Referral", id + "/" + attachment, current.patient()));
	}

	@Override
	@Transactional(readOnly = true)
	public Optional<Document> document(ReferralId id, UUID attachment) {
		Current current = current(id);
		requireSight(current.patient(), id);
		Optional<Document> document = jdbc.sql("""
				select filename, content_type, content from referral_attachment where id = ? and referral_id = ?""")
			.params(attachment, id.value())
			.query((rs, n) -> new Document(rs.getString(1), rs.getString(2), rs.getBytes(3)))
			.optional();
		document.ifPresent(d -> audit.record(AuditEntry.read("ReferralDocument", id + "/" + attachment, current.patient())));
		return document;
	}

	@Override
	@Transactional(readOnly = true)
	public long screenedBy(UserId user) {
		return jdbc.sql("select count(*) from referral where status = 'SCREENING' and claimed_by = ?")
			.param(user.value())
			.query(Long.class)
			.single();
	}

	@Override
	@Transactional(readOnly = true)
	public long waiting() {
		// an index-only count on referral_queue_idx (status leads)
		return jdbc.sql("select count(*) from referral where status = 'RECEIVED'").query(Long.class).single();
	}

	/** The parts of a referral that decide what may happen to it next. */
	private record Current(ReferralStatus status, @Nullable UserId claimedBy, PatientId patient, ProgramId program) {
	}

	private Current current(ReferralId id) {
		return jdbc.sql("select status, claimed_by, patient_id, program_id from referral where id = ?")
			.param(id.value())
			.query((rs, n) -> new Current(ReferralStatus.valueOf(rs.getString(1)), user(rs.getObject(2, UUID.class)),
					new PatientId(rs.getObject(3, UUID.class)), new ProgramId(rs.getObject(4, UUID.class))))
			.optional()
			.orElseThrow(() -> new NotFoundException("referral", id));
	}

	/** Moves the referral from one status to the next, or explains why it cannot. */
	private Current move(ReferralId id, ReferralStatus from, ReferralStatus to, String action, @Nullable String note,
			String extraSet) {
		return move(id, from, to, action, note, extraSet, null);
	}

	private Current move(ReferralId id, ReferralStatus from, ReferralStatus to, String action, @Nullable String note,
			String extraSet, @Nullable UUID caseId) {
		Current current = current(id);
		if (current.status() != from || !from.next().contains(to)) throw illegal(current.status(), action);
		int updated = jdbc.sql("update referral set status = :to, " + extraSet
				+ ", version = version + 1, updated_at = now(), updated_by = :actor where id = :id and status = :from")
			.param("to", to.name())
			.param("from", from.name())
			.param("actor", CurrentActor.name())
			.param("note", note)
			.param("caseId", caseId)
			.param("id", id.value())
			.update();
		if (updated == 0) throw illegal(current(id).status(), action);
		step(id.value(), from, to, note);
		audit.record(new AuditEntry(action.toUpperCase(Locale.ROOT), "Referral", id.toString(), current.patient(),
				AuditOutcome.SUCCESS, note));
		return current;
	}

	private void requireClaimer(Current current, String action) {
		if (current.status() != ReferralStatus.SCREENING) throw illegal(current.status(), action);
		CurrentUser me = CurrentUser.get().orElse(null);
		if (me == null || me.has(Role.SUPERVISOR)) return;
		if (current.claimedBy() != null && !current.claimedBy().equals(me.id())) {
			String who = accounts.find(current.claimedBy()).map(u -> u.displayName()).orElse("someone else");
			throw new AccessDeniedException("the referral is being screened by " + who);
		}
	}

	private void endIntake(Current current, ReferralId id) {
		if (current.claimedBy() != null) {
			relationships.end(current.claimedBy(), current.patient(), RelationshipKind.INTAKE, source(id));
		}
	}

	private static String source(ReferralId id) {
		return "referral:" + id;
	}

	private static DomainException illegal(ReferralStatus status, String action) {
		return new DomainException("referral.illegal-transition", "cannot " + action + " a referral that is " + status,
				status.name().toLowerCase(Locale.ROOT), action);
	}

	private void step(UUID id, @Nullable ReferralStatus from, ReferralStatus to, @Nullable String note) {
		jdbc.sql("""
				insert into referral_step (referral_id, from_status, to_status, note, created_by) values (?, ?, ?, ?, ?)""")
			.params(id, from == null ? null : from.name(), to.name(), note, CurrentActor.name())
			.update();
	}

	private List<ReferralView.Step> history(ReferralId id) {
		return jdbc.sql("""
				select from_status, to_status, note, created_at, created_by from referral_step
				where referral_id = ? order by id""")
			.param(id.value())
			.query((rs, n) -> new ReferralView.Step(
					rs.getString(1) == null ? null : ReferralStatus.valueOf(rs.getString(1)),
					ReferralStatus.valueOf(rs.getString(2)), rs.getString(3),
					rs.getObject(4, OffsetDateTime.class).toInstant(), rs.getString(5)))
			.list();
	}

	private List<ReferralView.Attachment> attachments(ReferralId id) {
		return new ArrayList<>(jdbc.sql("""
				select id, filename, content_type, size_bytes, uploaded_at, uploaded_by from referral_attachment
				where referral_id = ? order by uploaded_at""")
			.param(id.value())
			.query((rs, n) -> new ReferralView.Attachment(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
					rs.getLong(4), rs.getObject(5, OffsetDateTime.class).toInstant(), rs.getString(6)))
			.list());
	}

	private static String requireText(@Nullable String text) {
		if (text == null || text.isBlank()) throw new DomainException("referral.reason-required", "a reason is required");
		return text.trim();
	}


	private static @Nullable Instant instant(@Nullable OffsetDateTime time) {
		return time == null ? null : time.toInstant();
	}

	private static @Nullable UserId user(@Nullable UUID id) {
		return id == null ? null : new UserId(id);
	}

}
