package org.caremap.fhir.internal;

import java.util.Arrays;
import java.util.List;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.AuthenticationException;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import org.caremap.audit.AuditEntry;
import org.caremap.audit.AuditOutcome;
import org.caremap.audit.AuditTrail;
import org.caremap.fhir.SmartScopes;
import org.caremap.fhir.SmartScopes.Interaction;
import org.jspecify.annotations.Nullable;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * Every FHIR interaction but the capability statement needs a bearer token whose SMART scopes permit it on that
 * resource type. A system token ({@code system/...}, a backend service) then acts as {@code system:api:<client>}:
 * it reaches every patient of the organisation, and the audit trail names the client. A user token
 * ({@code user/...}, an app a person signed in to) acts as that person, with their roles and care relationships.
 * Refusals are audited.
 */
@Interceptor
class FhirScopeCheck {

	/**
	 * The resource types a patient token may read: the patient's own record (each provider limits reads and searches
	 * to the patient through the one access check) and the shared directories it refers to. Everything else (audit
	 * events, caseload groups, consents and claims kept for staff, bulk export, imports) is refused.
	 */
	static final java.util.Set<String> PATIENT_TYPES = java.util.Set.of("Patient", "AllergyIntolerance", "Appointment",
			"CarePlan", "CareTeam", "Communication", "Condition", "Coverage", "Encounter", "EpisodeOfCare", "Goal",
			"MedicationDispense", "MedicationRequest", "MedicationStatement", "Observation", "QuestionnaireResponse",
			"ServiceRequest", "Task", "Questionnaire", "Practitioner", "Organization", "Location", "HealthcareService");

	private final AuditTrail audit;
	private final UserDetailsService people;
	private final org.caremap.identity.PatientApps patientApps;

	FhirScopeCheck(AuditTrail audit, UserDetailsService people, org.caremap.identity.PatientApps patientApps) {
		this.audit = audit;
		this.people = people;
		this.patientApps = patientApps;
	}

