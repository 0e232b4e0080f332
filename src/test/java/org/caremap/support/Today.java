package org.caremap.support;

import java.time.LocalDate;
import java.time.ZoneId;

/**
 * Today as the organisation's people see it. The product dates what people type (a consent's signature, a notice, an
 * authorization's period) in the organisation's time zone; the tests' organisation is the demo's, in New York. A test
 * that took the machine's date instead would fail every evening in New York, when the machine (in UTC) is already on
 * the next day.
 */
public final class Today {

	/** The demo organisation's zone (DemoOrganization and the bulk population make it there). */
	public static final ZoneId ZONE = ZoneId.of("America/New_York");

	private Today() {
	}

	public static LocalDate date() {
		return LocalDate.now(ZONE);
	}
}
