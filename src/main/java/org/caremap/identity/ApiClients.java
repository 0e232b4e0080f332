package org.caremap.identity;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * The systems allowed to call Caremap's API (interface engines sending ADT, EHRs, analytics): each gets a client id
 * and a secret to obtain bearer tokens from the token endpoint with the client-credentials grant, limited to the
 * scopes an administrator chose. Secrets are stored hashed and shown once. Needs the ADMIN role; every change is
 * audited.
 */
public interface ApiClients {

	/** The scopes a client may be given, in the order shown to administrators. */
	List<String> SCOPES = List.of("adt.write", "system/*.rs", "system/*.cruds", "system/Patient.rs", "user/*.rs",
			"user/*.cruds", "patient/*.rs", "patient/Patient.rs", "patient/CarePlan.rs", "patient/Goal.rs",
			"patient/Appointment.rs", "patient/MedicationStatement.rs", "patient/Condition.rs", "patient/Observation.rs");

	/**
	 * What every patient app is registered with besides the {@code patient/} scopes it reads: the patient's context
	 * at launch ({@code launch/patient}, answered by the {@code patient} token response parameter) and leave to ask
	 * for a refresh token ({@code offline_access}; only a confidential app gets one).
	 */
	List<String> PATIENT_APP_SCOPES = List.of("launch/patient", "offline_access");

	/**
	 * A system (client-credentials grant, no redirect URI, {@code system/} and {@code adt.} scopes) or an app that
	 * people sign in to (authorization-code grant with PKCE, its redirect URI, {@code user/} scopes: it reaches only
	 * the patients the signed-in person may).
	 */
	record NewApiClient(String name, String description, Set<String> scopes, @Nullable String redirectUri,
			boolean confidential) {

		public NewApiClient(String name, String description, Set<String> scopes, @Nullable String redirectUri) {
			this(name, description, scopes, redirectUri, false);
		}

		public NewApiClient(String name, String description, Set<String> scopes) {
			this(name, description, scopes, null);
		}

		public boolean app() {
			return redirectUri != null && !redirectUri.isBlank();
		}

		/**
		 * A patient app ({@code patient/} scopes): a patient signs in through the portal and approves it; it reads
		 * only that patient's record. A confidential one (a server that keeps a secret) also gets refresh tokens.
		 */
		public boolean patientApp() {
			return app() && scopes != null && scopes.stream().anyMatch(s -> s.startsWith("patient/"));
		}
	}

	record ApiClientView(String clientId, String name, String description, List<String> scopes, Instant createdAt,
			@Nullable Instant revokedAt, @Nullable Instant lastTokenAt, @Nullable String redirectUri, boolean hasSecret) {

		public boolean app() {
			return redirectUri != null;
		}

		public boolean patientApp() {
			return scopes.contains("launch/patient");
		}

		public boolean revoked() {
			return revokedAt != null;
		}
	}

	/** A client id with its secret, as given to the system's administrator once. */
	record Credentials(String clientId, String secret) {
	}

	List<ApiClientView> list();

	java.util.Optional<ApiClientView> find(String clientId);

	Credentials register(NewApiClient client);

	/** A new secret; the old one stops working at once. */
	Credentials rotateSecret(String clientId);

	/** The client can obtain no more tokens; tokens already issued end with their short lifetime. */
	void revoke(String clientId);

	/** Whether a client with this id is registered and not revoked (for work that outlives a request). */
	boolean usable(String clientId);
}
