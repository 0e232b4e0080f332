package org.caremap.notification.internal;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.caremap.notification.EmailOutbox;
import org.caremap.notification.NotificationView;
import org.caremap.notification.Notifications;
import org.caremap.shared.Ids;
import org.caremap.shared.PatientId;
import org.caremap.shared.UserId;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
@Transactional
class JdbcNotifications implements Notifications, EmailOutbox {

	private final JdbcClient jdbc;
	private final CoverRecipients recipients;
	private final org.springframework.context.MessageSource messages;
	private final org.caremap.identity.UserAccounts accounts;
	private final org.caremap.notification.SmsSender sms;

	JdbcNotifications(JdbcClient jdbc, CoverRecipients recipients, org.springframework.context.MessageSource messages,
			org.caremap.identity.UserAccounts accounts, org.caremap.notification.SmsSender sms) {
		this.jdbc = jdbc;
		this.recipients = recipients;
		this.messages = messages;
		this.accounts = accounts;
		this.sms = sms;
	}

	@Override
	public void notify(UserId recipient, String category, String title, @Nullable String body, @Nullable String link) {
		jdbc.sql("""
				insert into notification (id, recipient_id, category, title, body, link) values (?, ?, ?, ?, ?, ?)""")
			.params(Ids.newId(), recipient.value(), category, title, body, link)
			.update();
	}

	/**
	 * An alert about something that happened, once per recipient and key (an event delivered again, a job run twice):
	 * true when it is new.
	 */
	boolean alert(UserId recipient, String category, String title, @Nullable String body, @Nullable String link, String key) {
		return alert(recipient, category, title, body, link, key, null);
	}

	/**
	 * An alert about a patient: the title does not name them; the list names them to a reader who may open their
	 * record when it is shown.
	 */
	boolean alert(UserId recipient, String category, String title, @Nullable String body, @Nullable String link, String key,
			@Nullable PatientId patient) {
		return alert(recipient, category, title, body, link, key, patient, null);
	}

	/**
	 * An alert about a patient; {@code statProgram} (the patient's program) when it is STAT work, which after hours
	 * goes to whoever is on call for the program, paged through the e-mail/SMS adapter. An alert for someone who is
	 * away goes to their cover, its title saying for whom.
	 */
	boolean alert(UserId recipient, String category, String title, @Nullable String body, @Nullable String link, String key,
			@Nullable PatientId patient, org.caremap.program.@Nullable ProgramId statProgram) {
		CoverRecipients.Recipient to = recipients.choose(recipient, patient, statProgram, java.time.Instant.now());
		String shown = title;
		if (to.acting() != null) {
			String owner = accounts.displayNames(List.of(recipient)).getOrDefault(recipient, "");
			shown = Alerts.text(messages, accounts.language(to.user()).orElse(java.util.Locale.ENGLISH),
					to.acting().kind() == org.caremap.team.Cover.Kind.ON_CALL ? "alert.onCallFor" : "alert.coveringFor", owner, title);
			if (shown.length() > 500) shown = shown.substring(0, 500);
		}
		boolean fresh = jdbc.sql("""
				insert into notification (id, recipient_id, category, title, body, link, dedup_key, patient_id, acting_for)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?)
				on conflict (recipient_id, dedup_key) where dedup_key is not null do nothing""")
			.params(Ids.newId(), to.user().value(), category, shown, body, link, key, patient == null ? null : patient.value(),
					to.acting() == null ? null : recipient.value())
			.update() == 1;
		if (fresh && to.acting() != null && to.acting().kind() == org.caremap.team.Cover.Kind.ON_CALL) page(to);
		return fresh;
	}

	/**
	 * Tells the person on call through the adapter that leaves Caremap: a text message to the shift's number, else an
	 * e-mail; neither carries patient details, only that urgent work waits in Caremap.
	 */
	private void page(CoverRecipients.Recipient to) {
		java.util.Locale language = accounts.language(to.user()).orElse(java.util.Locale.ENGLISH);
		String text = Alerts.text(messages, language, "alert.onCall.page");
		org.caremap.team.Cover.Acting acting = java.util.Objects.requireNonNull(to.acting());
		if (acting.phone() != null && !acting.phone().isBlank()) {
			sms.send(acting.phone(), text);
			return;
		}
		accounts.find(to.user()).map(u -> u.email()).filter(e -> e != null && !e.isBlank())
			.ifPresent(email -> queue(email, Alerts.text(messages, language, "alert.onCall.subject"), text));
	}

	@Override
	@Transactional(readOnly = true)
	public long unreadCount(UserId user) {
		return jdbc.sql("select count(*) from notification where recipient_id = ? and read_at is null")
			.param(user.value())
			.query(Long.class)
			.single();
	}

	@Override
	@Transactional(readOnly = true)
	public long unreadUrgentCount(UserId user) {
		return jdbc.sql("select count(*) from notification where recipient_id = ? and read_at is null and category = 'message-urgent'")
			.param(user.value())
			.query(Long.class)
			.single();
	}

	@Override
	@Transactional(readOnly = true)
	public List<NotificationView> recent(UserId user, int limit) {
		return jdbc.sql("""
				select id, category, title, body, link, created_at, read_at, patient_id from notification
				where recipient_id = ? order by created_at desc, id desc limit ?""")
			.params(user.value(), limit)
			.query(JdbcNotifications::view)
			.list();
	}

	private static NotificationView view(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
		OffsetDateTime read = rs.getObject("read_at", OffsetDateTime.class);
		UUID patient = rs.getObject("patient_id", UUID.class);
		return new NotificationView(rs.getObject("id", UUID.class), rs.getString("category"),
				rs.getString("title"), rs.getString("body"), rs.getString("link"),
				rs.getObject("created_at", OffsetDateTime.class).toInstant(),
				read == null ? null : read.toInstant(), patient == null ? null : new PatientId(patient));
	}

	@Override
	@Transactional(readOnly = true)
	public Optional<NotificationView> find(UserId user, UUID notification) {
		return jdbc.sql("""
				select id, category, title, body, link, created_at, read_at, patient_id from notification
				where id = ? and recipient_id = ?""")
			.params(notification, user.value())
			.query(JdbcNotifications::view)
			.optional();
	}

	@Override
	public int markGroupRead(UserId user, UUID notification) {
		return jdbc.sql("""
				update notification n set read_at = now()
				from notification o
				where o.id = ? and o.recipient_id = ? and n.recipient_id = o.recipient_id and n.read_at is null
				  and n.category = o.category
				  and (n.id = o.id or (o.patient_id is not null and n.patient_id = o.patient_id)
				       or (o.patient_id is null and n.patient_id is null and n.title = o.title))""")
			.params(notification, user.value())
			.update();
	}

	@Override
	public boolean markRead(UserId user, UUID notification) {
		return jdbc.sql("""
				update notification set read_at = coalesce(read_at, now()) where id = ? and recipient_id = ?""")
			.params(notification, user.value())
			.update() == 1;
	}

	@Override
	public int markAllRead(UserId user) {
		return jdbc.sql("update notification set read_at = now() where recipient_id = ? and read_at is null")
			.param(user.value())
			.update();
	}

	@Override
	public void queue(String recipient, String subject, String body) {
		jdbc.sql("insert into email_outbox (id, recipient, subject, body) values (?, ?, ?, ?)")
			.params(Ids.newId(), recipient, subject, body)
			.update();
	}
}
