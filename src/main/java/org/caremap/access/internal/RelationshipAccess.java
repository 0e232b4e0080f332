package org.caremap.access.internal;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.caremap.access.AccessPurpose;
import org.caremap.access.AccessRules;
import org.caremap.access.BreakGlass;
import org.caremap.access.GlassBroken;
import org.caremap.access.SupervisionScope;
import org.caremap.shared.CurrentActor;
import org.caremap.shared.DomainException;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.caremap.access.CareRelationships;
import org.caremap.access.PatientAccess;
import org.caremap.access.PortalAccessRule;
import org.caremap.access.RelationshipKind;
import org.caremap.audit.AuditEntry;
import org.caremap.audit.AuditOutcome;
import org.caremap.audit.AuditTrail;
import org.caremap.identity.CurrentUser;
import org.caremap.identity.PortalPrincipal;
import org.caremap.identity.Role;
import org.caremap.shared.Ids;
import org.caremap.shared.PatientId;
import org.caremap.shared.UserId;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Role plus relationship: clinical roles reach the patients they have an active relationship with (caseload, case
 * team, a referral being screened); a supervisor also reaches the patients of the programs they supervise; anyone
 * clinical may break the glass with a reason for a limited time; an administrator manages the system and does
 * not read records. Caremap's own jobs act as {@code system:*} and are let through (and audited by the
 * caller like everyone else).
 */
@Service
@Transactional
class RelationshipAccess implements PatientAccess, CareRelationships, BreakGlass {

	private static final Set<Role> CLINICAL = Set.of(Role.CASE_MANAGER, Role.CARE_TEAM, Role.INTAKE,
			Role.UTILIZATION_REVIEW, Role.SUPERVISOR);

	private final JdbcClient jdbc;
	private final AuditTrail audit;
	private final ApplicationEventPublisher events;
	private final ObjectProvider<SupervisionScope> scopes;
	private final ObjectProvider<PortalAccessRule> portalRules;

	RelationshipAccess(JdbcClient jdbc, AuditTrail audit, ApplicationEventPublisher events,
			ObjectProvider<SupervisionScope> scopes, ObjectProvider<PortalAccessRule> portalRules) {
		this.jdbc = jdbc;
		this.audit = audit;
		this.events = events;
		this.scopes = scopes;
		this.portalRules = portalRules;
	}

	/** What a portal principal may do with this patient's record: the portal module's rule decides. */
	private Set<AccessPurpose> portalAllowed(PortalPrincipal principal, PatientId patient) {
		Set<AccessPurpose> out = java.util.EnumSet.noneOf(AccessPurpose.class);
		for (PortalAccessRule rule : portalRules) out.addAll(rule.allowed(principal, patient));
		return out;
	}

	@Override
	public void require(PatientId patient, AccessPurpose purpose) {
		String refusal = refusal(patient, purpose);
		if (refusal == null) return;
		audit.record(new AuditEntry(purpose.name(), "Patient", patient.toString(), patient, AuditOutcome.DENIED,
				refusal));
		throw new AccessDeniedException("access to this patient's record is not permitted: " + refusal);
	}

	@Override
	@Transactional(readOnly = true)
	public boolean permits(PatientId patient, AccessPurpose purpose) {
		return refusal(patient, purpose) == null;
	}

	@Override
	@Transactional(readOnly = true)
	public Set<AccessPurpose> allowed(PatientId patient) {
		Authentication auth = SecurityContextHolder.getContext().getAuthentication();
		if (auth == null || !auth.isAuthenticated()) return Set.of();
		if (auth.getName().startsWith("system:")) return java.util.EnumSet.allOf(AccessPurpose.class);
		if (auth.getPrincipal() instanceof PortalPrincipal portal) return portalAllowed(portal, patient);
		CurrentUser user = CurrentUser.get().orElse(null);
		if (user == null) return Set.of();
		Set<AccessRules.Ground> grounds = grounds(user.id(), patient);
		if (user.has(Role.SUPERVISOR)) {
			for (SupervisionScope scope : scopes) {
				if (scope.supervises(user.id(), patient)) {
					grounds.add(AccessRules.Ground.SUPERVISION);
					break;
				}
			}
		}
		return AccessRules.allowed(user.roles(), grounds);
	}

