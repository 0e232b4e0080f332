package org.caremap.fhir.internal;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import org.caremap.shared.DomainException;
import org.caremap.shared.NotFoundException;
import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.security.access.AccessDeniedException;

import java.util.Locale;

/**
 * Refusals of the domain become FHIR answers with an {@code OperationOutcome} in plain words: not found 404, not
 * permitted 403, a rule of the domain 422, bad input 400. What is left is a fault of Caremap (500).
 */
@Interceptor
class FhirErrors {

	private final MessageSource messages;

	FhirErrors(MessageSource messages) {
		this.messages = messages;
	}

	@Hook(Pointcut.SERVER_PRE_PROCESS_OUTGOING_EXCEPTION)
	public @Nullable BaseServerResponseException translate(RequestDetails request, Throwable thrown) {
		Throwable cause = domainCause(thrown);
		if (cause == null) return null;
		if (cause instanceof NotFoundException nf) {
			return new ResourceNotFoundException(text(nf));
		}
		if (cause instanceof DomainException de) {
			return new UnprocessableEntityException(text(de));
		}
		if (cause instanceof AccessDeniedException) {
			return new ForbiddenOperationException("Access to this record is not permitted: " + cause.getMessage());
		}
		if (cause instanceof org.springframework.dao.DataIntegrityViolationException) {
			String text = org.caremap.shared.StorageRefusals.describe(cause);
			return new UnprocessableEntityException(text != null ? text
					: "The resource conflicts with data already stored (a duplicate identifier or a missing reference).");
		}
		if (cause instanceof IllegalArgumentException || cause instanceof java.time.DateTimeException) {
			return new InvalidRequestException(cause.getMessage());
		}
		return null;
	}

	/** The refusal inside HAPI's wrappers (invocation, internal error), or null when there is none to translate. */
	private static @Nullable Throwable domainCause(Throwable thrown) {
		for (Throwable t = thrown; t != null; t = t.getCause() == t ? null : t.getCause()) {
			if (t instanceof DomainException || t instanceof AccessDeniedException
					|| t instanceof org.springframework.dao.DataIntegrityViolationException
					|| t instanceof IllegalArgumentException || t instanceof java.time.DateTimeException) {
				return t;
			}
			if (t instanceof BaseServerResponseException && !(t instanceof ca.uhn.fhir.rest.server.exceptions.InternalErrorException)) {
				return null;
			}
		}
		return null;
	}

	private String text(DomainException ex) {
		return messages.getMessage("error." + ex.code(), ex.arguments(), ex.getMessage(), Locale.ENGLISH);
	}
}
