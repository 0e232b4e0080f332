package org.caremap.identity.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.caremap.audit.AuditEntry;
import org.caremap.audit.AuditOutcome;
import org.caremap.audit.AuditTrail;
import org.caremap.identity.PatientApps;
import org.caremap.identity.PortalPrincipal;
import org.caremap.identity.PortalSubjects;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Patients' approvals of SMART patient apps ({@code oauth_patient_grant}, next to the authorization server's own
 * consent and authorization rows, which a revocation removes so that no refresh token works afterwards).
 */
@Service
class JdbcPatientApps implements PatientApps {

	private final JdbcClient jdbc;
	private final AuditTrail audit;
	private final OAuthProperties properties;
	private final ObjectProvider<PortalSubjects> subjects;

	JdbcPatientApps(JdbcClient jdbc, AuditTrail audit, OAuthProperties properties, ObjectProvider<PortalSubjects> subjects) {
		this.jdbc = jdbc;
		this.audit = audit;
		this.properties = properties;
		this.subjects = subjects;
	}

	/** The principal name a portal account's approvals and authorizations are kept under. */
	static String principalName(PortalPrincipal principal) {
		return principal.auditName();
	}

	private static PortalPrincipal patient() {
		PortalPrincipal principal = PortalPrincipal.get()
			.orElseThrow(() -> new AccessDeniedException("only a patient signed in to the portal manages their apps"));
		if (principal.proxy()) throw new AccessDeniedException("only the patient themselves approves apps");
		return principal;
	}

	private static List<String> scopes(@Nullable String text) {
		if (text == null) return List.of();
		List<String> out = new ArrayList<>(Arrays.asList(text.split("[, ]")));
		out.removeIf(String::isBlank);
		return out;
	}

	@Override
	@Transactional(readOnly = true)
	public Optional<PatientApp> describe(String clientId) {
		return jdbc.sql("""
				select c.client_id, c.client_name, r.description, c.scopes
				  from oauth2_registered_client c join oauth_client_record r on r.registered_client_id = c.id
				 where c.client_id = ? and r.revoked_at is null""")
			.param(clientId)
			.query((rs, n) -> new PatientApp(rs.getString(1), rs.getString(2), rs.getString(3), scopes(rs.getString(4))))
			.optional()
			.filter(app -> app.scopes().contains("launch/patient"));
	}

	@Override
	@Transactional(readOnly = true)
	public List<ApprovedApp> approved() {
		return jdbc.sql("""
				select c.client_id, c.client_name, r.description, g.scopes, g.authorized_at, g.expires_at, g.last_used_at
				  from oauth_patient_grant g
				  join oauth2_registered_client c on c.id = g.registered_client_id
				  join oauth_client_record r on r.registered_client_id = c.id
				 where g.principal_name = ? and g.revoked_at is null and g.expires_at > now() and r.revoked_at is null
				 order by g.authorized_at desc, c.client_name""")
			.param(principalName(patient()))
			.query(JdbcPatientApps::approvedRow)
			.list();
	}

	private static ApprovedApp approvedRow(ResultSet rs, int n) throws SQLException {
		Timestamp used = rs.getTimestamp("last_used_at");
		return new ApprovedApp(rs.getString("client_id"), rs.getString("client_name"), rs.getString("description"),
				scopes(rs.getString("scopes")), rs.getTimestamp("authorized_at").toInstant(),
				rs.getTimestamp("expires_at").toInstant(), used == null ? null : used.toInstant());
	}

