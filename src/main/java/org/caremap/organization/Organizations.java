package org.caremap.organization;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.caremap.shared.OrganizationId;
import org.caremap.shared.UserId;

/** The organisation, its teams and its calendar. */
public interface Organizations {

	/** The organisation this installation serves (the first one created). */
	Optional<OrganizationView> primary();

	OrganizationView create(String name, ZoneId zone);

	/** The organisation's time zone (UTC before there is one): the days people see and type are days there. */
	default ZoneId zone() {
		return primary().map(OrganizationView::zone).orElse(java.time.ZoneOffset.UTC);
	}

	/** Today in the organisation's time zone, whatever zone the server runs in. */
	default LocalDate today() {
		return LocalDate.now(zone());
	}

	TeamView createTeam(OrganizationId organization, String name, UserId supervisor, List<UserId> members);

	List<TeamView> teams(OrganizationId organization);

	/** Everyone on a team this user supervises. */
	Set<UserId> supervisedBy(UserId supervisor);

	/** The supervisor of a team, if it has one. */
	java.util.Optional<UserId> supervisorOfTeam(java.util.UUID team);

	/** The teams this user is a member of. */
	Set<java.util.UUID> teamsOf(UserId member);

	/** The supervisors of the teams this user is on. */
	Set<UserId> supervisorsOf(UserId member);

	void addHoliday(OrganizationId organization, LocalDate day, String name);

	void removeHoliday(OrganizationId organization, LocalDate day);

	/** Holidays with their names, in date order. */
	java.util.List<java.util.Map.Entry<LocalDate, String>> holidayList(OrganizationId organization);

	void changeTimeZone(OrganizationId organization, ZoneId zone);

	Set<LocalDate> holidays(OrganizationId organization, LocalDate from, LocalDate to);

	/** The organisation's business calendar with its holidays from a year ago to two years ahead. */
	BusinessCalendar calendar(OrganizationId organization);
}
