package org.caremap.notification.internal;

import java.time.ZoneId;
import java.util.List;
import java.util.Locale;

import org.caremap.community.CommunityReferralClosed;
import org.caremap.community.CommunityReferralSent;
import org.caremap.community.CommunityReferralUpdated;
import org.caremap.organization.Organizations;
import org.caremap.shared.DateTexts;

import org.caremap.shared.SystemActor;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Community referrals, from the community module's events: the organisation's single-referral link goes to its
 * referral address through the outbox (the e-mail names no patient: the organisation reads what was consented behind
 * the link); every answer tells the case manager who sent the referral (the list names the patient to a reader who may
 * open the record). Each is keyed by what it is about, so an event delivered twice sends and tells nothing twice.
 */
@Component
class CommunityReferralAlerts {

	private static final String ACTOR = "community-alerts";

	private final JdbcNotifications notifications;
	private final JdbcClient jdbc;
	private final MessageSource messages;
	private final Organizations organizations;
	private final org.caremap.identity.UserAccounts accounts;

	CommunityReferralAlerts(JdbcNotifications notifications, JdbcClient jdbc, MessageSource messages, Organizations organizations,
			org.caremap.identity.UserAccounts accounts) {
		this.notifications = notifications;
		this.jdbc = jdbc;
		this.messages = messages;
		this.organizations = organizations;
		this.accounts = accounts;
	}

	/** The text in the language the case manager reads Caremap in. */
	private String textFor(org.caremap.shared.UserId reader, String key, Object... arguments) {
		return Alerts.text(messages, accounts.language(reader).orElse(Locale.ENGLISH), key, arguments);
	}

	private String text(String key, Object... arguments) {
		return Alerts.text(messages, key, arguments);
	}

	@ApplicationModuleListener
	void on(CommunityReferralSent event) {
		if (event.referralEmail() == null || event.referralEmail().isBlank()) return;
		SystemActor.run(ACTOR, List.of("SYSTEM"), () -> {
			ZoneId zone = organizations.primary().map(o -> o.zone()).orElse(ZoneId.systemDefault());
			String subject = text("email.communityReferral.subject", event.serviceName());
			String body = text("email.communityReferral.body", event.organizationName(), event.serviceName(), event.link(),
					DateTexts.format(event.linkExpiresAt().atZone(zone).toLocalDate(), DateTexts.DAY, Locale.ENGLISH));
			boolean sent = jdbc.sql("select exists (select 1 from email_outbox where recipient = ? and body = ?)")
				.params(event.referralEmail(), body).query(Boolean.class).single();
			if (!sent) notifications.queue(event.referralEmail(), subject, body);
		});
	}

	@ApplicationModuleListener
	void on(CommunityReferralUpdated event) {
		SystemActor.run(ACTOR, List.of("SYSTEM"), () -> notifications.alert(event.sender(), "community-referral",
				textFor(event.sender(), "alert.communityReferral.updated", event.organizationName(),
						textFor(event.sender(), "community.status." + event.status().name())),
				null, "/patients/" + event.patient() + "/community/referrals/" + event.referral(),
				"community-referral:" + event.referral() + ":" + event.status(), event.patient()));
	}

	@ApplicationModuleListener
	void on(CommunityReferralClosed event) {
		SystemActor.run(ACTOR, List.of("SYSTEM"), () -> {
			String what = event.outcome() == null ? textFor(event.sender(), "community.status." + event.status().name())
					: textFor(event.sender(), "community.outcome." + event.outcome().name());
			notifications.alert(event.sender(), "community-referral",
					textFor(event.sender(), "alert.communityReferral.closed", event.organizationName(), what),
					event.reason(), "/patients/" + event.patient() + "/community/referrals/" + event.referral(),
					"community-referral:" + event.referral() + ":" + event.status(), event.patient());
		});
	}

}
