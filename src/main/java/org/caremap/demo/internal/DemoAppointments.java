package org.caremap.demo.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

import org.caremap.appointment.AppointmentKind;
import org.caremap.appointment.AppointmentStatus;
import org.caremap.appointment.Appointments;
import org.caremap.appointment.NewAppointment;
import org.caremap.shared.PatientId;
import org.springframework.stereotype.Component;

/**
 * Demo appointments for a few patients of each caseload: a coming visit to the primary care practice (the first with
 * transport arranged, another with an interpreter), a test or community service for some, a visit a few weeks ago
 * that the patient kept, and for one patient a missed visit (which makes its rebooking task).
 */
@Component
class DemoAppointments {

	private static final String[][] PRACTICES = {
			{ "Dr. Maria Alvarez", "Riverside Primary Care", "Riverside Primary Care, suite 2", "400 Main St, Columbus, OH 43215" },
			{ "Dr. James Okafor", "Lakeshore Cardiology", "Lakeshore Heart Center", "1200 Lake Ave, Columbus, OH 43210" },
			{ "Dr. Helen Park", "Riverside Primary Care", "Riverside Primary Care, suite 2", "400 Main St, Columbus, OH 43215" } };

	private final Appointments appointments;

	DemoAppointments(Appointments appointments) {
		this.appointments = appointments;
	}

	void create(List<PatientId> patients, ZoneId zone) {
		LocalDate today = LocalDate.now(zone);
		for (int n = 0; n < patients.size(); n++) {
			PatientId p = patients.get(n);
			String[] practice = PRACTICES[n % PRACTICES.length];
			// coming: a provider visit within the week
			Instant next = at(today.plusDays(1 + n % 6), 9 + n % 7, zone);
			appointments.record(new NewAppointment(p, AppointmentKind.PROVIDER_VISIT, practice[0], practice[1], practice[2],
					practice[3], next, next.plusSeconds(30 * 60), "Follow-up of chronic conditions", n % 4 == 0, n % 4 == 0,
					n % 4 == 0 ? "Lakeshore Rides picks up at 8:30; wheelchair van" : null, n % 5 == 2, n % 5 == 2 ? "Spanish" : null,
					true));
			if (n % 3 == 1) {
				Instant test = at(today.plusDays(3 + n % 4), 8, zone);
				appointments.record(new NewAppointment(p, AppointmentKind.TEST, null, "Riverside Imaging", "Riverside Imaging",
						"410 Main St, Columbus, OH 43215", test, test.plusSeconds(45 * 60), "Echocardiogram", true, false,
						"Needs a ride; ask the family first", false, null, n % 2 == 1));
			}
			if (n % 3 == 2) {
				Instant service = at(today.plusDays(2 + n % 5), 13, zone);
				appointments.record(new NewAppointment(p, AppointmentKind.COMMUNITY_SERVICE, null, "Columbus Food Pantry Network",
						"Eastside pantry", "88 Oak St, Columbus, OH 43205", service, service.plusSeconds(60 * 60),
						"Food assistance intake", false, false, null, false, null, true));
			}
			// past: a visit a few weeks ago, kept (or, for one patient, missed)
			Instant past = at(today.minusDays(14 + n * 3L), 10, zone);
			UUID earlier = appointments.record(new NewAppointment(p, AppointmentKind.PROVIDER_VISIT, practice[0], practice[1],
					practice[2], practice[3], past, past.plusSeconds(30 * 60), "Routine review", false, false, null, false,
					null, true));
			appointments.apply(earlier, n == 1 ? AppointmentStatus.Action.NO_SHOW : AppointmentStatus.Action.ARRIVE,
					n == 1 ? "No answer at the door; the patient forgot" : null);
		}
	}

	private static Instant at(LocalDate day, int hour, ZoneId zone) {
		return day.atTime(hour, 0).atZone(zone).toInstant();
	}
}
