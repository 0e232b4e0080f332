package org.caremap.utilization.web;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * Times relative to now in words for the authorization pages ("in 3 days", "5 hours late"): templates call it as
 * the bean named authorizationTimes, e.g. authorizationTimes.until(due).
 */
@Component("authorizationTimes")
public class AuthorizationTimes {

	private final MessageSource messages;

	AuthorizationTimes(MessageSource messages) {
		this.messages = messages;
	}

	private String text(String key, Object... arguments) {
		return messages.getMessage(key, arguments, key, LocaleContextHolder.getLocale());
	}

	/** How long until this moment, or how late it is. */
	public String until(@Nullable Instant due) {
		if (due == null) return "";
		Duration left = Duration.between(Instant.now(), due);
		boolean late = left.isNegative();
		long hours = Math.abs(left.toHours());
		String amount = hours < 48 ? text("authorization.time.hours", Math.max(1, hours)) : text("authorization.time.days", hours / 24);
		return late ? text("authorization.time.late", amount) : text("authorization.time.in", amount);
	}

	public boolean late(@Nullable Instant due) {
		return due != null && due.isBefore(Instant.now());
	}

	/** Days from today to this day (negative when past). */
	public long daysUntil(@Nullable LocalDate day, LocalDate today) {
		return day == null ? 0 : ChronoUnit.DAYS.between(today, day);
	}
}
