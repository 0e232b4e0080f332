package org.caremap.access;

import java.util.Collection;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

import org.caremap.identity.Role;

/**
 * The table that decides what a person may do with a patient's record: what each ground of access (a care
 * relationship, the supervision of the patient's program, an emergency grant) allows, capped by what the person's
 * role ever does. Both must allow the purpose. Breaking the glass opens what the role allows anyway, so it is
 * read-only for roles that only read. The README prints this table.
 */
public final class AccessRules {

	/** Why a person reaches a patient at all. */
	public enum Ground {
		/** the case manager of the patient's case */
		CASE_MANAGER,
		/** a member of the case team */
		CARE_TEAM,
		/** screening the patient's referral */
		INTAKE,
		/** reviewing the patient's stays or authorizations */
		UTILIZATION_REVIEW,
		/** supervising a program the patient is enrolled in */
		SUPERVISION,
		/** an emergency grant with a stated reason, for a limited time */
		BREAK_GLASS;

		static Ground of(RelationshipKind kind) {
			return valueOf(kind.name());
		}
	}

	private static final Set<AccessPurpose> ALL = EnumSet.allOf(AccessPurpose.class);

	private static final Map<Ground, Set<AccessPurpose>> BY_GROUND = Map.of(
			Ground.CASE_MANAGER, ALL,
			Ground.SUPERVISION, ALL,
			Ground.CARE_TEAM, EnumSet.of(AccessPurpose.READ, AccessPurpose.CONTRIBUTE),
			Ground.INTAKE, EnumSet.of(AccessPurpose.READ, AccessPurpose.CONTRIBUTE, AccessPurpose.REGISTER),
			Ground.UTILIZATION_REVIEW, EnumSet.of(AccessPurpose.READ, AccessPurpose.CONTRIBUTE),
			Ground.BREAK_GLASS, ALL);

	private static final Map<Role, Set<AccessPurpose>> BY_ROLE = Map.of(
			Role.CASE_MANAGER, ALL,
			Role.SUPERVISOR, ALL,
			Role.INTAKE, EnumSet.of(AccessPurpose.READ, AccessPurpose.CONTRIBUTE, AccessPurpose.REGISTER),
			Role.CARE_TEAM, EnumSet.of(AccessPurpose.READ, AccessPurpose.CONTRIBUTE),
			Role.UTILIZATION_REVIEW, EnumSet.of(AccessPurpose.READ, AccessPurpose.CONTRIBUTE),
			Role.ADMIN, EnumSet.noneOf(AccessPurpose.class));

	private AccessRules() {
	}

	/** What a ground of access allows, before the role's cap. */
	public static Set<AccessPurpose> byGround(Ground ground) {
		return BY_GROUND.get(ground);
	}

	/** The most a role ever does with a record it reaches. */
	public static Set<AccessPurpose> byRole(Role role) {
		return BY_ROLE.get(role);
	}

	/** What a person with these roles may do with a patient they reach on these grounds. */
	public static Set<AccessPurpose> allowed(Collection<Role> roles, Collection<Ground> grounds) {
		EnumSet<AccessPurpose> reached = EnumSet.noneOf(AccessPurpose.class);
		for (Ground ground : grounds) reached.addAll(byGround(ground));
		EnumSet<AccessPurpose> capped = EnumSet.noneOf(AccessPurpose.class);
		for (Role role : roles) capped.addAll(byRole(role));
		reached.retainAll(capped);
		return reached;
	}
}
