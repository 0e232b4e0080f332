package org.caremap.transition.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
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
 * Every message keeps its bytes exactly as they came (of one larger than the limit, its start), besides its text.
 */
@Service
class JdbcAdtInbox implements AdtInbox {

	private static final Logger log = LoggerFactory.getLogger(JdbcAdtInbox.class);

	private final JdbcClient jdbc;
	private final TransactionTemplate tx;
	private final AdtEffects effects;
	private final AuditTrail audit;
	private final AdtParser parser;
	private final int maxBytes;

	JdbcAdtInbox(JdbcClient jdbc, TransactionTemplate tx, AdtEffects effects, AuditTrail audit, AdtProperties properties) {
		this.jdbc = jdbc;
		this.tx = tx;
		this.effects = effects;
		this.audit = audit;
		this.parser = new AdtParser(properties.limits());
		this.maxBytes = properties.maxBytes();
	}

	@Override
	public Ack receive(byte[] received, Channel channel) {
		// of a message over the limit, one byte more than the limit is kept: enough to show (and to see again when
		// reprocessed) that it was too large
		byte[] raw = received.length > maxBytes + 1 ? Arrays.copyOf(received, maxBytes + 1) : received;
		String text = AdtParser.normalise(raw);
		AdtMessage message;
		try {
			message = parser.parse(raw);
		}
		catch (AdtParser.Refusal refusal) {
			keepRejected(raw, text, channel, refusal.header(), refusal.code(), refusal.getMessage());
			return new Ack(refusal.code(), Acks.ack(refusal.header(), refusal.code(), refusal.error(), refusal.getMessage()),
					refusal.getMessage());
		}
		AdtParser.Header header = java.util.Objects.requireNonNull(AdtParser.header(text));
		String sha = sha256(text);
		try {
			Outcome outcome = SystemActor.call(actor(channel), List.of("SYSTEM"), () -> tx.execute(s -> store(raw, text, sha, channel, message)));
			String detail = outcome.resend() ? "already received; not applied again" : null;
			return new Ack("AA", Acks.ack(header, "AA", null, detail), null);
		}
		catch (DomainException | DataIntegrityViolationException | IllegalArgumentException ex) {
			// the content cannot be applied: nothing of it stays, but the raw message is kept with the reason
			String reason = ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage();
			keepRejected(raw, text, channel, header, "AE", reason);
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

	private Outcome store(byte[] raw, String text, String sha, Channel channel, AdtMessage m) {
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
					                         raw, payload_sha256, status, ack_code, reused_control_id)
					values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'STORED', 'AA', ?)""")
				.params(id, channel.name(), m.sendingApplication(), m.sendingFacility(), m.controlId(), m.event(), m.version(),
						text, raw, sha, reused)
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

	/**
	 * Keeps a refused message: its bytes as they came, and its text with any NUL shown as U+FFFD (PostgreSQL text
	 * cannot hold a NUL; the bytes keep it). The hash is of the text as received, so a resend is still recognised.
	 */
	private void keepRejected(byte[] raw, String text, Channel channel, AdtParser.@Nullable Header h, String code,
			@Nullable String reason) {
		String payload = storable(text.length() > 1_000_000 ? text.substring(0, 1_000_000) : text);
		try {
			tx.executeWithoutResult(s -> jdbc.sql("""
					insert into adt_message (id, channel, sending_app, sending_facility, control_id, event, version, payload,
					                         raw, payload_sha256, status, ack_code, error, processed_at)
					values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'REJECTED', ?, ?, now())
					on conflict (sending_app, sending_facility, control_id, payload_sha256)
					do update set resends = adt_message.resends + 1""")
				.params(Ids.newId(), channel.name(), h == null ? "" : h.sendingApplication(), h == null ? "" : h.sendingFacility(),
						h == null ? "" : h.controlId(), h == null || h.event().isEmpty() ? null : h.event(),
						h == null || h.version().isEmpty() ? null : h.version(), payload, raw, sha256(text), code,
						reason == null ? null : storable(reason))
				.update());
		}
		catch (DataAccessException | org.springframework.transaction.TransactionException ex) {
			log.warn("A refused ADT message could not be kept: {}", ex.getMessage());
		}
	}

	private static String storable(String text) {
		return text.replace('\0', '\uFFFD');
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
