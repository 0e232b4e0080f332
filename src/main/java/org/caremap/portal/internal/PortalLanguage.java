package org.caremap.portal.internal;

import java.util.Locale;
import java.util.Optional;

import org.caremap.identity.PortalPrincipal;
import org.caremap.patient.SupportNetwork;
import org.caremap.platform.Languages;
import org.caremap.platform.PreferredLocale;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

/**
 * The language of a portal principal: the one they switched to in the portal (kept on their account), else the
 * patient's preferred language from the registry (a proxy too: families mostly share it, and they can switch).
 */
@Component
class PortalLanguage implements PreferredLocale {

	private final JdbcClient jdbc;
	private final SupportNetwork network;

	PortalLanguage(JdbcClient jdbc, SupportNetwork network) {
		this.jdbc = jdbc;
		this.network = network;
	}

	@Override
	public Optional<Locale> of(Authentication authentication) {
		if (!(authentication.getPrincipal() instanceof PortalPrincipal principal)) return Optional.empty();
		Optional<String> chosen = jdbc.sql("select language from portal_account where id = ? and language is not null")
			.param(principal.accountId())
			.query(String.class)
			.optional();
		return chosen.or(() -> network.preferredLanguage(principal.patient())).flatMap(Languages::supported);
	}

	@Override
	public void chosen(Authentication authentication, Locale locale) {
		if (!(authentication.getPrincipal() instanceof PortalPrincipal principal)) return;
		Languages.supported(locale).ifPresent(language -> jdbc.sql("update portal_account set language = ? where id = ?")
			.params(language.getLanguage(), principal.accountId())
			.update());
	}
}
