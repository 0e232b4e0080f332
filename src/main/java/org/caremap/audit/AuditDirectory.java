package org.caremap.audit;

import java.time.ZoneId;
import java.util.Collection;
import java.util.Map;
import java.util.Set;

/**
 * What the audit trail's page needs to know about people and time, provided by a module that knows them (the
 * audit module depends on no other module, so the others implement this rather than the other way round).
 */
public interface AuditDirectory {

	/** Display names of these usernames; a username without an account (system actors, anonymous) is left out. */
	Map<String, String> displayNames(Collection<String> usernames);

	/** Usernames whose username is the text, or whose display name contains it (case-insensitive). */
	Set<String> usernamesMatching(String text);

	/** The organisation's time zone, in which dates on the page are given. */
	ZoneId zone();
}
