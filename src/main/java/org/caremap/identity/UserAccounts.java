package org.caremap.identity;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.caremap.shared.UserId;

/**
 * The directory of user accounts. Changing accounts needs the ADMIN role (except changing one's own password).
 */
public interface UserAccounts {

	Optional<UserView> find(UserId id);

	Optional<UserView> findByUsername(String username);

	List<UserView> list();

	/** Display names of these users (for showing who owns what without loading every account). */
	java.util.Map<UserId, String> displayNames(java.util.Collection<UserId> ids);

	/**
	 * Display names by username (as recorded in created_by columns), in one query; usernames without an account are
	 * left out. Pages use {@link People}, which asks once per request.
	 */
	java.util.Map<String, String> displayNamesByUsername(java.util.Collection<String> usernames);

	/** Every account's display name by username, in one query (for a page that may name any of them). */
	java.util.Map<String, String> displayNamesByUsername();

	List<UserView> withRole(Role role);

	UserView create(NewUser user);

	void changeRoles(UserId id, Set<Role> roles);

	void changeDetails(UserId id, String displayName, String email);

	/** The languages the user speaks with patients (ISO 639 codes such as en, es, vi). */
	void changeLanguages(UserId id, List<String> languages);

	void disable(UserId id);

	void enable(UserId id);

	void unlock(UserId id);

	/** Sets a new temporary password that the user must change at the next sign-in; returns it once. */
	String resetPassword(UserId id);

	/** The signed-in user changes their own password. */
	void changeOwnPassword(String currentPassword, String newPassword);

	long count();

	/**
	 * The language this member of staff reads Caremap in, when they chose one (English or Spanish): e-mails and
	 * alerts written for them use it.
	 */
	java.util.Optional<java.util.Locale> language(UserId id);
}
