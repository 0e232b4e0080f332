package org.caremap.contact.internal;

import org.caremap.access.Segmentation;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import org.caremap.access.AccessPurpose;
import org.caremap.access.Part2Labels;
import org.caremap.access.Part2Segment;
import org.caremap.access.PatientAccess;
import org.caremap.audit.AuditEntry;
import org.caremap.audit.AuditOutcome;
import org.caremap.audit.AuditTrail;
import org.caremap.caseload.CaseId;
import org.caremap.contact.Feedback;
import org.caremap.contact.FeedbackView;
import org.caremap.contact.Shown;
import org.caremap.shared.CurrentActor;
import org.caremap.shared.DomainException;
import org.caremap.shared.Ids;
import org.caremap.shared.NotFoundException;
import org.caremap.shared.PatientId;
import org.caremap.shared.UserId;
import org.caremap.task.NewTask;
import org.caremap.task.TaskPriority;
import org.caremap.task.TaskType;
import org.caremap.task.Tasks;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
@Transactional
class JdbcFeedback implements Feedback {

	private final JdbcClient jdbc;
	private final PatientAccess access;
	private final Tasks tasks;
	private final AuditTrail audit;
	private final Segmentation segmentation;

	JdbcFeedback(JdbcClient jdbc, PatientAccess access, Tasks tasks, AuditTrail audit, Segmentation segmentation) {
		this.segmentation = segmentation;
		this.jdbc = jdbc;
		this.access = access;
		this.tasks = tasks;
		this.audit = audit;
	}

	@Override
	public UUID record(PatientId patient, @Nullable CaseId caseId, FeedbackView.Sentiment sentiment,
			FeedbackView.Category category, String description, @Nullable UserId followUpOwner) {
		access.require(patient, AccessPurpose.CONTRIBUTE);
		if (description == null || description.isBlank()) throw new DomainException("feedback.empty", "describe it");
		UUID id = Ids.newId();
		boolean followUp = followUpOwner != null;
		jdbc.sql("""
				insert into patient_feedback (id, patient_id, case_id, sentiment, category, description, follow_up_owner,
				                              status, outcome, received_at, resolved_at, resolved_by, created_by)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?, now(), ?, ?, ?)""")
			.params(id, patient.value(), caseId == null ? null : caseId.value(), sentiment.name(), category.name(), description.trim(),
					followUp ? followUpOwner.value() : null, followUp ? "OPEN" : "RESOLVED",
					followUp ? null : "recorded", followUp ? null : OffsetDateTime.now(ZoneOffset.UTC),
					followUp ? null : CurrentActor.name(), CurrentActor.name())
			.update();
		if (followUp) {
			tasks.create(new NewTask(patient, caseId, TaskType.OTHER,
					sentiment == FeedbackView.Sentiment.NEGATIVE ? "Follow up a complaint" : "Follow up feedback",
					description.trim(), followUpOwner, null,
					category == FeedbackView.Category.SAFETY ? TaskPriority.URGENT : TaskPriority.ROUTINE, null,
					Instant.now().plus(Duration.ofDays(category == FeedbackView.Category.SAFETY ? 1 : 5)),
					"feedback:" + id));
		}
		audit.record(new AuditEntry("CREATE", "Feedback", id.toString(), patient, AuditOutcome.SUCCESS,
				sentiment + " " + category));
		return id;
	}

	@Override
	public void resolve(UUID feedback, String outcome) {
		record Row(PatientId patient, @Nullable UUID caseId) {
		}
		Row row = jdbc.sql("select patient_id, case_id from patient_feedback where id = ?").param(feedback)
			.query((rs, n) -> new Row(new PatientId(rs.getObject(1, UUID.class)), rs.getObject(2, UUID.class))).optional()
			.orElseThrow(() -> new NotFoundException("feedback", feedback));
		PatientId patient = row.patient();
		access.require(patient, AccessPurpose.CONTRIBUTE);
		if (segmentation.part2(patient).withholds(row.caseId())) {
			audit.record(new AuditEntry("RESOLVE", "Feedback", feedback.toString(), patient, AuditOutcome.DENIED,
					"withheld under 42 CFR Part 2"));
			throw Part2Labels.withheld("feedback " + feedback);
		}
		if (outcome == null || outcome.isBlank()) throw new DomainException("feedback.outcome-required", "say how it ended");
		int updated = jdbc.sql("""
				update patient_feedback set status = 'RESOLVED', outcome = ?, resolved_at = now(), resolved_by = ?
				where id = ? and status = 'OPEN'""")
			.params(outcome.trim(), CurrentActor.name(), feedback).update();
		if (updated == 0) throw new DomainException("feedback.resolved", "already resolved");
		tasks.cancelFromSource("feedback:" + feedback, "feedback resolved: " + outcome.trim());
		audit.record(AuditEntry.write("RESOLVE", "Feedback", feedback.toString(), patient));
	}

	@Override
	@Transactional(readOnly = true)
	public Shown<FeedbackView> shown(PatientId patient) {
		access.require(patient, AccessPurpose.READ);
		Part2Segment segment = segmentation.part2(patient);
		record Row(FeedbackView view, @Nullable UUID caseId) {
		}
		List<Row> all = jdbc.sql("select * from patient_feedback where patient_id = ? order by received_at desc")
			.param(patient.value())
			.query((rs, n) -> {
				UUID owner = rs.getObject("follow_up_owner", UUID.class);
				UUID caseId = rs.getObject("case_id", UUID.class);
				return new Row(new FeedbackView(rs.getObject("id", UUID.class), patient,
						FeedbackView.Sentiment.valueOf(rs.getString("sentiment")),
						FeedbackView.Category.valueOf(rs.getString("category")), rs.getString("description"),
						owner == null ? null : new UserId(owner), "RESOLVED".equals(rs.getString("status")),
						rs.getString("outcome"), rs.getObject("received_at", OffsetDateTime.class).toInstant(),
						rs.getString("created_by"), segment.labels(caseId)), caseId);
			})
			.list();
		Part2Segment.Filtered<Row> seen = segment.filter(all, Row::caseId);
		audit.record(new AuditEntry("READ", "Feedback", null, patient, AuditOutcome.SUCCESS, seen.shown().size() + " items"
				+ (seen.withheld() > 0 ? ", " + seen.withheld() + " withheld (42 CFR Part 2)" : "")));
		List<FeedbackView> shown = seen.shown().stream().map(Row::view).toList();
		return new Shown<>(shown, seen.withheld(), segment.needsNotice() && shown.stream().anyMatch(FeedbackView::part2));
	}
}
