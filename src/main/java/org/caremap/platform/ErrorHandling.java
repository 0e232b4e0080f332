package org.caremap.platform;

import java.net.URI;

import jakarta.servlet.http.HttpServletRequest;
import org.caremap.shared.DomainException;
import org.caremap.shared.NotFoundException;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.ModelAndView;

/**
 * Turns a refused operation into a clear answer: a page in plain words for people, {@code application/problem+json}
 * (RFC 9457) with a stable code for programs. Nothing a client sends ends as a 500.
 */
@ControllerAdvice
@org.springframework.core.annotation.Order(org.springframework.core.Ordered.HIGHEST_PRECEDENCE)
class ErrorHandling {

	private final MessageSource messages;

	ErrorHandling(MessageSource messages) {
		this.messages = messages;
	}

	@ExceptionHandler(DomainException.class)
	Object domain(DomainException ex, HttpServletRequest request) {
		HttpStatus status = ex instanceof NotFoundException ? HttpStatus.NOT_FOUND : HttpStatus.UNPROCESSABLE_CONTENT;
		String text = messages.getMessage("error." + ex.code(), ex.arguments(), ex.getMessage(),
				LocaleContextHolder.getLocale());
		return answer(request, status, ex.code(), text);
	}

	/**
	 * The database refused a value (too long for its field, a character it cannot store, a duplicate): the client
	 * sent something that cannot be kept, so a 422 in plain words, never a 500.
	 */
	@ExceptionHandler(org.springframework.dao.DataIntegrityViolationException.class)
	Object refusedByStorage(org.springframework.dao.DataIntegrityViolationException ex, HttpServletRequest request) {
		org.caremap.shared.StorageRefusals.Refusal refusal = org.caremap.shared.StorageRefusals.refusal(ex);
		return answer(request, HttpStatus.UNPROCESSABLE_CONTENT, "storage.refused", refusal != null
				? text(refusal.key(), refusal.arguments()) : text("error.storage.conflict"));
	}

	/** A form that should carry a file but was not sent as one (or a file too large): 400 in plain words. */
	@ExceptionHandler({ org.springframework.web.multipart.MultipartException.class,
			org.springframework.web.multipart.support.MissingServletRequestPartException.class })
	Object notAFileUpload(Exception ex, HttpServletRequest request) {
		return answer(request, HttpStatus.BAD_REQUEST, "upload.invalid",
				text(ex instanceof org.springframework.web.multipart.MaxUploadSizeExceededException
						? "error.upload.too-large" : "error.upload.invalid"));
	}

	/**
	 * A form part that cannot be read as what the field takes (a file sent where text is expected, a file name
	 * holding a NUL): 400 in plain words.
	 */
	@ExceptionHandler({ org.springframework.beans.ConversionNotSupportedException.class,
			org.apache.tomcat.util.http.fileupload.InvalidFileNameException.class })
	Object unreadablePart(Exception ex, HttpServletRequest request) {
		return answer(request, HttpStatus.BAD_REQUEST, "form.unreadable", text("error.form.unreadable"));
	}

	/** A text of the bundle in the language of the request (the one locale resolver chose it). */
	private String text(String key, Object... arguments) {
		return messages.getMessage(key, arguments, LocaleContextHolder.getLocale());
	}

	/** A page in plain words for people, {@code application/problem+json} with the stable code for programs. */
	private Object answer(HttpServletRequest request, HttpStatus status, String code, String text) {
		if (wantsJson(request)) {
			ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, text);
			problem.setTitle(messages.getMessage("error.problem.title." + status.value(), null, status.getReasonPhrase(),
					LocaleContextHolder.getLocale()));
			problem.setType(URI.create("urn:caremap:error:" + code));
			problem.setProperty("code", code);
			return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
		}
		ModelAndView page = new ModelAndView("error", status);
		page.addObject("status", status.value());
		page.addObject("message", text);
		return page;
	}

	private static boolean wantsJson(HttpServletRequest request) {
		String accept = request.getHeader("Accept");
		return request.getRequestURI().startsWith(request.getContextPath() + "/api/")
				|| (accept != null && (accept.contains("application/json") || accept.contains("application/problem+json"))
						&& !accept.contains("text/html"));
	}
}
