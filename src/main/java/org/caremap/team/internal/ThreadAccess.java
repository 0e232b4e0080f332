package org.caremap.team.internal;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.caremap.access.AccessPurpose;
import org.caremap.access.BreakGlass;
import org.caremap.access.Part2Labels;
import org.caremap.access.Part2Segment;
import org.caremap.access.PatientAccess;
import org.caremap.access.Segmentation;
import org.caremap.audit.AuditEntry;
import org.caremap.audit.AuditOutcome;
import org.caremap.audit.AuditTrail;
import org.caremap.caseload.CaseId;
import org.caremap.caseload.CaseView;
import org.caremap.caseload.Cases;
import org.caremap.identity.CurrentUser;
import org.caremap.identity.Role;
import org.caremap.identity.UserAccounts;
import org.caremap.shared.PatientId;
import org.caremap.shared.UserId;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * The one place that decides who sees a case's message threads: the patient's record must be open to the reader
 * (read to see, contribute to post, through the access module), and on top of that the reader is on the case team (its
 * case manager, a staff member of the team, a member from outside who signs in), supervises (a supervisor the access
 * module lets in), or broke the glass. Intake coordinators and utilization reviewers read the record but not the team's
 * messages. A refusal is audited and thrown like the access module's.
 * <p>
 * A cover acts for an absent colleague: while a cover period is in force (started, not yet ended, not cancelled), its
 * cover person reads and answers the threads of the cases whose team the absent owner is on, as the owner would. The
 * record itself opens to the cover through the cover grant ({@code cover_grant}: the care-team relationship
 * {@code cover:<period>} made when they are given an alert or work about the patient, closed when the period ends),
 * checked by the access module first like anyone's; the threads open with the period and close with it. Every look
 * or post that relies on the cover is audited as acting for the owner.
 */
@Component
class ThreadAccess {

	enum Need {
		READ, POST
	}

	private final org.caremap.organization.Organizations organizations;
	private final PatientAccess access;
	private final BreakGlass breakGlass;
	private final Cases cases;
	private final AuditTrail audit;
	private final JdbcClient jdbc;
	private final UserAccounts accounts;
	private final Segmentation segmentation;

	ThreadAccess(PatientAccess access, BreakGlass breakGlass, Cases cases, AuditTrail audit, JdbcClient jdbc,
			UserAccounts accounts, org.caremap.organization.Organizations organizations, Segmentation segmentation) {
		this.segmentation = segmentation;
		this.organizations = organizations;
		this.access = access;
		this.breakGlass = breakGlass;
		this.cases = cases;
		this.audit = audit;
		this.jdbc = jdbc;
		this.accounts = accounts;
	}

	/**
	 * The cases whose threads are open to the reader ({@code null}: every case), and of those, the ones open only because
	 * the reader covers for someone on the case's team (the case, the absent owner).
	 */
	private record Visible(@Nullable Set<CaseId> cases, Map<CaseId, UserId> asCover) {
	}

	/** Refuses (throws) unless the current user may see (or post in) the threads of this case. */
	void require(PatientId patient, CaseId caseId, Need need) {
		access.require(patient, need == Need.READ ? AccessPurpose.READ : AccessPurpose.CONTRIBUTE);
		Part2Segment segment = segmentation.part2(patient);
		if (segment.withholds(caseId.value())) {
			audit.record(new AuditEntry(need == Need.READ ? "READ" : "CREATE", "MessageThread", null, patient,
					AuditOutcome.DENIED, "withheld under 42 CFR Part 2"));
			throw Part2Labels.withheld("message thread");
		}
		Visible visible = visible(patient, segment);
		if (visible.cases() == null || visible.cases().contains(caseId)) {
			UserId owner = visible.asCover().get(caseId);
			if (owner != null) auditAsCover(patient, need, Set.of(owner));
			return;
		}
		refuse(patient, need, "not on the team of this case");
	}

	/**
	 * The cases of the patient whose threads the current user may see, or null for every case (Caremap itself, a
	 * supervisor, a reader who broke the glass); refuses (throws) when there is none.
	 */
	@Nullable Set<CaseId> visibleCases(PatientId patient, Need need) {
		access.require(patient, need == Need.READ ? AccessPurpose.READ : AccessPurpose.CONTRIBUTE);
		Visible visible = visible(patient, segmentation.part2(patient));
		Set<CaseId> out = visible.cases();
		if (out != null && out.isEmpty()) return refuse(patient, need, "not on the case team, not a supervisor, no emergency access");
		if (!visible.asCover().isEmpty()) auditAsCover(patient, need, new HashSet<>(visible.asCover().values()));
		return out;
	}

	/**
	 * As {@link #visibleCases} for a reader whose access to the record was checked already, without a refusal: an
	 * empty set when no thread is open to them (the timeline leaves the messages out).
	 */
	@Nullable Set<CaseId> quietly(PatientId patient) {
		return visible(patient, segmentation.part2(patient)).cases();
	}