	@Hook(Pointcut.SERVER_INCOMING_REQUEST_PRE_HANDLED)
	public void check(RequestDetails request, RestOperationTypeEnum operation) {
		if (operation == RestOperationTypeEnum.METADATA) return;
		if ((operation == RestOperationTypeEnum.CREATE || operation == RestOperationTypeEnum.UPDATE
				|| operation == RestOperationTypeEnum.TRANSACTION) && request.loadRequestContents().length == 0) {
			throw new ca.uhn.fhir.rest.server.exceptions.InvalidRequestException("The request has no body: send the resource as FHIR JSON.");
		}
		Authentication auth = SecurityContextHolder.getContext().getAuthentication();
		if (!(auth instanceof JwtAuthenticationToken token)) {
			throw new AuthenticationException("A bearer token is required: obtain one from the token endpoint.")
				.addAuthenticateHeaderForRealm("Caremap");
		}
		List<String> scopes = scopes(token);
		if (operation == RestOperationTypeEnum.SEARCH_TYPE) refuseUnsupportedParameters(request);
		String type = request.getResourceName() == null ? "*" : request.getResourceName();
		if (operation == RestOperationTypeEnum.TRANSACTION || operation == RestOperationTypeEnum.BATCH) type = "*";
		Interaction interaction = interaction(operation);
		if (SmartScopes.hasContext(scopes, "patient")) {
			patientToken(request, operation, token, scopes, type, interaction);
			return;
		}
		if ("$export".equals(request.getOperation())) return; // each type asked for is checked by the operation
		String included = includedTypeNotPermitted(request, scopes, SmartScopes.hasContext(scopes, "system") ? "system" : "user");
		if (included != null) {
			audit.record(new AuditEntry("ACCESS", included, null, null, AuditOutcome.DENIED,
					"_include of " + included + " not permitted by scopes " + String.join(" ", scopes)));
			throw new ForbiddenOperationException("The token's scopes (" + String.join(" ", scopes) + ") do not permit reading "
					+ included + ", which _include asks for.");
		}
		if (interaction != null && SmartScopes.permits(scopes, "system", type, interaction)) {
			SecurityContext context = SecurityContextHolder.createEmptyContext();
			context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated("system:api:" + token.getName(), null,
					List.of(new SimpleGrantedAuthority("ROLE_SYSTEM"))));
			SecurityContextHolder.setContext(context);
			return;
		}
		if (interaction != null && SmartScopes.permits(scopes, "user", type, interaction)) {
			// an app acting for the person who signed in: exactly what that person may see and do, checked afresh
			UserDetails person;
			try {
				person = people.loadUserByUsername(token.getName());
			}
			catch (UsernameNotFoundException gone) {
				throw new AuthenticationException("The person this token was issued to no longer has an account.");
			}
			if (!person.isEnabled() || !person.isAccountNonLocked()) {
				throw new AuthenticationException("The account of the person this token was issued to is disabled or locked.");
			}
			SecurityContext context = SecurityContextHolder.createEmptyContext();
			context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(person, null, person.getAuthorities()));
			SecurityContextHolder.setContext(context);
			return;
		}
		audit.record(new AuditEntry("ACCESS", type, request.getId() == null ? null : request.getId().getIdPart(), null,
				AuditOutcome.DENIED, operation.getCode() + " not permitted by scopes " + String.join(" ", scopes)));
		throw new ForbiddenOperationException("The token's scopes (" + String.join(" ", scopes) + ") do not permit "
				+ operation.getCode() + " on " + type + ".");
	}

	/**
	 * A SMART patient app's token: it reads (never writes) the resource types a patient may see, and acts as the
	 * patient's portal principal, checked afresh (the approval still in force, the account active, the same
	 * patient), so that the one access check limits every read and search to that patient.
	 */
	private void patientToken(RequestDetails request, RestOperationTypeEnum operation, JwtAuthenticationToken token,
			List<String> scopes, String type, @Nullable Interaction interaction) {
		String clientId = token.getToken().getClaimAsString("client_id");
		org.caremap.identity.PortalPrincipal patient = clientId == null ? null
				: patientApps.tokenPrincipal(token.getName(), clientId, token.getToken().getClaimAsString("patient")).orElse(null);
		if (patient == null) {
			audit.record(token.getName(), new AuditEntry("AUTHENTICATE", "Token", null, null, AuditOutcome.DENIED,
					"patient token no longer valid: approval taken back or ended, or account inactive"));
			throw new AuthenticationException("The patient's approval of this app was taken back or has ended, or the "
					+ "portal account is no longer active: ask the patient to connect the app again.")
				.addAuthenticateHeaderForRealm("Caremap");
		}
		SecurityContext context = SecurityContextHolder.createEmptyContext();
		context.setAuthentication(new org.caremap.identity.PortalAuthentication(patient));
		SecurityContextHolder.setContext(context);
		String refusal = null;
		if ("$export".equals(request.getOperation()) || operation == RestOperationTypeEnum.TRANSACTION
				|| operation == RestOperationTypeEnum.BATCH) {
			refusal = "a patient app may not import or export in bulk";
		}
		else if (interaction == null || !PATIENT_TYPES.contains(type)) {
			refusal = "a patient app may not reach " + type;
		}
		else if (!SmartScopes.permits(scopes, "patient", type, interaction)) {
			refusal = "the token's scopes (" + String.join(" ", scopes) + ") do not permit " + operation.getCode() + " on " + type;
		}
		else {
			String included = includedTypeNotPermitted(request, scopes, "patient");
			if (included == null) included = includedNotForPatients(request);
			if (included != null) refusal = "_include of " + included + " is not permitted";
		}
		if (refusal == null) return;
		audit.record(new AuditEntry("ACCESS", type, request.getId() == null ? null : request.getId().getIdPart(),
				patient.patient(), AuditOutcome.DENIED, refusal));
		throw new ForbiddenOperationException("Refused: " + refusal + ".");
	}

	/** An {@code _include} that would return a type a patient app may not reach, if any. */
	private static @Nullable String includedNotForPatients(RequestDetails request) {
		String[] includes = request.getParameters().get("_include");
		if (includes == null) return null;
		for (String include : includes) {
			String[] parts = include.split(":");
			if (parts.length < 2) continue;
			try {
				ca.uhn.fhir.context.RuntimeSearchParam param = request.getFhirContext().getResourceDefinition(parts[0]).getSearchParam(parts[1]);
				if (param == null) continue;
				if (param.getTargets().isEmpty()) return "*";
				for (String target : param.getTargets()) {
					if (parts.length > 2 && !parts[2].equals(target)) continue;
					if (!PATIENT_TYPES.contains(target)) return target;
				}
			}
			catch (ca.uhn.fhir.parser.DataFormatException unknown) {
				// HAPI refuses it as a bad request
			}
		}
		return null;
	}

	/** Parameters every search takes, handled by HAPI or by the paging of every provider. */
	private static final java.util.Set<String> CONTROL = java.util.Set.of("_count", "_offset", "_include", "_format",
			"_pretty", "_summary", "_elements");

	/**
	 * HAPI lets a parameter a search does not declare through, where it would be ignored: a client filtering by it
	 * (or by {@code _has}, or polling with {@code _lastUpdated}) would silently get everything. Such a search is
	 * refused instead, naming the parameters it does take.
	 */
	private static void refuseUnsupportedParameters(RequestDetails request) {
		if (!(request.getServer() instanceof ca.uhn.fhir.rest.server.RestfulServer server)) return;
		java.util.Set<String> declared = new java.util.TreeSet<>();
		for (ca.uhn.fhir.rest.server.ResourceBinding binding : server.getResourceBindings()) {
			if (!binding.getResourceName().equals(request.getResourceName())) continue;
			for (ca.uhn.fhir.rest.server.method.BaseMethodBinding method : binding.getMethodBindings()) {
				if (!(method instanceof ca.uhn.fhir.rest.server.method.SearchMethodBinding)) continue;
				for (ca.uhn.fhir.rest.server.method.IParameter parameter : method.getParameters()) {
					if (parameter instanceof ca.uhn.fhir.rest.server.method.SearchParameter search) declared.add(search.getName());
				}
			}
		}
		for (String name : request.getParameters().keySet()) {
			String base = name.contains(":") ? name.substring(0, name.indexOf(':')) : name;
			if (CONTROL.contains(base) || declared.contains(base)) continue;
			throw new ca.uhn.fhir.rest.server.exceptions.InvalidRequestException(name + " is not supported for "
					+ request.getResourceName() + " searches" + (base.equals("_lastUpdated") ? "" : "; they take " + declared));
		}
	}

	/** The first resource type an {@code _include} would return that the scopes do not let the client read, if any. */
	private static @Nullable String includedTypeNotPermitted(RequestDetails request, List<String> scopes, String context) {
		String[] includes = request.getParameters().get("_include");
		if (includes == null) return null;
		for (String include : includes) {
			String[] parts = include.split(":");
			if (parts.length < 2) continue; // HAPI refuses it as a bad request
			ca.uhn.fhir.context.RuntimeResourceDefinition definition;
			try {
				definition = request.getFhirContext().getResourceDefinition(parts[0]);
			}
			catch (ca.uhn.fhir.parser.DataFormatException unknown) {
				continue;
			}
			ca.uhn.fhir.context.RuntimeSearchParam param = definition.getSearchParam(parts[1]);
			if (param == null) continue;
			java.util.Set<String> targets = param.getTargets().isEmpty() ? java.util.Set.of("*") : param.getTargets();
			for (String target : targets) {
				if (parts.length > 2 && !parts[2].equals(target)) continue;
				if (!SmartScopes.permits(scopes, context, target, Interaction.READ)) return target;
			}
		}
		return null;
	}

	static List<String> scopes(JwtAuthenticationToken token) {
		Object claim = token.getToken().getClaims().get("scope");
		if (claim instanceof String s) return Arrays.asList(s.split(" "));
		if (claim instanceof java.util.Collection<?> c) return c.stream().map(String::valueOf).toList();
		return List.of();
	}

	private static @Nullable Interaction interaction(RestOperationTypeEnum operation) {
		switch (operation) {
			case READ:
			case VREAD:
			case HISTORY_INSTANCE:
				return Interaction.READ;
			case SEARCH_TYPE:
			case SEARCH_SYSTEM:
			case HISTORY_TYPE:
				return Interaction.SEARCH;
			case CREATE:
				return Interaction.CREATE;
			case UPDATE:
			case PATCH:
				return Interaction.UPDATE;
			case DELETE:
				return Interaction.DELETE;
			case TRANSACTION:
			case BATCH:
				// an import creates and updates resources of many types: it needs create on all of them
				return Interaction.CREATE;
			default:
				return null;
		}
	}
}
