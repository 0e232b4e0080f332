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

	private final org.springframework.beans.factory.ObjectProvider<org.springframework.web.servlet.LocaleResolver> languages;

	FhirErrors(MessageSource messages,
			org.springframework.beans.factory.ObjectProvider<org.springframework.web.servlet.LocaleResolver> languages) {
		this.messages = messages;
		this.languages = languages;
	}

	@Hook(Pointcut.SERVER_PRE_PROCESS_OUTGOING_EXCEPTION)
	public @Nullable BaseServerResponseException translate(RequestDetails request, Throwable thrown) {
		if (thrown instanceof ResourceNotFoundException && request.getId() != null && request.getId().hasIdPart()) {
			// HAPI's own "Resource Task/... is not known", in the reader's language
			return new ResourceNotFoundException(messages.getMessage("error.fhir.not-known",
					new Object[] { request.getId().toUnqualifiedVersionless().getValue() }, locale(request)));
		}
		Throwable cause = domainCause(thrown);
		if (cause == null) return null;
		Locale locale = locale(request);
		if (cause instanceof NotFoundException nf) {
			return new ResourceNotFoundException(text(nf, locale));
		}
		if (cause instanceof DomainException de) {
			return new UnprocessableEntityException(text(de, locale));
		}
		if (cause instanceof org.caremap.shared.WithheldRecord) {
			return new ForbiddenOperationException(messages.getMessage("error.fhir.part2-withheld", null, locale));
		}
		if (cause instanceof AccessDeniedException) {
			return new ForbiddenOperationException(messages.getMessage("error.fhir.forbidden", null, locale));
		}
		if (cause instanceof org.springframework.dao.DataIntegrityViolationException) {
			org.caremap.shared.StorageRefusals.Refusal refusal = org.caremap.shared.StorageRefusals.refusal(cause);
			return new UnprocessableEntityException(refusal != null
					? messages.getMessage(refusal.key(), refusal.arguments(), locale)
					: messages.getMessage("error.storage.fhir-conflict", null, locale));
		}
		if (cause instanceof IllegalArgumentException || cause instanceof java.time.DateTimeException) {
			// the parser's own words (which field, which value) follow the sentence in the reader's language
			return new InvalidRequestException(messages.getMessage("error.fhir.bad-request",
					new Object[] { String.valueOf(cause.getMessage()) }, locale));
		}
		return null;
	}

	/**
	 * The reader's language: the one locale resolver's choice (the signed-in person's preference, else
	 * {@code Accept-Language}), English when the request is not a servlet's.
	 */
	private Locale locale(RequestDetails request) {
		org.springframework.web.servlet.LocaleResolver resolver = languages.getIfAvailable();
		if (resolver != null && request instanceof ca.uhn.fhir.rest.server.servlet.ServletRequestDetails servlet
				&& servlet.getServletRequest() != null) {
			return resolver.resolveLocale(servlet.getServletRequest());
		}
		return Locale.ENGLISH;
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

	private String text(DomainException ex, Locale locale) {
		return messages.getMessage("error." + ex.code(), ex.arguments(), ex.getMessage(), locale);
	}
}
