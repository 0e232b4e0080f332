package org.caremap.portal.internal;

import java.util.Locale;
import java.util.Optional;

import org.caremap.audit.AuditEntry;
import org.caremap.audit.AuditOutcome;
import org.caremap.audit.AuditTrail;
import org.caremap.identity.PortalPrincipal;
import org.caremap.patient.SupportNetwork;
import org.caremap.platform.Languages;
import org.caremap.platform.PreferredLocale;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * The language of a portal principal: the one they chose on their account page (kept on their account), else the
 * patient's preferred language from the registry (a proxy too: families mostly share it, and they can choose).
 */
@Component
public class PortalLanguage implements PreferredLocale {

	/** The request attribute that keeps the language once read (the resolver is asked many times a page). */
	private static final String READ = PortalLanguage.class.getName() + ".READ";
	private static final Object NONE = new Object();

	private final JdbcClient jdbc;
	private final SupportNetwork network;
	private final AuditTrail audit;

	PortalLanguage(JdbcClient jdbc, SupportNetwork network, AuditTrail audit) {
		this.jdbc = jdbc;
		this.network = network;
		this.audit = audit;
	}

	@Override
	public Optional<Locale> of(Authentication authentication) {
		if (!(authentication.getPrincipal() instanceof PortalPrincipal principal)) return Optional.empty();
		// the resolver is asked for every date and text of a page: the language is read once a request
		RequestAttributes request = RequestContextHolder.getRequestAttributes();
		if (request != null) {
			Object known = request.getAttribute(READ, RequestAttributes.SCOPE_REQUEST);
			if (known instanceof Locale locale) return Optional.of(locale);
			if (known == NONE) return Optional.empty();
		}
		Optional<String> chosen = jdbc.sql("select language from portal_account where id = ? and language is not null")
			.param(principal.accountId())
			.query(String.class)
			.optional();
		Optional<Locale> language = chosen.or(() -> network.preferredLanguage(principal.patient())).flatMap(Languages::supported);
		if (request != null) request.setAttribute(READ, language.isPresent() ? language.get() : NONE, RequestAttributes.SCOPE_REQUEST);
		return language;
	}

	/** The language this person chose on their account page, if any. */
	@Transactional(readOnly = true)
	public Optional<Locale> stored(PortalPrincipal principal) {
		return jdbc.sql("select language from portal_account where id = ? and language is not null")
			.param(principal.accountId())
			.query(String.class)
			.optional()
			.flatMap(Languages::supported);
	}

	/**
	 * Keeps this language on the person's account (their account page's form, a POST; the switch in the header
	 * changes the session only). A language Caremap does not speak is ignored.
	 */
	@Transactional
	public void choose(PortalPrincipal principal, Locale locale) {
		Languages.supported(locale).ifPresent(language -> {
			jdbc.sql("update portal_account set language = ? where id = ?")
				.params(language.getLanguage(), principal.accountId())
				.update();
			audit.record(new AuditEntry("UPDATE", "PortalAccount", principal.accountId().toString(), principal.patient(),
					AuditOutcome.SUCCESS, "language " + language.getLanguage()));
			RequestAttributes request = RequestContextHolder.getRequestAttributes();
			if (request != null) request.removeAttribute(READ, RequestAttributes.SCOPE_REQUEST);
		});
	}
}
