package org.caremap.fhir.internal;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.server.exceptions.AuthenticationException;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;
import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import org.caremap.fhir.SmartScopes;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.StringType;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * FHIR Bulk Data {@code $export} (Bulk Data Access 2.0) at system, Patient and Group level: asynchronous only
 * ({@code Prefer: respond-async}); answers 202 with the status URL in {@code Content-Location}. The client's
 * token must allow reading every type it asks for; the export then sees what that client may see.
 */
class BulkExportOperations {

	private static final List<String> FORMATS = List.of("application/fhir+ndjson", "application/ndjson", "ndjson");

	private final BulkExports exports;
	private final SchedulerClient scheduler;
	private final OneTimeTask<Void> task;

	BulkExportOperations(BulkExports exports, SchedulerClient scheduler, OneTimeTask<Void> task) {
		this.exports = exports;
		this.scheduler = scheduler;
		this.task = task;
	}

	@Operation(name = "$export", idempotent = true, manualResponse = true)
	public void system(@OperationParam(name = "_outputFormat") @Nullable StringType format,
			@OperationParam(name = "_type") @Nullable StringType types, @OperationParam(name = "_since") @Nullable InstantType since,
			ServletRequestDetails request) throws IOException {
		List<String> all = new ArrayList<>(BulkExports.PATIENT_TYPES);
		all.addAll(BulkExports.SYSTEM_TYPES);
		kickOff(request, "SYSTEM", null, format, types, since, all);
	}

	@Operation(name = "$export", typeName = "Patient", idempotent = true, manualResponse = true)
	public void patients(@OperationParam(name = "_outputFormat") @Nullable StringType format,
			@OperationParam(name = "_type") @Nullable StringType types, @OperationParam(name = "_since") @Nullable InstantType since,
			ServletRequestDetails request) throws IOException {
		kickOff(request, "PATIENT", null, format, types, since, BulkExports.PATIENT_TYPES);
	}

	@Operation(name = "$export", typeName = "Group", idempotent = true, manualResponse = true)
	public void group(@IdParam IdType group, @OperationParam(name = "_outputFormat") @Nullable StringType format,
			@OperationParam(name = "_type") @Nullable StringType types, @OperationParam(name = "_since") @Nullable InstantType since,
			ServletRequestDetails request) throws IOException {
		try {
			UUID.fromString(group.getIdPart());
		}
		catch (IllegalArgumentException | NullPointerException ex) {
			throw new InvalidRequestException("Group/" + group.getIdPart() + " is not a Caremap group (a program's id)");
		}
		kickOff(request, "GROUP", group.getIdPart(), format, types, since, BulkExports.PATIENT_TYPES);
	}

	private void kickOff(ServletRequestDetails request, String level, @Nullable String group, @Nullable StringType format,
			@Nullable StringType typeParam, @Nullable InstantType since, List<String> allowed) throws IOException {
		Authentication auth = SecurityContextHolder.getContext().getAuthentication();
		if (!(auth instanceof JwtAuthenticationToken token)) {
			throw new AuthenticationException("A bearer token is required: obtain one from the token endpoint.");
		}
		for (String name : request.getParameters().keySet()) {
			if (!List.of("_outputFormat", "_type", "_since").contains(name)) {
				// a filter Caremap would ignore must not export more than the client asked for
				throw new InvalidRequestException(name + " is not supported by $export here; it takes _outputFormat, _type and _since");
			}
		}
		String prefer = request.getHeader("Prefer");
		if (prefer == null || !prefer.contains("respond-async")) {
			throw new InvalidRequestException("$export runs asynchronously only: send the header Prefer: respond-async");
		}
		if (format != null && !format.isEmpty() && !FORMATS.contains(format.getValue())) {
			throw new InvalidRequestException("_outputFormat must be application/fhir+ndjson");
		}
		List<String> types = new ArrayList<>(allowed);
		if (typeParam != null && !typeParam.isEmpty()) {
			types = new ArrayList<>();
			for (String type : typeParam.getValue().split(",")) {
				String t = type.trim();
				if (!allowed.contains(t)) throw new InvalidRequestException("_type " + t + " is not exported at this level; one of " + allowed);
				if (!types.contains(t)) types.add(t);
			}
		}
		List<String> scopes = FhirScopeCheck.scopes(token);
		String context = SmartScopes.hasContext(scopes, "system") ? "system" : "user";
		List<String> refused = types.stream().filter(t -> !SmartScopes.permits(scopes, context, t, SmartScopes.Interaction.SEARCH)).toList();
		if (!refused.isEmpty()) {
			throw new ForbiddenOperationException("The token's scopes do not permit reading " + String.join(", ", refused)
					+ "; ask for fewer types with _type.");
		}
		String url = request.getCompleteUrl();
		UUID job = exports.create(token.getName(), String.join(" ", scopes), level, group, types,
				since == null || since.isEmpty() ? null : since.getValue().toInstant(), url);
		scheduler.scheduleIfNotExists(task.instance(job.toString()), Instant.now());
		var response = request.getServletResponse();
		response.setStatus(202);
		response.setHeader("Content-Location", request.getFhirServerBase().replaceAll("/fhir$", "") + "/fhir-bulk/" + job);
		response.setContentType("application/fhir+json");
		response.getWriter().write("{\"resourceType\":\"OperationOutcome\",\"issue\":[{\"severity\":\"information\","
				+ "\"code\":\"informational\",\"diagnostics\":\"Export accepted; poll the Content-Location URL for its status.\"}]}");
		response.getWriter().flush();
	}
}
