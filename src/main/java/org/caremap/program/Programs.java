package org.caremap.program;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.caremap.shared.OrganizationId;
import org.caremap.shared.UserId;

/** The organisation's programs. Changing them needs the ADMIN role. */
public interface Programs {

	List<ProgramView> all();

	List<ProgramView> active();

	Optional<ProgramView> find(ProgramId id);

	ProgramView create(OrganizationId organization, ProgramDefinition definition);

	ProgramView update(ProgramId id, ProgramDefinition definition);

	/** Replaces the supervisors responsible for the program. */
	void assignSupervisors(ProgramId id, Set<UserId> supervisors);

	/** Programs this user supervises. */
	Set<ProgramId> supervisedBy(UserId supervisor);
}
