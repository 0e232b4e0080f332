package org.caremap.team.internal;

import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.caremap.access.AccessPurpose;
import org.caremap.access.BreakGlass;
import org.caremap.access.PatientAccess;
import org.caremap.audit.AuditEntry;
import org.caremap.audit.AuditOutcome;
import org.caremap.audit.AuditTrail;
import org.caremap.caseload.CaseId;
import org.caremap.caseload.CaseView;
import org.caremap.caseload.Cases;
import org.caremap.identity.CurrentUser;
import org.caremap.identity.Role;
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

	ThreadAccess(PatientAccess access, BreakGlass breakGlass, Cases cases, AuditTrail audit, JdbcClient jdbc,
			org.caremap.organization.Organizations organizations) {
		this.organizations = organizations;
		this.access = access;
		this.breakGlass = breakGlass;
		this.cases = cases;
		this.audit = audit;
		this.jdbc = jdbc;
	}

	/** Refuses (throws) unless the current user may see (or post in) the threads of this case. */
	void require(PatientId patient, CaseId caseId, Need need) {
		Set<CaseId> visible = visibleCases(patient, need);
		if (visible == null || visible.contains(caseId)) return;
		refuse(patient, need, "not on the team of this case");
	}

	/**
	 * The cases of the patient whose threads the current user may see, or null for every case (Caremap itself, a
	 * supervisor, a reader who broke the glass); refuses (throws) when there is none.
	 */
	@Nullable Set<CaseId> visibleCases(PatientId patient, Need need) {
		access.require(patient, need == Need.READ ? AccessPurpose.READ : AccessPurpose.CONTRIBUTE);
		Set<CaseId> out = quietly(patient);
		if (out != null && out.isEmpty()) return refuse(patient, need, "not on the case team, not a supervisor, no emergency access");
		return out;
	}

	/**
	 * As {@link #visibleCases} for a reader whose access to the record was checked already, without a refusal: an
	 * empty set when no thread is open to them (the timeline leaves the messages out).
	 */
	@Nullable Set<CaseId> quietly(PatientId patient) {
		Authentication auth = SecurityContextHolder.getContext().getAuthentication();
		if (auth != null && auth.getName().startsWith("system:")) return null;
		CurrentUser user = CurrentUser.get().orElse(null);
		if (user == null) return Set.of();
		if (user.has(Role.SUPERVISOR) || breakGlass.activeUntil(patient).isPresent()) return null;
		Set<CaseId> out = new HashSet<>();
		LocalDate today = organizations.today();
		for (CaseView c : cases.ofPatient(patient)) {
			if (c.caseManager().equals(user.id())) out.add(c.id());
			for (CaseView.TeamMember m : c.team()) {
				if (m.user().equals(user.id()) && !m.from().isAfter(today) && (m.to() == null || m.to().isAfter(today))) out.add(c.id());
			}
		}
		List<UUID> outside = jdbc.sql("""
				select case_id from care_team_member
				where patient_id = ? and user_id = ? and not voided and valid_from <= current_date
				  and (valid_to is null or valid_to > current_date)""")
			.params(patient.value(), user.id().value())
			.query(UUID.class)
			.list();
		outside.forEach(id -> out.add(new CaseId(id)));
		return out;
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