	/**
	 * Why the current user may not act on this patient's record for this purpose, or null when they may: the grounds
	 * they reach the patient on, and their roles, decide through {@link AccessRules}.
	 */
	private @Nullable String refusal(PatientId patient, AccessPurpose purpose) {
		Authentication auth = SecurityContextHolder.getContext().getAuthentication();
		if (auth == null || !auth.isAuthenticated()) return "not signed in";
		if (auth.getName().startsWith("system:")) return null;
		if (auth.getPrincipal() instanceof PortalPrincipal portal) {
			return portalAllowed(portal, patient).contains(purpose) ? null
					: "the portal account may not " + purpose.name().toLowerCase(java.util.Locale.ROOT) + " this record";
		}
		CurrentUser user = CurrentUser.get().orElse(null);
		if (user == null) return "unknown user";
		if (user.roles().stream().noneMatch(CLINICAL::contains)) return "role without access to patient records";
		Set<AccessRules.Ground> grounds = grounds(user.id(), patient);
		if (user.has(Role.SUPERVISOR) && !AccessRules.allowed(user.roles(), grounds).contains(purpose)
				&& supervises(user.id(), patient)) {
			grounds.add(AccessRules.Ground.SUPERVISION);
		}
		if (grounds.isEmpty()) return "no care relationship with this patient";
		if (AccessRules.allowed(user.roles(), grounds).contains(purpose)) return null;
		return "the user's relationship with this patient (" + grounds.stream().map(g -> g.name().toLowerCase(java.util.Locale.ROOT))
			.sorted().collect(java.util.stream.Collectors.joining(", ")) + ") does not allow " + purpose.name().toLowerCase(java.util.Locale.ROOT);
	}

	/** Whether one of the supervision scopes gives this supervisor the patient (asked once per reading request). */
	private boolean supervises(UserId user, PatientId patient) {
		return org.caremap.shared.RequestMemo.get("supervises:" + user.value() + ":" + patient.value(), () -> {
			for (SupervisionScope scope : scopes) {
				if (scope.supervises(user, patient)) return true;
			}
			return false;
		});
	}

	/**
	 * The grounds this user reaches the patient on through relationships and emergency grants (one query, asked once
	 * per reading request: a chart asks from its header, its tabs and its panels); a set of the caller's own.
	 */
	private Set<AccessRules.Ground> grounds(UserId user, PatientId patient) {
		Set<AccessRules.Ground> out = java.util.EnumSet.noneOf(AccessRules.Ground.class);
		out.addAll(org.caremap.shared.RequestMemo.get("grounds:" + user.value() + ":" + patient.value(), () -> List.copyOf(jdbc.sql("""
				select kind from care_relationship
				where user_id = :user and patient_id = :patient
				  and valid_from <= now() and (valid_to is null or valid_to > now())
				union
				select 'BREAK_GLASS' from break_glass where user_id = :user and patient_id = :patient and expires_at > now()""")
			.param("user", user.value())
			.param("patient", patient.value())
			.query((rs, n) -> AccessRules.Ground.valueOf(rs.getString(1)))
			.list())));
		return out;
	}

	private boolean hasRelationship(Set<UserId> users, PatientId patient) {
		UUID[] ids = users.stream().map(UserId::value).toArray(UUID[]::new);
		return jdbc.sql("""
				select exists (select 1 from care_relationship
				               where user_id = any(:users) and patient_id = :patient
				                 and valid_from <= now() and (valid_to is null or valid_to > now()))""")
			.param("users", ids)
			.param("patient", patient.value())
			.query(Boolean.class)
			.single();
	}

