package org.caremap.shared;

import java.util.List;
import java.util.function.Supplier;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Runs work on behalf of Caremap itself (jobs, demo set-up, integrations) with a named system identity, so that
 * authorization and audit see who acted: {@code system:<name>}.
 */
public final class SystemActor {

	private SystemActor() {
	}

	public static <T> T call(String name, List<String> roles, Supplier<T> work) {
		SecurityContext previous = SecurityContextHolder.getContext();
		SecurityContext context = SecurityContextHolder.createEmptyContext();
		context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated("system:" + name, null,
				roles.stream().map(r -> new SimpleGrantedAuthority("ROLE_" + r)).toList()));
		SecurityContextHolder.setContext(context);
		try {
			return work.get();
		}
		finally {
			SecurityContextHolder.setContext(previous);
		}
	}

	public static void run(String name, List<String> roles, Runnable work) {
		call(name, roles, () -> {
			work.run();
			return null;
		});
	}
}
