package org.caremap.fhir.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import ca.uhn.fhir.rest.server.IResourceProvider;
import jakarta.servlet.http.HttpServletResponse;
import org.caremap.audit.AuditEntry;
import org.caremap.audit.AuditOutcome;
import javax.sql.DataSource;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import org.caremap.audit.AuditTrail;
import org.caremap.fhir.FhirImport;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The FHIR server at {@code /fhir}, its SMART configuration, and how requests to it are authenticated: a bearer
 * token when one is sent (checked by signature, expiry and audience), no session and no CSRF token; which
 * interactions a token allows is decided per request by {@link FhirScopeCheck}, so that every refusal is an
 * {@code OperationOutcome}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
class FhirConfiguration {

	@Bean
	ServletRegistrationBean<CaremapFhirServer> fhirServlet(ObjectProvider<IResourceProvider> providers, AuditTrail audit,
			MessageSource messages, UserDetailsService people, org.caremap.identity.PatientApps patientApps, FhirImport imports, BulkExports exports, DataSource dataSource,
			OneTimeTask<Void> bulkExportTask, BundleImportJobs importJobs, OneTimeTask<Void> bundleImportTask,
			@org.springframework.beans.factory.annotation.Value("${caremap.fhir.max-bundle-entries:1000}") int maxEntries,
			ObjectProvider<org.springframework.web.servlet.LocaleResolver> languages,
			org.caremap.platform.ReplicaReads replicaReads) {
		SchedulerClient scheduler = SchedulerClient.Builder.create(dataSource, List.of(bulkExportTask, bundleImportTask)).build();
		CaremapFhirServer server = new CaremapFhirServer(providers.orderedStream().toList(),
				List.of(new TransactionProvider(imports, importJobs, scheduler, bundleImportTask),
						new BulkExportOperations(exports, scheduler, bulkExportTask)),
				List.of(new FhirScopeCheck(audit, people, patientApps), new FhirInputGuard(maxEntries), new FhirErrors(messages, languages),
						new ReadConsistency(replicaReads)));
		ServletRegistrationBean<CaremapFhirServer> registration = new ServletRegistrationBean<>(server, "/fhir/*");
		registration.setName("fhir");
		registration.setLoadOnStartup(1);
		return registration;
	}

	/**
	 * No FHIR request body may be larger than {@code caremap.fhir.max-request-bytes} (default 64 MB): 413 with an
	 * OperationOutcome, before anything is parsed. Larger loads go through the {@code fhir-import} command.
	 */
	@Bean
	org.springframework.boot.web.servlet.FilterRegistrationBean<jakarta.servlet.Filter> fhirBodyLimit(
			@org.springframework.beans.factory.annotation.Value("${caremap.fhir.max-request-bytes:67108864}") long maxBytes) {
		var registration = new org.springframework.boot.web.servlet.FilterRegistrationBean<jakarta.servlet.Filter>(
				new RequestSizeLimit(maxBytes));
		registration.addUrlPatterns("/fhir", "/fhir/*");
		registration.setOrder(org.springframework.core.Ordered.HIGHEST_PRECEDENCE + 5);
		registration.setName("fhirBodyLimit");
		return registration;
	}

	@Bean
	ServletRegistrationBean<SmartConfigurationServlet> smartConfiguration(org.caremap.identity.ApiIssuer issuer) {
		ServletRegistrationBean<SmartConfigurationServlet> registration = new ServletRegistrationBean<>(
				new SmartConfigurationServlet(issuer), "/fhir/.well-known/smart-configuration", "/.well-known/smart-configuration");
		registration.setName("smart-configuration");
		return registration;
	}

	@Bean
	@Order(2)
	SecurityFilterChain fhirChain(HttpSecurity http, JwtDecoder decoder,
			org.springframework.core.convert.converter.Converter<org.springframework.security.oauth2.jwt.Jwt, org.springframework.security.authentication.AbstractAuthenticationToken> bearerTokens, AuditTrail audit) throws Exception {
		http.securityMatcher("/fhir/**", "/fhir-bulk/**", "/fhir-import/**", "/.well-known/smart-configuration")
			.authorizeHttpRequests(auth -> auth.anyRequest().permitAll())
			.oauth2ResourceServer(rs -> rs.jwt(jwt -> jwt.decoder(decoder).jwtAuthenticationConverter(bearerTokens)).authenticationEntryPoint(refused(audit)))
			.csrf(csrf -> csrf.disable())
			.sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
		return http.build();
	}

	/** A token that was sent but is not valid: 401 with the bearer challenge and an OperationOutcome. */
	private static AuthenticationEntryPoint refused(AuditTrail audit) {
		BearerTokenAuthenticationEntryPoint bearer = new BearerTokenAuthenticationEntryPoint();
		return (request, response, exception) -> {
			audit.record(new AuditEntry("AUTHENTICATE", "Token", null, null, AuditOutcome.DENIED,
					request.getMethod() + " " + request.getRequestURI() + ": " + exception.getMessage()));
			bearer.commence(request, response, exception);
			outcome(response, "login", "The bearer token is not valid (expired, not signed by Caremap, or for another audience).");
		};
	}

	static void outcome(HttpServletResponse response, String code, String text) throws IOException {
		response.setContentType("application/fhir+json;charset=UTF-8");
		String escaped = text.replace("\\", "\\\\").replace("\"", "\\\"");
		response.getOutputStream().write(("{\"resourceType\":\"OperationOutcome\",\"issue\":[{\"severity\":\"error\",\"code\":\""
				+ code + "\",\"diagnostics\":\"" + escaped + "\"}]}").getBytes(StandardCharsets.UTF_8));
	}
}