	@Override
	@Transactional
	public void revoke(String clientId) {
		String principal = principalName(patient());
		String registered = jdbc.sql("select id from oauth2_registered_client where client_id = ?")
			.param(clientId).query(String.class).optional().orElse(null);
		if (registered == null) return;
		int taken = jdbc.sql("""
				update oauth_patient_grant set revoked_at = now()
				 where principal_name = ? and registered_client_id = ? and revoked_at is null""")
			.params(principal, registered).update();
		// no code, access or refresh token of this app for this patient works any more
		jdbc.sql("delete from oauth2_authorization where registered_client_id = ? and principal_name = ?")
			.params(registered, principal).update();
		jdbc.sql("delete from oauth2_authorization_consent where registered_client_id = ? and principal_name = ?")
			.params(registered, principal).update();
		if (taken > 0) {
			audit.record(new AuditEntry("UPDATE", "ApiClient", clientId, PortalPrincipal.get().orElseThrow().patient(),
					AuditOutcome.SUCCESS, "patient took back their approval of the app"));
		}
	}

	@Override
	public Duration approvalLifetime() {
		return properties.patientAppApproval();
	}

	@Override
	@Transactional
	public Optional<PortalPrincipal> tokenPrincipal(String subject, String clientId, @Nullable String patient) {
		UUID account = account(subject);
		if (account == null || patient == null) return Optional.empty();
		String registered = jdbc.sql("select id from oauth2_registered_client where client_id = ?")
			.param(clientId).query(String.class).optional().orElse(null);
		if (registered == null) return Optional.empty();
		boolean inForce = jdbc.sql("""
				select exists (select 1 from oauth_patient_grant
				               where principal_name = ? and registered_client_id = ? and revoked_at is null and expires_at > now())""")
			.params(subject, registered).query(Boolean.class).single();
		if (!inForce) return Optional.empty();
		Optional<PortalPrincipal> principal = active(account)
			.filter(p -> !p.proxy() && p.patient().toString().equals(patient));
		if (principal.isPresent()) {
			// when the app was last used, at most once a minute
			jdbc.sql("""
					update oauth_patient_grant set last_used_at = now()
					 where principal_name = ? and registered_client_id = ?
					   and (last_used_at is null or last_used_at < now() - interval '1 minute')""")
				.params(subject, registered).update();
		}
		return principal;
	}

	/** The active portal account's principal now, as the portal module knows it. */
	Optional<PortalPrincipal> active(UUID account) {
		for (PortalSubjects s : subjects) {
			Optional<PortalPrincipal> found = s.active(account);
			if (found.isPresent()) return found;
		}
		return Optional.empty();
	}

	/** The portal account a principal name ({@code portal:<uuid>}) names, or null. */
	static @Nullable UUID account(@Nullable String subject) {
		if (subject == null || !subject.startsWith("portal:")) return null;
		try {
			return UUID.fromString(subject.substring("portal:".length()));
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	/** Records (or renews) a patient's approval of an app, when the authorization server saves their consent. */
	@Transactional
	void approved(String principal, String registeredClientId, String clientId, List<String> scopes) {
		jdbc.sql("""
				insert into oauth_patient_grant (principal_name, registered_client_id, scopes, authorized_at, expires_at)
				values (:principal, :client, :scopes, now(), now() + make_interval(secs => :seconds))
				on conflict (principal_name, registered_client_id) do update
				   set scopes = excluded.scopes, authorized_at = now(), expires_at = excluded.expires_at,
				       revoked_at = null, last_used_at = null""")
			.param("principal", principal)
			.param("client", registeredClientId)
			.param("scopes", String.join(" ", scopes))
			.param("seconds", (double) properties.patientAppApproval().toSeconds())
			.update();
		UUID account = account(principal);
		audit.record(new AuditEntry("CREATE", "ApiClient", clientId,
				account == null ? null : active(account).map(PortalPrincipal::patient).orElse(null), AuditOutcome.SUCCESS,
				"patient approved the app: " + String.join(" ", scopes)));
	}

	/** Whether this principal's approval of this app is in force (not taken back, not expired). */
	@Transactional(readOnly = true)
	boolean inForce(String principal, String registeredClientId) {
		return jdbc.sql("""
				select exists (select 1 from oauth_patient_grant
				               where principal_name = ? and registered_client_id = ? and revoked_at is null and expires_at > now())""")
			.params(principal, registeredClientId).query(Boolean.class).single();
	}
}
