package org.caremap.audit.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HexFormat;

import org.jspecify.annotations.Nullable;

/**
 * The chain's hash: SHA-256 over the previous link's hash, the link's position and every field of the event, each
 * field written as {@code length:value} so that no two different events share a canonical form.
 */
final class AuditHash {

	static final String GENESIS = "0".repeat(64);

	private AuditHash() {
	}

	/** An event as stored, read back for hashing. */
	record StoredEvent(long id, Instant occurredAt, String actor, @Nullable String actorRoles, String action,
			String resourceType, @Nullable String resourceId, @Nullable String patientId, String outcome,
			@Nullable String sourceIp, @Nullable String node, @Nullable String detail) {

		static StoredEvent from(ResultSet rs) throws SQLException {
			Object patient = rs.getObject("patient_id");
			return new StoredEvent(rs.getLong("id"), rs.getObject("occurred_at", OffsetDateTime.class).toInstant(),
					rs.getString("actor"), rs.getString("actor_roles"), rs.getString("action"),
					rs.getString("resource_type"), rs.getString("resource_id"),
					patient == null ? null : patient.toString(), rs.getString("outcome"), rs.getString("source_ip"),
					rs.getString("node"), rs.getString("detail"));
		}
	}

	static String link(String previousHash, long seq, StoredEvent e) {
		StringBuilder canonical = new StringBuilder(256).append(previousHash).append('\n');
		field(canonical, Long.toString(seq));
		field(canonical, Long.toString(e.id()));
		field(canonical, Long.toString(e.occurredAt().getEpochSecond() * 1_000_000L + e.occurredAt().getNano() / 1_000));
		field(canonical, e.actor());
		field(canonical, e.actorRoles());
		field(canonical, e.action());
		field(canonical, e.resourceType());
		field(canonical, e.resourceId());
		field(canonical, e.patientId());
		field(canonical, e.outcome());
		field(canonical, e.sourceIp());
		field(canonical, e.node());
		field(canonical, e.detail());
		return sha256(canonical.toString());
	}

	private static void field(StringBuilder out, @Nullable String value) {
		if (value == null) {
			out.append("-1:;");
		}
		else {
			out.append(value.length()).append(':').append(value).append(';');
		}
	}

	private static String sha256(String text) {
		try {
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is not available", ex);
		}
	}
}
