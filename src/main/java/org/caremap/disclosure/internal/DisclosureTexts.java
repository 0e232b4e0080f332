package org.caremap.disclosure.internal;

import org.caremap.disclosure.DisclosureView;

import java.util.Locale;

import org.springframework.context.MessageSource;

/**
 * What was disclosed and why, in the reader's words: staff wrote their own; a community referral keeps the
 * service's name, an answer to the patient its kind and the day asked, a use of a Part 2 consent what the consent
 * covers and its purpose, and the bundle says the rest.
 */
public final class DisclosureTexts {

	private DisclosureTexts() {
	}

	public static String description(DisclosureView d, MessageSource messages, Locale locale) {
		return switch (d.source()) {
			case "COMMUNITY_REFERRAL" -> messages.getMessage("disclosure.auto.referral.description", new Object[] { d.description() },
					locale);
			case "ANSWER" -> messages.getMessage("disclosure.auto.answer." + d.description(), null, locale);
			case "PART2_CONSENT" -> messages.getMessage("disclosure.auto.part2.description", new Object[] { d.description() }, locale);
			default -> d.description();
		};
	}

	public static String purpose(DisclosureView d, MessageSource messages, Locale locale) {
		return switch (d.source()) {
			case "COMMUNITY_REFERRAL" -> messages.getMessage("disclosure.auto.referral.purpose", null, locale);
			case "ANSWER" -> messages.getMessage("disclosure.auto.answer.purpose", new Object[] { d.purpose() }, locale);
			// a purpose of the list in the reader's words; one the consent described stays as written
			case "PART2_CONSENT" -> messages.getMessage("consent.purpose." + d.purpose(), null, d.purpose(), locale);
			default -> d.purpose();
		};
	}
}
