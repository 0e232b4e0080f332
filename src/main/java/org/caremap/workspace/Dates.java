package org.caremap.workspace;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAccessor;

import org.caremap.organization.Organizations;
import org.caremap.shared.DateTexts;
import org.jspecify.annotations.Nullable;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * Dates and times for pages, in the organisation's time zone (a case manager in New York sees New York times,
 * whatever zone the server runs in). Templates call it as {@code @dates.format(value, 'EEE d MMM HH:mm')}.
 */
@Component("dates")
public class Dates {

	private final Organizations organizations;
	private volatile @Nullable ZoneId zone;
	private volatile long fetchedAt;

	Dates(Organizations organizations) {
		this.organizations = organizations;
	}

	public ZoneId zone() {
		ZoneId known = zone;
		// re-read now and then: an administrator may change the organisation's zone
		if (known == null || System.currentTimeMillis() - fetchedAt > 60_000) {
			known = organizations.primary().map(o -> o.zone()).orElse(ZoneId.systemDefault());
			zone = known;
			fetchedAt = System.currentTimeMillis();
		}
		return known;
	}

	public String format(@Nullable Object value, String pattern) {
		if (value == null) return "";
		TemporalAccessor temporal = value instanceof Instant instant ? instant.atZone(zone()) : (TemporalAccessor) value;
		return DateTexts.format(temporal, pattern, LocaleContextHolder.getLocale());
	}

	/** A day as sentences write it ('Fri 4 Dec 2026'). */
	public String day(@Nullable Object value) {
		return format(value, DateTexts.DAY);
	}

	/** A moment as sentences write it ('Fri 4 Dec 2026 14:30'), in the organisation's zone. */
	public String dayTime(@Nullable Object value) {
		return format(value, DateTexts.DAY_TIME);
	}

	/** Today in the organisation's zone. */
	public LocalDate today() {
		return LocalDate.now(zone());
	}
}
