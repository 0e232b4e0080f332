package org.caremap.task;

/**
 * What a clock counts, on the organisation's calendar: business days (Monday to Friday less holidays, ending at the
 * end of the last day), calendar days (ending at the end of the last day), business hours (the organisation's
 * opening hours on business days) or calendar hours.
 */
public enum ClockUnit {
	BUSINESS_DAYS, CALENDAR_DAYS, BUSINESS_HOURS, CALENDAR_HOURS;

	public boolean days() {
		return this == BUSINESS_DAYS || this == CALENDAR_DAYS;
	}
}
