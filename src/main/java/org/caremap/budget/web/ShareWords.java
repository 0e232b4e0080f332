package org.caremap.budget.web;

import java.util.Locale;

import org.caremap.budget.Money;
import org.caremap.budget.PatientShare;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/** The patient's share in plain words (for example: You pay $10 per visit; Free; Unknown - ask your case manager), in a language. */
@Component
class ShareWords {

	private final MessageSource messages;

	ShareWords(MessageSource messages) {
		this.messages = messages;
	}

	String say(PatientShare share, Locale locale) {
		if (!share.kind().hasAmount()) return messages.getMessage("budget.share.say." + share.kind(), null, locale);
		String amount = Money.format(share.amountCents() == null ? 0 : share.amountCents());
		String per = messages.getMessage("budget.share.perPhrase." + share.per(), null, locale);
		return messages.getMessage("budget.share.say." + share.kind(), new Object[] { amount, per }, locale);
	}
}
