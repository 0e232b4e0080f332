package org.caremap.contact.internal;

import org.caremap.access.Segmentation;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import org.caremap.access.AccessPurpose;
import org.caremap.access.Part2Segment;
import org.caremap.access.PatientAccess;
import org.caremap.audit.AuditEntry;
import org.caremap.audit.AuditOutcome;
import org.caremap.audit.AuditTrail;
import org.caremap.caseload.CaseId;
import org.caremap.caseload.Cases;
import org.caremap.contact.ContactKinds;
import org.caremap.contact.ContactView;
import org.caremap.contact.Contacts;
import org.caremap.contact.NewContact;
import org.caremap.contact.Shown;
import org.caremap.organization.Organizations;
import org.caremap.shared.CurrentActor;
import org.caremap.shared.DomainException;
import org.caremap.shared.Ids;
import org.caremap.shared.PatientId;
import org.caremap.shared.Texts;
import org.caremap.task.FollowUps;
import org.caremap.task.TaskId;
import org.caremap.task.Tasks;
import org.jspecify.annotations.Nullable;
import org.caremap.contact.ContactLogged;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
@Transactional
class JdbcContacts implements Contacts {

	private final JdbcClient jdbc;
	private final PatientAccess access;
	private final Tasks tasks;
	private final FollowUps followUps;
	private final Organizations organizations;
	private final AuditTrail audit;
	private final Cases cases;
	private final ApplicationEventPublisher events;
	private final Segmentation segmentation;

	JdbcContacts(JdbcClient jdbc, PatientAccess access, Tasks tasks, FollowUps followUps, Organizations organizations,
			AuditTrail audit, Cases cases, ApplicationEventPublisher events, Segmentation segmentation) {
		this.segmentation = segmentation;
		this.cases = cases;
		this.events = events;
		this.jdbc = jdbc;
		this.access = access;
		this.tasks = tasks;
		this.followUps = followUps;
		this.organizations = organizations;
		this.audit = audit;
	}

