package org.caremap.careplan.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.caremap.access.AccessPurpose;
import org.caremap.access.PatientAccess;
import org.caremap.audit.AuditEntry;
import org.caremap.audit.AuditOutcome;
import org.caremap.audit.AuditTrail;
import org.caremap.careplan.CarePlanContent;
import org.caremap.careplan.CarePlanView;
import org.caremap.careplan.CarePlans;
import org.caremap.careplan.SharedPlanning;
import org.caremap.identity.PortalPrincipal;
import org.caremap.shared.CurrentActor;
import org.caremap.shared.DomainException;
import org.caremap.shared.Ids;
import org.caremap.shared.NotFoundException;
import org.caremap.shared.PatientId;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Shared care planning on the {@code care_plan_proposal} table and the plan's versions. The one place that decides
 * what a portal principal may do here is {@link #patientOnly}: the patient themselves, on their own record, with the
 * purpose the portal's access rule grants; the team goes through the access module's WRITE (and READ to list).
 */
@Service
@Transactional
class JdbcSharedPlanning implements SharedPlanning {

	static final int MAX_TEXT = 500;
	static final int MAX_WHY = 1000;

	private final JdbcClient jdbc;
	private final PatientAccess access;
	private final AuditTrail audit;
	private final CarePlans plans;
	private final JdbcCarePlans versions;

	JdbcSharedPlanning(JdbcClient jdbc, PatientAccess access, AuditTrail audit, CarePlans plans, JdbcCarePlans versions) {
		this.jdbc = jdbc;
		this.access = access;
		this.audit = audit;
		this.plans = plans;
		this.versions = versions;
	}

	/** The patient in the portal, on their own record for this purpose; refused (audited, thrown) otherwise. */
	private PortalPrincipal patientOnly(PatientId patient, AccessPurpose purpose) {
		Optional<PortalPrincipal> found = PortalPrincipal.get();
		String refusal = null;
		if (found.isEmpty()) refusal = "not a portal session";
		else if (found.get().proxy()) refusal = "only the patient shares in planning their care here";
		else if (!found.get().patient().equals(patient)) refusal = "another patient's record";
		else if (!access.permits(patient, purpose)) refusal = "the portal account may not " + purpose.name().toLowerCase(java.util.Locale.ROOT) + " this record";
		if (refusal == null) return found.get();
		audit.record(new AuditEntry(purpose == AccessPurpose.READ ? "READ" : "CREATE", "Goal", null, patient, AuditOutcome.DENIED, refusal));
		throw new AccessDeniedException("shared planning is the patient's own: " + refusal);
	}

	/** The patient's current plan: the newest active one of their cases. */
	private CarePlanView current(PatientId patient) {
		return plans.ofPatient(patient).stream().filter(p -> "ACTIVE".equals(p.status())).findFirst()
			.orElseThrow(() -> new DomainException("careplan.no-plan", "there is no care plan yet"));
	}

	@Override
	public UUID propose(PatientId patient, String text, @Nullable String why) {
		PortalPrincipal p = patientOnly(patient, AccessPurpose.CONTRIBUTE);
		String t = text == null ? "" : text.strip();
		if (t.isEmpty()) throw new DomainException("careplan.proposal-text", "write the goal in your own words");
		if (t.length() > MAX_TEXT) throw new DomainException("careplan.proposal-too-long", "at most 500 characters", MAX_TEXT);
		String w = why == null || why.isBlank() ? null : why.strip();
		if (w != null && w.length() > MAX_WHY) throw new DomainException("careplan.proposal-why-too-long", "at most 1000 characters", MAX_WHY);
		CarePlanView plan = current(patient);
		UUID id = Ids.newId();
		jdbc.sql("""
				insert into care_plan_proposal (id, plan_id, patient_id, text, why, proposed_by, created_by, updated_by)
				values (?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(id, plan.id(), patient.value(), t, w, p.displayName(), CurrentActor.name(), CurrentActor.name())
			.update();
		audit.record(new AuditEntry("CREATE", "GoalProposal", id.toString(), patient, AuditOutcome.SUCCESS, "proposed in the portal"));
		return id;
	}

	@Override
	@Transactional(readOnly = true)
	public List<Proposal> proposals(PatientId patient) {
		if (PortalPrincipal.get().isPresent()) patientOnly(patient, AccessPurpose.READ);
		else access.require(patient, AccessPurpose.READ);
		List<Proposal> out = jdbc.sql("select * from care_plan_proposal where patient_id = ? order by created_at desc, id limit 200")
			.param(patient.value()).query((rs, n) -> new Proposal(rs.getObject("id", UUID.class), rs.getObject("plan_id", UUID.class),
					patient, rs.getString("text"), rs.getString("why"), rs.getString("proposed_by"), Status.valueOf(rs.getString("status")),
					rs.getObject("goal_id", UUID.class), rs.getString("decided_by"), instant(rs.getObject("decided_at", OffsetDateTime.class)),
					rs.getString("decline_reason"), rs.getObject("created_at", OffsetDateTime.class).toInstant()))
			.list();
		audit.record(new AuditEntry("READ", "GoalProposal", null, patient, AuditOutcome.SUCCESS, out.size() + " proposals"));
		return out;
	}

	private static @Nullable Instant instant(@Nullable OffsetDateTime t) {
		return t == null ? null : t.toInstant();
	}

	private record Row(UUID plan, PatientId patient, String text, String by, Status status) {
	}

	private Row proposal(UUID id) {
		return jdbc.sql("select plan_id, patient_id, text, proposed_by, status from care_plan_proposal where id = ? for update").param(id)
			.query((rs, n) -> new Row(rs.getObject(1, UUID.class), new PatientId(rs.getObject(2, UUID.class)), rs.getString(3),
					rs.getString(4), Status.valueOf(rs.getString(5))))
			.optional().orElseThrow(() -> new NotFoundException("goal proposal", id));
	}

	/** Moves the proposal on, guarded in SQL by the statuses it may leave from; refused when it was decided already. */
	private void move(UUID id, Status to, @Nullable UUID goal, @Nullable String reason) {
		Status[] from = java.util.Arrays.stream(Status.values()).filter(s -> s.next().contains(to)).toArray(Status[]::new);
		int moved = jdbc.sql("""
				update care_plan_proposal set status = ?, goal_id = coalesce(?, goal_id), decline_reason = ?, decided_by = ?,
				       decided_at = now(), updated_at = now(), updated_by = ?
				where id = ? and status = any(?)""")
			.params(to.name(), goal, reason, org.caremap.identity.CurrentUser.get().map(u -> u.displayName()).orElse(CurrentActor.name()),
					CurrentActor.name(), id, java.util.Arrays.stream(from).map(Status::name).toArray(String[]::new))
			.update();
		if (moved == 0) throw new DomainException("careplan.proposal-decided", "the proposal was answered already");
	}

	@Override
	public int adopt(UUID id, String target, @Nullable LocalDate targetDate) {
		Row r = proposal(id);
		access.require(r.patient(), AccessPurpose.WRITE);
		if (r.status() != Status.PROPOSED) throw new DomainException("careplan.proposal-decided", "the proposal was answered already");
		if (target == null || target.isBlank()) throw new DomainException("careplan.goal-target", "a goal needs a measurable target");
		CarePlanView plan = plans.find(r.plan()).orElseThrow(() -> new NotFoundException("care plan", r.plan()));
		UUID goal = Ids.newId();
		List<CarePlanContent.Goal> goals = new ArrayList<>(plan.content().goals());
		goals.add(new CarePlanContent.Goal(goal, null, r.text(), target.strip(), CarePlanContent.Term.SHORT, targetDate,
				CarePlanContent.Lifecycle.ACCEPTED, CarePlanContent.Achievement.IN_PROGRESS, null, Map.of(), Map.of(),
				new CarePlanContent.Expressed(CarePlanContent.ExpressedBy.PATIENT, r.by()), null));
		CarePlanContent c = plan.content();
		int next = versions.save(plan.id(), plan.version(), new CarePlanContent(c.problems(), goals, c.interventions(), c.barriers()),
				new JdbcCarePlans.WrittenReason("Goal proposed by " + r.by() + " in the patient portal, adopted",
						"careplan.version.goalAdopted", List.of(r.by())));
		move(id, Status.ADOPTED, goal, null);
		audit.record(new AuditEntry("UPDATE", "GoalProposal", id.toString(), r.patient(), AuditOutcome.SUCCESS, "adopted, version " + next));
		return next;
	}

	@Override
	public void decline(UUID id, String reason) {
		Row r = proposal(id);
		access.require(r.patient(), AccessPurpose.WRITE);
		String why = reason == null ? "" : reason.strip();
		if (why.isEmpty()) throw new DomainException("careplan.reason-required", "say why");
		if (why.length() > MAX_WHY) throw new DomainException("careplan.proposal-why-too-long", "at most 1000 characters", MAX_WHY);
		move(id, Status.DECLINED, null, why);
		audit.record(new AuditEntry("UPDATE", "GoalProposal", id.toString(), r.patient(), AuditOutcome.SUCCESS, "declined"));
	}

	/** Refuses an answer to an item that is not waiting for one (a goal no longer proposed, an answered step). */
	private static void waitingForAnswer(CarePlanContent content, UUID item) {
		Optional<CarePlanContent.Goal> goal = content.goal(item);
		if (goal.isPresent()) {
			if (goal.get().lifecycle() != CarePlanContent.Lifecycle.PROPOSED) {
				throw new DomainException("careplan.not-proposed", "the goal is not waiting for your answer");
			}
			return;
		}
		CarePlanContent.Intervention i = content.interventions().stream().filter(x -> x.id().equals(item)).findFirst()
			.orElseThrow(() -> new NotFoundException("plan item", item));
		if (i.status() != CarePlanContent.InterventionStatus.PLANNED || i.response() != null) {
			throw new DomainException("careplan.not-proposed", "the intervention is not waiting for your answer");
		}
	}

	@Override
	public int respond(PatientId patient, UUID plan, UUID item, CarePlanContent.@Nullable Answer answer) {
		PortalPrincipal p = patientOnly(patient, AccessPurpose.CONTRIBUTE);
		if (answer == null) throw new DomainException("careplan.not-proposed", "answer yes or no");
		CarePlanView view = plans.find(plan).filter(v -> v.patient().equals(patient))
			.orElseThrow(() -> new NotFoundException("care plan", plan));
		CarePlanContent.Response response = new CarePlanContent.Response(answer, p.displayName(), Instant.now());
		boolean accepted = answer == CarePlanContent.Answer.ACCEPTED;
		boolean isGoal = view.content().goal(item).isPresent();
		if (!isGoal && view.content().interventions().stream().noneMatch(x -> x.id().equals(item))) {
			throw new NotFoundException("plan item", item);
		}
		String what = isGoal ? "goal" : "intervention";
		String key = "careplan.version." + (isGoal ? "goal" : "intervention") + (accepted ? "Accepted" : "Declined");
		// "still waiting for an answer" is checked on the version current under the plan's row lock (in the change),
		// so a double submit records one answer and refuses the second
		int next = versions.reviseForPatient(plan, c -> {
			waitingForAnswer(c, item);
			return new CarePlanContent(c.problems(),
				c.goals().stream().map(g -> !g.id().equals(item) ? g
						: new CarePlanContent.Goal(g.id(), g.problemId(), g.text(), g.target(), g.term(), g.targetDate(),
								accepted ? CarePlanContent.Lifecycle.ACCEPTED : CarePlanContent.Lifecycle.CANCELLED, g.achievement(),
								g.template(), g.translations(), g.targetTranslations(), g.expressedBy(), response)).toList(),
				c.interventions().stream().map(i -> !i.id().equals(item) ? i
						: new CarePlanContent.Intervention(i.id(), i.goalId(), i.text(), i.owner(), i.ownerName(), i.frequency(),
								accepted ? i.status() : CarePlanContent.InterventionStatus.STOPPED, i.template(), i.translations(),
								i.frequencyTranslations(), response)).toList(),
				c.barriers());
		}, new JdbcCarePlans.WrittenReason((accepted ? "Accepted" : "Declined") + " by " + p.displayName()
				+ " in the patient portal: " + what, key, List.of(p.displayName())));
		return next;
	}
}
