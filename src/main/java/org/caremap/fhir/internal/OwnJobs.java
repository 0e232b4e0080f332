package org.caremap.fhir.internal;

import java.io.IOException;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * The status URLs of background FHIR jobs (exports, imports) answer only the client that asked: no bearer token is
 * a 401, and another client's job is, for this caller, a job that does not exist (404).
 */
final class OwnJobs {

	private OwnJobs() {
	}

	/** The job, if it exists and the caller's token belongs to who asked for it; otherwise the refusal is written. */
	static <J> Optional<J> find(String id, HttpServletResponse response, Function<UUID, Optional<J>> lookup,
			Function<J, String> requestedBy, String notFound) throws IOException {
		Authentication auth = SecurityContextHolder.getContext().getAuthentication();
		if (!(auth instanceof JwtAuthenticationToken token)) {
			response.setStatus(401);
			response.setHeader("WWW-Authenticate", "Bearer");
			FhirConfiguration.outcome(response, "login", "A bearer token is required.");
			return Optional.empty();
		}
		Optional<J> job;
		try {
			job = lookup.apply(UUID.fromString(id));
		}
		catch (IllegalArgumentException ex) {
			job = Optional.empty();
		}
		if (job.isEmpty() || !requestedBy.apply(job.get()).equals(token.getName())) {
			response.setStatus(404);
			FhirConfiguration.outcome(response, "not-found", notFound);
			return Optional.empty();
		}
		return job;
	}
}
