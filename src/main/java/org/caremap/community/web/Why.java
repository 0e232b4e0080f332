package org.caremap.community.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.caremap.community.SearchHit;
import org.caremap.community.SearchQuery;
import org.springframework.context.MessageSource;

/**
 * Why a service is in the results, in words: meets food insecurity · Spanish spoken · 1.2 mi · open now · you
 * referred here successfully 3 times.
 */
final class Why {

	private Why() {
	}

	static List<String> of(SearchHit hit, SearchQuery query, MessageSource messages, Locale locale) {
		List<String> out = new ArrayList<>();
		if (hit.needMatched() && query.need() != null) {
			out.add(messages.getMessage("community.why.need", new Object[] {
					messages.getMessage(query.need().label(), null, locale).toLowerCase(locale) }, locale));
		}
		if (hit.languageMatched() && query.language() != null) {
			out.add(messages.getMessage("community.why.language", new Object[] { Languages.name(query.language(), locale) }, locale));
		}
		if (hit.distanceMiles() != null) {
			out.add(messages.getMessage("community.why.distance", new Object[] { String.format(locale, "%.1f", hit.distanceMiles()) }, locale));
		}
		else if (hit.inServiceArea()) {
			out.add(messages.getMessage("community.why.area", null, locale));
		}
		if (hit.openNow()) out.add(messages.getMessage("community.why.openNow", null, locale));
		if (hit.textMatched()) out.add(messages.getMessage("community.why.text", new Object[] { query.text() }, locale));
		if (hit.free()) out.add(messages.getMessage("community.why.free", null, locale));
		for (String g : hit.groupsMatched()) {
			out.add(messages.getMessage("community.why.group", new Object[] {
					messages.getMessage("community.eligibility." + g, null, locale).toLowerCase(locale) }, locale));
		}
		if (hit.deliveredByMe() > 0) {
			out.add(messages.getMessage("community.why.mine", new Object[] { hit.deliveredByMe() }, locale));
		}
		else if (hit.deliveredByAll() > 0) {
			out.add(messages.getMessage("community.why.others", new Object[] { hit.deliveredByAll() }, locale));
		}
		return out;
	}
}
