package org.caremap.notification.internal;

import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.caremap.appointment.AppointmentReminderDue;
import org.caremap.notification.SmsSender;
import org.caremap.organization.Organizations;
import org.caremap.patient.ContactDetails;
import org.caremap.patient.ContactMethod;
import org.caremap.patient.PatientDetails;
import org.caremap.patient.PatientRegistry;
import org.caremap.shared.DateTexts;
import org.caremap.shared.SystemActor;
import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Reminds the patient of an appointment when its reminder time has come ({@link AppointmentReminderDue}): an e-mail
 * through the outbox to the patient's e-mail address and a text message through the {@link SmsSender} to their
 * phone, each only when the patient has that detail and a valid one. A patient who asked to be reached by post or in
 * person only (preferred contact method MAIL or IN_PERSON) has opted out of electronic messages: nothing is sent.
 * The text says what, with whom, where and when in plain words, the time in the organisation's zone; it leaves out
 * the reason, in the patient's preferred language when Caremap speaks it (Spanish), else in English. Each channel is sent once per appointment (a row per appointment and channel), so an event delivered
 * again after a crash sends nothing twice.
 */
@Component
class AppointmentReminders {

	private static final String ACTOR = "appointment-reminders";

	private final JdbcNotifications notifications;
	private final SmsSender sms;
	private final PatientRegistry patients;
	private final Organizations organizations;
	private final MessageSource messages;
	private final JdbcClient jdbc;

	AppointmentReminders(JdbcNotifications notifications, SmsSender sms, PatientRegistry patients,
			Organizations organizations, MessageSource messages, JdbcClient jdbc) {
		this.notifications = notifications;
		this.sms = sms;
		this.patients = patients;
		this.organizations = organizations;
		this.messages = messages;
		this.jdbc = jdbc;
	}

	/** Whether the patient agreed to electronic reminders (their preferred way to be reached is not post or in person). */
	static boolean electronic(ContactMethod preferred) {
		return preferred != ContactMethod.MAIL && preferred != ContactMethod.IN_PERSON;
	}

	@ApplicationModuleListener
	void on(AppointmentReminderDue event) {
		SystemActor.run(ACTOR, List.of("SYSTEM"), () -> remind(event));
	}

	private void remind(AppointmentReminderDue event) {
		Optional<PatientDetails> found = patients.details(event.patient());
		if (found.isEmpty()) return;
		PatientDetails patient = found.get();
		if (!electronic(patient.contactMethod())) return;
		ZoneId zone = organizations.primary().map(o -> o.zone()).orElse(ZoneId.systemDefault());
		Locale language = Alerts.language(patient.header().preferredLanguage());
		String when = DateTexts.dayTime(event.start().atZone(zone), language);
		String what = text(language, "appointment.kind." + event.kind().name());
		String where = event.where() == null ? "" : text(language, "reminder.appointment.where", event.where());
		String email = usable(patient.email(), true);
		if (email != null && once(event, "EMAIL", email)) {
			String transport = event.transportArranged()
					? text(language, "reminder.appointment.transport", event.transportNote() == null ? "" : event.transportNote()) : "";
			notifications.queue(email, text(language, "reminder.appointment.subject", when),
					text(language, "reminder.appointment.mail", patient.header().givenName(), what, event.with(), when, where, transport));
		}
		String phone = usable(patient.phone(), false);
		if (phone != null && once(event, "SMS", phone)) {
			sms.send(phone, text(language, "reminder.appointment.sms", what, event.with(), when, where.isEmpty() ? "" : " " + where));
		}
	}

	private static @Nullable String usable(@Nullable String detail, boolean email) {
		if (detail == null || detail.isBlank()) return null;
		boolean valid = email ? ContactDetails.email(detail) : ContactDetails.phone(detail);
		return valid ? detail.trim() : null;
	}

	/** Records that this channel's reminder of the appointment goes out; false when it already went. */
	private boolean once(AppointmentReminderDue event, String channel, String recipient) {
		return jdbc.sql("""
				insert into notification_appointment_reminder (appointment_id, channel, recipient, starts_at) values (?, ?, ?, ?)
				on conflict do nothing""")
			.params(event.appointment(), channel, recipient, java.sql.Timestamp.from(event.start())).update() == 1;
	}

	private String text(Locale language, String key, Object... arguments) {
		return Alerts.text(messages, language, key, arguments);
	}
}
