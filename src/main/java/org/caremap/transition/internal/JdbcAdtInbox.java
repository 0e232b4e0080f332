package org.caremap.transition.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

import org.caremap.shared.Ids;
import org.caremap.transition.AdtInbox;
import org.caremap.transition.AdtMessage;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Keeps each message durably and answers AA once it is committed; the applier applies it afterwards, in order per
 * patient ({@link AdtApplier}). A message that cannot be read, is too large or is not ADT is kept, raw, as rejected
 * (with its reason) and answered AE or AR at once, as before; one whose content cannot be applied is answered AA and
 * becomes ERROR when applied. When the database cannot take the message the answer is AR, so the sender keeps it
 * and sends it again. Every message keeps its bytes exactly as they came (of one larger than the limit, its start),
 * besides its text.
 */
@Service
class JdbcAdtInbox implements AdtInbox {

	private static final Logger log = LoggerFactory.getLogger(JdbcAdtInbox.class);

	/** Longer order keys are kept as their hash (the column holds at most 300 characters). */
	private static final int KEY_LENGTH = 300;

	private final JdbcClient jdbc;
	private final TransactionTemplate tx;
	private final AdtStore store;
	private final AdtParser parser;
	private final int maxBytes;

	JdbcAdtInbox(JdbcClient jdbc, TransactionTemplate tx, AdtStore store, AdtProperties properties) {
		this.jdbc = jdbc;
		this.tx = tx;
		this.store = store;
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
			AdtStore.Stored stored = store.store(new AdtStore.Incoming(raw, text, sha, channel, message, orderKey(message),
					actor(channel)));
			String detail = stored.resend() ? "already received; not applied again" : null;
			return new Ack("AA", Acks.ack(header, "AA", null, detail), null);
		}
		catch (DataIntegrityViolationException | IllegalArgumentException ex) {
			// the message cannot be kept as it is: it is kept raw, as rejected, with the reason
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

	/**
	 * The order in which messages must be applied is kept per order key: the sending facility and the patient's
	 * first identifier (PID-3), or, without one, the patient's names and birth date.
	 */
	static String orderKey(AdtMessage m) {
		String facility = m.sendingFacility().isBlank() ? m.sendingApplication() : m.sendingFacility();
		String patient = m.identifiers().isEmpty()
				? "name:" + m.familyName() + "^" + m.givenName() + "^" + m.birthDate()
				: "id:" + m.identifiers().get(0).value() + "^" + m.identifiers().get(0).authority();
		String key = facility + "|" + patient;
		return key.length() <= KEY_LENGTH ? key : "sha256:" + sha256(key);
	}

	/** The feed acts as a system; over HTTP the audit trail also names the client whose token sent the message. */
	private static String actor(Channel channel) {
		org.springframework.security.core.Authentication sender = org.springframework.security.core.context.SecurityContextHolder
			.getContext()
			.getAuthentication();
		return channel == Channel.HTTP && sender != null ? "adt-feed:" + sender.getName() : "adt-feed";
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
