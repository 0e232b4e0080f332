package org.caremap.assessment;

import java.util.Locale;

/**
 * An instrument's questions and answers in the reader's language, where a translation ships with Caremap
 * ({@code instruments/i18n/<key>_<language>.properties}: the title, each item's text and help by link id, each answer by
 * its code, or by link id and code where one code has different words in different items); what is not translated
 * stays as defined. Only texts change: link ids, codes, order and scoring are the
 * instrument's own, so a translated form is checked and scored exactly as the English one.
 */
public interface InstrumentTexts {

	Instrument in(Instrument instrument, Locale locale);

	/** Whether the instrument has a translation into the language. */
	boolean translated(String instrumentKey, Locale locale);
}
