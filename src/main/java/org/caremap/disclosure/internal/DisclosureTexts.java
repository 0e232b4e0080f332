package org.caremap.disclosure.internal;

import org.caremap.disclosure.DisclosureView;

import java.util.Locale;

import org.springframework.context.MessageSource;

/**
 * What was disclosed and why, in the reader's words: staff wrote their own; a community referral keeps the
 * service's name and an answer to the patient its kind and the day asked, and the bundle says the rest.
 */
public final class DisclosureTexts {

	private DisclosureTexts() {
	}

	public static String description(DisclosureView d, MessageSource messages, Locale locale) {
		return switch (d.source()) {
			case "COMMUNITY_REFERRAL" -> messages.getMessage("disclosure.auto.referral.description", new Object[] { d.description() },
					locale);
			case "ANSWER" -> messages.getMessage("disclosure.auto.answer." + d.description(), null, locale);
			default -> d.description();
		};
	}

	public static String purpose(DisclosureView d, MessageSource messages, Locale locale) {
		return switch (d.source()) {
			case "COMMUNITY_REFERRAL" -> messages.getMessage("disclosure.auto.referral.purpose", null, locale);
			case "ANSWER" -> messages.getMessage("disclosure.auto.answer.purpose", new Object[] { d.purpose() }, locale);
			default -> d.purpose();
		};
	}
}
