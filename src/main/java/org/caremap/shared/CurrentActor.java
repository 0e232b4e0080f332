package org.caremap.shared;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/** The name recorded in created_by / updated_by columns: the signed-in user, Caremap itself (system:*), or system. */
public final class CurrentActor {

	private CurrentActor() {
	}

	public static String name() {
		Authentication auth = SecurityContextHolder.getContext().getAuthentication();
		return auth == null ? "system" : auth.getName();
	}
}
