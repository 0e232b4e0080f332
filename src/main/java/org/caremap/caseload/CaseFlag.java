package org.caremap.caseload;

/**
 * A mark a case carries on the caseload lists, raised by the module that knows of it (an open safety flag, late
 * work, a stay in hospital): its words are the message {@code messageKey} with the count as its argument, its icon a
 * Bootstrap icon name; the level orders the marks and gives their colour, always beside the words.
 */
public record CaseFlag(String code, String messageKey, int count, Level level, String icon) {

	public CaseFlag {
		if (code.isBlank() || messageKey.isBlank()) throw new IllegalArgumentException("a case flag needs a code and words");
		if (count < 0) throw new IllegalArgumentException("negative count: " + count);
	}

	/** How much the mark asks of the case manager, the most first. */
	public enum Level {
		DANGER, WARN, INFO
	}
}
