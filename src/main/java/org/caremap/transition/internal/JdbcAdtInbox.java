package org.caremap.transition.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

import org.caremap.audit.AuditEntry;
import org.caremap.audit.AuditOutcome;
import org.caremap.audit.AuditTrail;
import org.caremap.shared.DomainException;
import org.caremap.shared.Ids;
import org.caremap.shared.SystemActor;
import org.caremap.shared.PatientId;
import org.caremap.transition.AdtInbox;
import org.caremap.transition.AdtMessage;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Stores and applies each message in one transaction, and answers only after it committed. A message that cannot
 * be applied is rolled back entirely and then kept, raw, as rejected (with its error) in a transaction of its
 * own; when the database cannot be reached at all the answer is AR, so the sender keeps the message and retries.
 */
@Service
class JdbcAdtInbox implements AdtInbox {

	private static final Logger log = LoggerFactory.getLogger(JdbcAdtInbox.class);

	private final JdbcClient jdbc;
	private final TransactionTemplate tx;
	private final AdtEffects effects;
	private final AuditTrail audit;
	private final AdtParser parser = new AdtParser();

	JdbcAdtInbox(JdbcClient jdbc, TransactionTemplate tx, AdtEffects effects, AuditTrail audit) {
		this.jdbc = jdbc;
		this.tx = tx;
		this.effects = effects;
		this.audit = audit;
	}

	@Override
	public Ack receive(byte[] raw, Channel channel) {
		String text = AdtParser.normalise(raw);
		AdtMessage message;
		try {
			message = parser.parse(text);
		}
		catch (AdtParser.Refusal refusal) {
			keepRejected(text, channel, refusal.header(), refusal.code(), refusal.getMessage());
			return new Ack(refusal.code(), Acks.ack(refusal.header(), refusal.code(), refusal.error(), refusal.getMessage()),
					refusal.getMessage());
		}
		AdtParser.Header header = java.util.Objects.requireNonNull(AdtParser.header(text));
		String sha = sha256(text);
		try {
			Outcome outcome = SystemActor.call(actor(channel), List.of("SYSTEM"), () -> tx.execute(s -> store(text, sha, channel, message)));
			String detail = outcome.resend() ? "already received; not applied again" : null;
			return new Ack("AA", Acks.ack(header, "AA", null, detail), null);
		}
		catch (DomainException | DataIntegrityViolationException | IllegalArgumentException ex) {
			// the content cannot be applied: nothing of it stays, but the raw message is kept with the reason
			String reason = ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage();
			keepRejected(text, channel, header, "AE", reason);
			return new Ack("AE", Acks.ack(header, "AE", Acks.Error.INTERNAL, reason), reason);
		}
		catch (DataAccessException | org.springframework.transaction.TransactionException ex) {
			log.warn("ADT message {} not taken now: {}", header.controlId(), ex.getMessage());
			return new Ack("AR", Acks.ack(header, "AR", Acks.Error.INTERNAL, "cannot store the message now; send it again"),
					"cannot store the message now");
		}
	}

	/** The feed acts as a system; over HTTP the audit trail also names the client whose token sent the message. */
	private static String actor(Channel channel) {
		org.springframework.security.core.Authentication sender = org.springframework.security.core.context.SecurityContextHolder
			.getContext()
			.getAuthentication();
		return channel == Channel.HTTP && sender != null ? "adt-feed:" + sender.getName() : "adt-feed";
	}

	private record Outcome(UUID id, boolean resend) {
	}

	private Outcome store(String text, String sha, Channel channel, AdtMessage m) {
		UUID existing = jdbc.sql("""
				select id from adt_message where sending_app = ? and sending_facility = ? and control_id = ?
				  and payload_sha256 = ? for update""")
			.params(m.sendingApplication(), m.sendingFacility(), m.controlId(), sha).query(UUID.class).optional().orElse(null);
		if (existing != null) {
			jdbc.sql("update adt_message set resends = resends + 1 where id = ?").param(existing).update();
			return new Outcome(existing, true);
		}
		boolean reused = jdbc.sql("""
				select count(*) from adt_message where sending_app = ? and sending_facility = ? and control_id = ?""")
			.params(m.sendingApplication(), m.sendingFacility(), m.controlId()).query(Long.class).single() > 0;
		UUID id = Ids.newId();
		try {
			jdbc.sql("""
					insert into adt_message (id, channel, sending_app, sending_facility, control_id, event, version, payload,
					                         payload_sha256, status, ack_code, reused_control_id)
					values (?, ?, ?, ?, ?, ?, ?, ?, ?, 'STORED', 'AA', ?)""")
				.params(id, channel.name(), m.sendingApplication(), m.sendingFacility(), m.controlId(), m.event(), m.version(),
						text, sha, reused)
				.update();
		}
		catch (DuplicateKeyException race) {
			// the same message arrived twice at once: the other delivery stored it
			return new Outcome(id, true);
		}
		AdtEffects.Applied applied = effects.apply(id, m);
		jdbc.sql("""
				update adt_message set status = ?, patient_id = ?, encounter_id = ?, error = ?, processed_at = now()
				where id = ?""")
			.params(applied.status(), applied.patient(), applied.encounter(), applied.note(), id).update();
		audit.record(new AuditEntry("CREATE", "AdtMessage", id.toString(),
				applied.patient() == null ? null : new PatientId(applied.patient()), AuditOutcome.SUCCESS,
				m.event() + " " + applied.status() + " via " + channel));
		return new Outcome(id, false);
	}

	private void keepRejected(String text, Channel channel, AdtParser.@Nullable Header h, String code, @Nullable String reason) {
		try {
			tx.executeWithoutResult(s -> jdbc.sql("""
					insert into adt_message (id, channel, sending_app, sending_facility, control_id, event, version, payload,
					                         payload_sha256, status, ack_code, error, processed_at)
					values (?, ?, ?, ?, ?, ?, ?, ?, ?, 'REJECTED', ?, ?, now())
					on conflict (sending_app, sending_facility, control_id, payload_sha256)
					do update set resends = adt_message.resends + 1""")
				.params(Ids.newId(), channel.name(), h == null ? "" : h.sendingApplication(), h == null ? "" : h.sendingFacility(),
						h == null ? "" : h.controlId(), h == null || h.event().isEmpty() ? null : h.event(),
						h == null || h.version().isEmpty() ? null : h.version(), text.length() > 1_000_000 ? text.substring(0, 1_000_000) : text,
						sha256(text), code, reason)
				.update());
		}
		catch (DataAccessException | org.springframework.transaction.TransactionException ex) {
			log.warn("A refused ADT message could not be kept: {}", ex.getMessage());
		}
	}

	static String sha256(String text) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}
}
