package org.caremap.identity.internal;

import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsent;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsentService;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;

/**
 * The authorization server's consents, with a patient's approval of a SMART patient app kept for a limited time:
 * saving a patient's consent records the approval ({@link JdbcPatientApps}); a consent whose approval was taken back
 * or has expired is not found, so the patient is asked again.
 */
final class PatientGrantConsents implements OAuth2AuthorizationConsentService {

	private final OAuth2AuthorizationConsentService stored;
	private final RegisteredClientRepository clients;
	private final JdbcPatientApps apps;

	PatientGrantConsents(OAuth2AuthorizationConsentService stored, RegisteredClientRepository clients, JdbcPatientApps apps) {
		this.stored = stored;
		this.clients = clients;
		this.apps = apps;
	}

	@Override
	public void save(OAuth2AuthorizationConsent consent) {
		// only the patient connects apps: a proxy's approval is refused before anything is kept
		if (org.caremap.identity.PortalPrincipal.get().map(org.caremap.identity.PortalPrincipal::proxy).orElse(false)) {
			throw new org.springframework.security.access.AccessDeniedException("only the patient connects apps to the record");
		}
		stored.save(consent);
		if (JdbcPatientApps.account(consent.getPrincipalName()) == null) return;
		RegisteredClient client = clients.findById(consent.getRegisteredClientId());
		if (client == null) return;
		apps.approved(consent.getPrincipalName(), client.getId(), client.getClientId(),
				List.copyOf(new java.util.TreeSet<>(consent.getScopes())));
	}

	@Override
	public void remove(OAuth2AuthorizationConsent consent) {
		stored.remove(consent);
	}

	@Override
	public @Nullable OAuth2AuthorizationConsent findById(String registeredClientId, String principalName) {
		OAuth2AuthorizationConsent consent = stored.findById(registeredClientId, principalName);
		if (consent == null || JdbcPatientApps.account(principalName) == null) return consent;
		return apps.inForce(principalName, registeredClientId) ? consent : null;
	}
}