	@Override
	public UUID log(NewContact c) {
		access.require(c.patient(), AccessPurpose.CONTRIBUTE);
		if (c.occurredAt().isAfter(Instant.now().plusSeconds(300))) {
			throw new DomainException("contact.in-future", "a contact cannot be logged before it happens");
		}
		if (c.caseId() != null && !cases.belongsTo(c.caseId(), c.patient())) {
			throw new DomainException("contact.case-mismatch", "the case is not this patient's");
		}
		for (TaskId task : c.completes()) {
			var view = tasks.find(task).orElseThrow(() -> new DomainException("contact.task-mismatch", "no such task"));
			if (!view.patient().equals(c.patient())) {
				throw new DomainException("contact.task-mismatch", "the task is not this patient's");
			}
		}
		UUID id = Ids.newId();
		jdbc.sql("""
				insert into contact (id, patient_id, case_id, type, direction, with_whom, with_name, outcome, occurred_at,
				                     minutes, staff_kind, summary, created_by)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(id, c.patient().value(), c.caseId() == null ? null : c.caseId().value(), c.type().name(), c.direction().name(), c.with().name(),
					Texts.orNull(c.withName()), c.outcome().name(), OffsetDateTime.ofInstant(c.occurredAt(), ZoneOffset.UTC),
					c.minutes(), c.staffKind().name(), Texts.orNull(c.summary()), CurrentActor.name())
			.update();
		String outcomeText = outcomeText(c);
		boolean withPatient = c.with() == ContactKinds.Party.PATIENT || c.with() == ContactKinds.Party.CAREGIVER;
		for (TaskId task : c.completes()) {
			jdbc.sql("insert into contact_task (contact_id, task_id) values (?, ?)").params(id, task.value()).update();
			tasks.contactLogged(task, c.occurredAt(), c.outcome() == ContactKinds.Outcome.REACHED, withPatient, outcomeText);
		}
		boolean reached = c.outcome() == ContactKinds.Outcome.REACHED && withPatient;
		if (reached && c.caseId() != null) followUps.contactReached(c.caseId(), c.occurredAt());
		events.publishEvent(new ContactLogged(id, c.patient(), c.caseId(), c.type(), c.with(), c.outcome(), c.occurredAt(),
				c.minutes(), c.staffKind(), CurrentActor.name()));
		audit.record(new AuditEntry("CREATE", "Contact", id.toString(), c.patient(), AuditOutcome.SUCCESS,
				c.type() + " " + c.outcome()));
		return id;
	}

	/**
	 * Logs the portal message as a contact that reached the patient (or their caregiver, for a proxy), once per
	 * message, and restarts the case's cadence from it; false when it was logged already.
	 */
	boolean fromPortalMessage(org.caremap.team.PatientMessagePosted e) {
		UUID id = Ids.newId();
		int inserted = jdbc.sql("""
				insert into contact (id, patient_id, case_id, type, direction, with_whom, with_name, outcome, occurred_at,
				                     minutes, staff_kind, summary, source_message, created_by)
				values (?, ?, ?, 'PORTAL_MESSAGE', 'INBOUND', ?, ?, 'REACHED', ?, 0, 'CLINICAL_STAFF', ?, ?, ?)
				on conflict (source_message) where source_message is not null do nothing""")
			.params(id, e.patient().value(), e.caseId().value(), e.proxy() ? "CAREGIVER" : "PATIENT",
					e.proxy() ? e.authorName() : null, OffsetDateTime.ofInstant(e.postedAt(), ZoneOffset.UTC),
					Texts.orNull(e.subject()), e.message(), CurrentActor.name())
			.update();
		if (inserted == 0) return false;
		followUps.contactReached(e.caseId(), e.postedAt());
		events.publishEvent(new ContactLogged(id, e.patient(), e.caseId(), ContactKinds.Type.PORTAL_MESSAGE,
				e.proxy() ? ContactKinds.Party.CAREGIVER : ContactKinds.Party.PATIENT, ContactKinds.Outcome.REACHED,
				e.postedAt(), 0, ContactKinds.StaffKind.CLINICAL_STAFF, CurrentActor.name()));
		audit.record(new AuditEntry("CREATE", "Contact", id.toString(), e.patient(), AuditOutcome.SUCCESS,
				"PORTAL_MESSAGE REACHED, from message " + e.message()));
		return true;
	}

	private static String outcomeText(NewContact c) {
		String base = c.type().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + ", "
				+ c.outcome().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
		return c.summary() == null || c.summary().isBlank() ? base : base + ": " + c.summary().trim();
	}

	@Override
	@Transactional(readOnly = true)
	public Shown<ContactView> shown(PatientId patient) {
		access.require(patient, AccessPurpose.READ);
		Part2Segment segment = segmentation.part2(patient);
		List<ContactView> contacts = jdbc.sql("""
				select * from contact where patient_id = ? and not voided order by occurred_at desc limit 200""")
			.param(patient.value())
			.query((rs, n) -> {
				UUID caseId = rs.getObject("case_id", UUID.class);
				return new ContactView(rs.getObject("id", UUID.class), patient, caseId(caseId),
					ContactKinds.Type.valueOf(rs.getString("type")), ContactKinds.Direction.valueOf(rs.getString("direction")),
					ContactKinds.Party.valueOf(rs.getString("with_whom")), rs.getString("with_name"),
					ContactKinds.Outcome.valueOf(rs.getString("outcome")),
					rs.getObject("occurred_at", OffsetDateTime.class).toInstant(), rs.getInt("minutes"),
					ContactKinds.StaffKind.valueOf(rs.getString("staff_kind")), rs.getString("summary"),
					rs.getString("created_by"), segment.labels(caseId));
			})
			.list();
		Part2Segment.Filtered<ContactView> seen = segment.filter(contacts, c -> c.caseId() == null ? null : c.caseId().value());
		audit.record(new AuditEntry("READ", "Contact", null, patient, AuditOutcome.SUCCESS, seen.shown().size() + " contacts"
				+ (seen.withheld() > 0 ? ", " + seen.withheld() + " withheld (42 CFR Part 2)" : "")));
		return new Shown<>(seen.shown(), seen.withheld(),
				segment.needsNotice() && seen.shown().stream().anyMatch(ContactView::part2));
	}

	private static @Nullable CaseId caseId(@Nullable UUID value) {
		return value == null ? null : new CaseId(value);
	}

	@Override
	@Transactional(readOnly = true)
	public Minutes minutes(CaseId caseId, YearMonth month) {
		// the case must be open to the user (Cases.find checks and audits that)
		cases.find(caseId).orElseThrow(() -> new org.caremap.shared.NotFoundException("case", caseId.value()));
		var zone = organizations.primary().map(o -> o.zone()).orElse(ZoneOffset.UTC);
		OffsetDateTime from = month.atDay(1).atStartOfDay(zone).toOffsetDateTime();
		OffsetDateTime to = month.plusMonths(1).atDay(1).atStartOfDay(zone).toOffsetDateTime();
		return jdbc.sql("""
				select coalesce(sum(minutes) filter (where staff_kind = 'CLINICAL_STAFF'), 0),
				       coalesce(sum(minutes) filter (where staff_kind = 'PHYSICIAN'), 0)
				from contact where case_id = ? and not voided and occurred_at >= ? and occurred_at < ?""")
			.params(caseId.value(), from, to)
			.query((rs, n) -> new Minutes(rs.getInt(1), rs.getInt(2)))
			.single();
	}

}
