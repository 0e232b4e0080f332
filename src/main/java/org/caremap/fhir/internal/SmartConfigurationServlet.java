package org.caremap.fhir.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * {@code /fhir/.well-known/smart-configuration} (SMART App Launch 2.2): where to get tokens, which grants,
 * client authentication methods and scopes Caremap supports.
 */
class SmartConfigurationServlet extends HttpServlet {

	private static final long serialVersionUID = 1L;

	private final transient org.caremap.identity.ApiIssuer issuer;

	SmartConfigurationServlet(org.caremap.identity.ApiIssuer issuer) {
		this.issuer = issuer;
	}

	@Override
	protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
		// the one issuer, never the Host or forwarded headers of the request
		String base = issuer.url();
		String json = """
				{"issuer":"%1$s","jwks_uri":"%1$s/oauth2/jwks","token_endpoint":"%1$s/oauth2/token",\
				"authorization_endpoint":"%1$s/oauth2/authorize",\
				"grant_types_supported":["authorization_code","client_credentials","refresh_token"],\
				"token_endpoint_auth_methods_supported":["client_secret_basic","client_secret_post","none"],\
				"scopes_supported":["system/*.rs","system/*.cruds","system/Patient.rs","user/*.rs","user/*.cruds",\
				"patient/*.rs","patient/Patient.rs","patient/CarePlan.rs","patient/Goal.rs","patient/Appointment.rs",\
				"patient/MedicationStatement.rs","patient/Condition.rs","patient/Observation.rs","launch/patient","offline_access"],\
				"response_types_supported":["code"],\
				"capabilities":["launch-standalone","context-standalone-patient","client-public","client-confidential-symmetric",\
				"permission-patient","permission-user","permission-offline","permission-v2"],\
				"code_challenge_methods_supported":["S256"]}""".formatted(base);
		response.setContentType("application/json");
		response.setHeader("Cache-Control", "max-age=3600");
		response.getOutputStream().write(json.getBytes(StandardCharsets.UTF_8));
	}
}
