package org.caremap.workspace;

import java.time.ZoneId;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.caremap.audit.AuditDirectory;
import org.caremap.identity.UserAccounts;
import org.caremap.identity.UserView;
import org.springframework.stereotype.Component;

/** Gives the audit trail's page display names (from the user directory) and the organisation's zone. */
@Component
class AuditDirectoryAdapter implements AuditDirectory {

	private final UserAccounts accounts;
	private final Dates dates;

	AuditDirectoryAdapter(UserAccounts accounts, Dates dates) {
		this.accounts = accounts;
		this.dates = dates;
	}

	@Override
	public Map<String, String> displayNames(Collection<String> usernames) {
		Map<String, String> byAccount = accounts.displayNamesByUsername(Set.copyOf(usernames));
		Map<String, String> names = new HashMap<>();
		for (String username : Set.copyOf(usernames)) {
			String name = byAccount.get(username.strip().toLowerCase(Locale.ROOT));
			if (name != null) names.put(username, name);
		}
		return names;
	}

	@Override
	public Set<String> usernamesMatching(String text) {
		String wanted = text.strip().toLowerCase(Locale.ROOT);
		Set<String> found = new LinkedHashSet<>();
		for (UserView user : accounts.list()) {
			if (user.username().equalsIgnoreCase(wanted)
					|| user.displayName().toLowerCase(Locale.ROOT).contains(wanted)) {
				found.add(user.username());
			}
		}
		return found;
	}

	@Override
	public ZoneId zone() {
		return dates.zone();
	}
}
