package org.caremap.task.web;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.caremap.access.PatientAccess;
import org.caremap.appointment.AppointmentView;
import org.caremap.appointment.Appointments;
import org.caremap.identity.CurrentUser;
import org.caremap.patient.PatientHeader;
import org.caremap.patient.PatientRegistry;
import org.caremap.shared.PatientId;
import org.springframework.stereotype.Component;

/**
 * The "coming visits" section of My day: the open appointments of the user's patients (those they care for) from
 * the start of today to the end of the week ahead, read through the appointment module's API (which authorizes and
 * audits them), with the patients' names.
 */
@Component
class MyDayVisits {

	static final int DAYS = MyDayController.AHEAD_DAYS;
	static final int LIMIT = 50;

	/** A visit on the list: the appointment and whose it is. */
	record Visit(AppointmentView appointment, String patientName) {
	}

	record Visits(List<Visit> rows, int days) {
	}

	private final Appointments appointments;
	private final PatientAccess access;
	private final PatientRegistry patients;

	MyDayVisits(Appointments appointments, PatientAccess access, PatientRegistry patients) {
		this.appointments = appointments;
		this.access = access;
		this.patients = patients;
	}

	/** The signed-in user's coming visits, days in this zone (the organisation's). */
	Visits visits(ZoneId zone) {
		CurrentUser user = CurrentUser.require();
		Set<PatientId> mine = access.patientsOf(user.id());
		if (mine.isEmpty()) return new Visits(List.of(), DAYS);
		LocalDate today = LocalDate.now(zone);
		Instant from = today.atStartOfDay(zone).toInstant();
		Instant to = today.plusDays(DAYS + 1L).atStartOfDay(zone).toInstant();
		List<AppointmentView> coming = appointments.upcoming(mine, from, to, LIMIT);
		Map<PatientId, PatientHeader> names = patients.headers(coming.stream().map(AppointmentView::patient).distinct().toList());
		return new Visits(coming.stream().filter(a -> names.containsKey(a.patient()))
			.map(a -> new Visit(a, names.get(a.patient()).displayName())).toList(), DAYS);
	}
}
