package org.caremap.portal.internal;

import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.caremap.notification.EmailOutbox;
import org.caremap.patient.SupportContact;
import org.caremap.patient.SupportNetwork;
import org.caremap.platform.Languages;
import org.caremap.shared.SystemActor;
import org.caremap.team.MessagePosted;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * When the care team writes in a thread shared with the patient, the patient's portal account and those of the
 * proxies the patient lets see everything (who read the messages) are told by e-mail, in their language, that there is
 * a new message and where to sign in: nothing about the patient or the message. An account with no e-mail address, or
 * one that turned the notices off, is not told. Keyed by message and account: an event delivered twice tells nobody
 * twice.
 */
@Component
class PortalMessageNotices {

	private static final String ACTOR = "portal-message-notices";

	private final JdbcClient jdbc;
	private final SupportNetwork network;
	private final EmailOutbox email;
	private final MessageSource messages;
	private final String publicUrl;

	PortalMessageNotices(JdbcClient jdbc, SupportNetwork network, EmailOutbox email, MessageSource messages,
			@Value("${caremap.public-url:${caremap.community.public-url:http://localhost:8080}}") String publicUrl) {
		this.jdbc = jdbc;
		this.network = network;
		this.email = email;
		this.messages = messages;
		this.publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
	}

	private record Account(UUID id, @Nullable UUID contact, String email, @Nullable String language) {
	}

	@ApplicationModuleListener
	void on(MessagePosted event) {
		if (!event.toPatient()) return;
		SystemActor.run(ACTOR, List.of("SYSTEM"), () -> {
			List<Account> accounts = jdbc.sql("""
					select id, support_contact_id, email, language from portal_account
					where patient_id = ? and status = 'ACTIVE' and message_notices and email is not null and email <> ''""")
				.param(event.patient().value())
				.query((rs, n) -> new Account(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3),
						rs.getString(4)))
				.list();
			for (Account account : accounts) {
				// a proxy reads the messages only while the patient lets them see everything
				if (account.contact() != null && network.disclosure(event.patient(), account.contact())
					.filter(d -> d == SupportContact.Disclosure.EVERYTHING).isEmpty()) {
					continue;
				}
				int fresh = jdbc.sql("insert into portal_message_notice (message_id, account_id) values (?, ?) on conflict do nothing")
					.params(event.message(), account.id()).update();
				if (fresh == 0) continue;
				Locale language = Languages.supported(account.language() != null ? account.language()
						: network.preferredLanguage(event.patient()).orElse("en")).orElse(Locale.ENGLISH);
				email.queue(account.email(), messages.getMessage("portal.notice.mail.subject", null, language),
						messages.getMessage("portal.notice.mail.body", new Object[] { publicUrl + "/portal/messages" }, language));
			}
		});
	}
}