	@Override
	@Transactional(readOnly = true)
	public @Nullable Set<PatientId> readableScope() {
		Authentication auth = SecurityContextHolder.getContext().getAuthentication();
		if (auth == null || !auth.isAuthenticated()) return Set.of();
		if (auth.getName().startsWith("system:")) return null;
		if (auth.getPrincipal() instanceof PortalPrincipal portal) {
			return portalAllowed(portal, portal.patient()).contains(AccessPurpose.READ) ? Set.of(portal.patient()) : Set.of();
		}
		CurrentUser user = CurrentUser.get().orElse(null);
		if (user == null || user.roles().stream().noneMatch(CLINICAL::contains)) return Set.of();
		Set<PatientId> out = new HashSet<>(jdbc.sql("""
				select patient_id from care_relationship
				where user_id = :user and valid_from <= now() and (valid_to is null or valid_to > now())
				union
				select patient_id from break_glass where user_id = :user and expires_at > now()""")
			.param("user", user.id().value())
			.query((rs, n) -> new PatientId(rs.getObject(1, UUID.class)))
			.list());
		if (user.has(Role.SUPERVISOR)) {
			for (SupervisionScope scope : scopes) out.addAll(scope.supervised(user.id()));
		}
		return out;
	}

	@Override
	@Transactional(readOnly = true)
	public boolean cared(PatientId patient) {
		return jdbc.sql("""
				select exists (select 1 from care_relationship where patient_id = ?
				               and (valid_to is null or valid_to > now()))""")
			.param(patient.value()).query(Boolean.class).single();
	}

	@Override
	@Transactional(readOnly = true)
	public boolean canRead(UserId user, PatientId patient) {
		if (hasRelationship(Set.of(user), patient)) return true;
		for (SupervisionScope scope : scopes) {
			if (scope.supervises(user, patient)) return true;
		}
		return false;
	}

	@Override
	@Transactional(readOnly = true)
	public Set<UserId> readersAmong(PatientId patient, java.util.Collection<UserId> users) {
		if (users.isEmpty()) return Set.of();
		UUID[] ids = users.stream().map(UserId::value).distinct().toArray(UUID[]::new);
		Set<UserId> out = new HashSet<>(jdbc.sql("""
				select distinct user_id from care_relationship
				where user_id = any(:users) and patient_id = :patient
				  and valid_from <= now() and (valid_to is null or valid_to > now())""")
			.param("users", ids)
			.param("patient", patient.value())
			.query((rs, n) -> new UserId(rs.getObject(1, UUID.class)))
			.list());
		for (SupervisionScope scope : scopes) {
			List<UserId> rest = users.stream().filter(u -> !out.contains(u)).distinct().toList();
			if (rest.isEmpty()) break;
			out.addAll(scope.supervisorsAmong(patient, rest));
		}
		return out;
	}

	@Override
	@Transactional(readOnly = true)
	public Set<PatientId> readable(java.util.Collection<PatientId> patients) {
		if (patients.isEmpty()) return Set.of();
		Authentication auth = SecurityContextHolder.getContext().getAuthentication();
		if (auth == null || !auth.isAuthenticated()) return Set.of();
		if (auth.getName().startsWith("system:")) return new HashSet<>(patients);
		if (auth.getPrincipal() instanceof PortalPrincipal portal) {
			return patients.contains(portal.patient()) && portalAllowed(portal, portal.patient()).contains(AccessPurpose.READ)
					? Set.of(portal.patient()) : Set.of();
		}
		CurrentUser user = CurrentUser.get().orElse(null);
		if (user == null || user.roles().stream().noneMatch(CLINICAL::contains)) return Set.of();
		UUID[] ids = patients.stream().map(PatientId::value).distinct().toArray(UUID[]::new);
		Set<PatientId> out = new HashSet<>(jdbc.sql("""
				select distinct patient_id from care_relationship
				where user_id = :user and patient_id = any(:patients)
				  and valid_from <= now() and (valid_to is null or valid_to > now())
				union
				select distinct patient_id from break_glass
				where user_id = :user and patient_id = any(:patients) and expires_at > now()""")
			.param("user", user.id().value())
			.param("patients", ids)
			.query((rs, n) -> new PatientId(rs.getObject(1, UUID.class)))
			.list());
		if (user.has(Role.SUPERVISOR)) {
			List<PatientId> rest = patients.stream().filter(p -> !out.contains(p)).distinct().toList();
			for (SupervisionScope scope : scopes) {
				if (rest.isEmpty()) break;
				out.addAll(scope.supervisedAmong(user.id(), rest));
			}
		}
		return out;
	}

