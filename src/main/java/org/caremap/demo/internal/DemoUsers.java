package org.caremap.demo.internal;

import java.util.function.Supplier;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;

/** The demo acting as one of its staff, through the modules' APIs as that person may use them. */
final class DemoUsers {

	private DemoUsers() {
	}

	/** Runs the work signed in as this demo user, then puts back whoever was signed in. */
	static <T> T as(UserDetailsService users, String username, Supplier<T> work) {
		UserDetails user = users.loadUserByUsername(username);
		SecurityContext previous = SecurityContextHolder.getContext();
		SecurityContext context = SecurityContextHolder.createEmptyContext();
		context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(user, null, user.getAuthorities()));
		SecurityContextHolder.setContext(context);
		try {
			return work.get();
		}
		finally {
			SecurityContextHolder.setContext(previous);
		}
	}
}
