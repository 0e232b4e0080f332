package org.caremap.utilization.internal;

import java.util.List;

import org.caremap.appointment.AppointmentCancelled;
import org.caremap.appointment.AppointmentKept;
import org.caremap.appointment.AppointmentMissed;
import org.caremap.organization.Organizations;
import org.caremap.shared.SystemActor;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Appointments counted against an authorization line: one linked while booked is planned; kept, its units are used
 * (with a warning when beyond the approval or its period); missed or cancelled, it no longer is planned; moved to
 * another time, the link moves with it. Each runs after the appointment's transaction and may run again: only uses
 * still planned are touched.
 */
@Component
class AppointmentUnits {

	private static final String ACTOR = "utilization-units";

	private final JdbcAuthorizations authorizations;
	private final Organizations organizations;

	AppointmentUnits(JdbcAuthorizations authorizations, Organizations organizations) {
		this.authorizations = authorizations;
		this.organizations = organizations;
	}

	@ApplicationModuleListener
	void on(AppointmentKept event) {
		java.time.ZoneId zone = organizations.primary().map(o -> o.zone()).orElse(java.time.ZoneOffset.UTC);
		SystemActor.run(ACTOR, List.of("SYSTEM"),
				() -> authorizations.appointmentKept(event.appointment(), event.start().atZone(zone).toLocalDate()));
	}

	@ApplicationModuleListener
	void on(AppointmentMissed event) {
		SystemActor.run(ACTOR, List.of("SYSTEM"), () -> authorizations.appointmentGone(event.appointment(), null));
	}

	@ApplicationModuleListener
	void on(AppointmentCancelled event) {
		SystemActor.run(ACTOR, List.of("SYSTEM"), () -> authorizations.appointmentGone(event.appointment(), event.rescheduledTo()));
	}
}