	@Override
	@Transactional(readOnly = true)
	public Set<PatientId> patientsOf(UserId user) {
		return new HashSet<>(jdbc.sql("""
				select distinct patient_id from care_relationship
				where user_id = ? and valid_from <= now() and (valid_to is null or valid_to > now())""")
			.param(user.value())
			.query((rs, n) -> new PatientId(rs.getObject(1, UUID.class)))
			.list());
	}

	@Override
	public Instant open(PatientId patient, String reason, Duration duration) {
		CurrentUser user = CurrentUser.require();
		if (user.roles().stream().noneMatch(CLINICAL::contains)) {
			audit.record(new AuditEntry("BREAK_GLASS", "Patient", patient.toString(), patient, AuditOutcome.DENIED,
					"role without access to patient records"));
			throw new AccessDeniedException("this role cannot open patient records");
		}
		if (reason == null || reason.trim().length() < 10) {
			throw new DomainException("access.break-glass-reason", "state why you need this record");
		}
		if (duration.isNegative() || duration.isZero() || duration.compareTo(MAX_DURATION) > 0) {
			throw new DomainException("access.break-glass-duration", "a grant lasts up to " + MAX_DURATION.toHours() + " hours",
					MAX_DURATION.toHours());
		}
		Instant now = Instant.now();
		Instant until = now.plus(duration);
		jdbc.sql("""
				insert into break_glass (id, user_id, patient_id, reason, granted_at, expires_at) values (?, ?, ?, ?, ?, ?)""")
			.params(Ids.newId(), user.id().value(), patient.value(), reason.trim(), OffsetDateTime.ofInstant(now, ZoneOffset.UTC),
					OffsetDateTime.ofInstant(until, ZoneOffset.UTC))
			.update();
		audit.record(new AuditEntry("BREAK_GLASS", "Patient", patient.toString(), patient, AuditOutcome.SUCCESS,
				reason.trim()));
		// the user's supervisors hear of it from the event (notification module)
		events.publishEvent(new GlassBroken(user.id(), patient, reason.trim(), until));
		return until;
	}

	@Override
	@Transactional(readOnly = true)
	public Optional<Instant> activeUntil(PatientId patient) {
		return CurrentUser.get().map(user -> grantUntil(user.id(), patient));
	}

	private @Nullable Instant grantUntil(UserId user, PatientId patient) {
		return jdbc.sql("""
				select max(expires_at) from break_glass where user_id = ? and patient_id = ? and expires_at > now()""")
			.params(user.value(), patient.value())
			.query((rs, n) -> {
				OffsetDateTime until = rs.getObject(1, OffsetDateTime.class);
				return until == null ? null : until.toInstant();
			})
			.optional()
			.orElse(null);
	}

	@Override
	public void open(UserId user, PatientId patient, RelationshipKind kind, String source) {
		jdbc.sql("""
				insert into care_relationship (id, user_id, patient_id, kind, source, valid_from, created_by)
				values (?, ?, ?, ?, ?, now(), ?)""")
			.params(Ids.newId(), user.value(), patient.value(), kind.name(), source, CurrentActor.name())
			.update();
		audit.record(new AuditEntry("GRANT", "CareRelationship", kind + ":" + user, patient, AuditOutcome.SUCCESS,
				source));
	}

	@Override
	public void repoint(PatientId from, PatientId to) {
		jdbc.sql("update care_relationship set patient_id = ? where patient_id = ?").params(to.value(), from.value()).update();
		jdbc.sql("update break_glass set patient_id = ? where patient_id = ?").params(to.value(), from.value()).update();
		jdbc.sql("update part2_consent set patient_id = ? where patient_id = ?").params(to.value(), from.value()).update();
	}

	@Override
	public void end(UserId user, PatientId patient, RelationshipKind kind, String source) {
		jdbc.sql("""
				update care_relationship set valid_to = greatest(now(), valid_from), ended_by = ?
				where user_id = ? and patient_id = ? and kind = ? and source = ? and valid_to is null""")
			.params(CurrentActor.name(), user.value(), patient.value(), kind.name(), source)
			.update();
		audit.record(new AuditEntry("REVOKE", "CareRelationship", kind + ":" + user, patient, AuditOutcome.SUCCESS,
				source));
	}

}