	/**
	 * The threads open to the reader, less those of cases in 42 CFR Part 2 programs the reader is outside of (the
	 * team's talk about such a case is a Part 2 record: not for a supervisor of another program, a cover, or a system
	 * without the patient's consent).
	 */
	private Visible visible(PatientId patient, Part2Segment segment) {
		Visible visible = visible(patient);
		Set<UUID> withheld = segment.withheldCases();
		if (withheld.isEmpty()) return visible;
		Set<CaseId> open = visible.cases() != null ? visible.cases()
				: cases.ofPatient(patient).stream().map(CaseView::id).collect(java.util.stream.Collectors.toSet());
		Set<CaseId> shown = new HashSet<>();
		for (CaseId c : open) if (!withheld.contains(c.value())) shown.add(c);
		Map<CaseId, UserId> asCover = new HashMap<>(visible.asCover());
		asCover.keySet().removeIf(c -> withheld.contains(c.value()));
		return new Visible(shown, asCover);
	}

	private Visible visible(PatientId patient) {
		Authentication auth = SecurityContextHolder.getContext().getAuthentication();
		if (auth != null && auth.getName().startsWith("system:")) return new Visible(null, Map.of());
		CurrentUser user = CurrentUser.get().orElse(null);
		if (user == null) return new Visible(Set.of(), Map.of());
		if (user.has(Role.SUPERVISOR) || breakGlass.activeUntil(patient).isPresent()) return new Visible(null, Map.of());
		Set<CaseId> out = new HashSet<>();
		LocalDate today = organizations.today();
		List<CaseView> ofPatient = cases.ofPatient(patient);
		for (CaseView c : ofPatient) {
			if (c.caseManager().equals(user.id())) out.add(c.id());
			for (CaseView.TeamMember m : c.team()) {
				if (m.user().equals(user.id()) && !m.from().isAfter(today) && (m.to() == null || m.to().isAfter(today))) out.add(c.id());
			}
		}
		List<UUID> outside = jdbc.sql("""
				select case_id from care_team_member
				where patient_id = ? and user_id = ? and not voided and valid_from <= ?
				  and (valid_to is null or valid_to > ?)""")
			.params(patient.value(), user.id().value(), today, today)
			.query(UUID.class)
			.list();
		outside.forEach(id -> out.add(new CaseId(id)));
		// covering: the cases whose team an absent colleague is on, while the reader's cover for them is in force
		Map<CaseId, UserId> asCover = new HashMap<>();
		List<UserId> absent = jdbc.sql("""
				select owner_id from cover_period
				where cover_id = ? and status = 'SCHEDULED' and starts_at <= now() and ends_at > now()""")
			.param(user.id().value())
			.query((rs, n) -> new UserId(rs.getObject(1, UUID.class)))
			.list();
		for (UserId owner : absent) {
			for (CaseView c : ofPatient) {
				if (!out.contains(c.id()) && onTeam(c, owner, today)) asCover.putIfAbsent(c.id(), owner);
			}
		}
		out.addAll(asCover.keySet());
		return new Visible(out, asCover);
	}

	/** Records that the reader looked at (or posted in) a thread as the cover of the absent owner(s). */
	private void auditAsCover(PatientId patient, Need need, Set<UserId> owners) {
		String names = String.join(", ", accounts.displayNames(owners).values());
		audit.record(new AuditEntry(need == Need.READ ? "READ" : "CREATE", "MessageThread", null, patient, AuditOutcome.SUCCESS,
				"acting as cover for " + (names.isEmpty() ? owners.toString() : names)));
	}

	/** The cases of these patients in 42 CFR Part 2 programs whose threads are withheld from the reader. */
	UUID[] withheldCases(java.util.Collection<PatientId> patients) {
		return segmentation.part2(patients).values().stream().flatMap(s -> s.withheldCases().stream()).toArray(UUID[]::new);
	}

	/** Whether the actor is Caremap itself or a system reading for the whole organisation. */
	boolean quietlyAll() {
		Authentication auth = SecurityContextHolder.getContext().getAuthentication();
		return auth != null && auth.getName().startsWith("system:") && access.readableScope() == null;
	}

	/** Whether the user (not the current one) would see the case's threads now: on the team, as above. */
	static boolean onTeam(CaseView c, UserId user, LocalDate today) {
		if (c.caseManager().equals(user)) return true;
		return c.team().stream().anyMatch(m -> m.user().equals(user) && !m.from().isAfter(today) && (m.to() == null || m.to().isAfter(today)));
	}

	private <T> T refuse(PatientId patient, Need need, String why) {
		audit.record(new AuditEntry(need == Need.READ ? "READ" : "CREATE", "MessageThread", null, patient, AuditOutcome.DENIED, why));
		throw new AccessDeniedException("the team's messages about this patient are not open to you: " + why);
	}
}
