package org.caremap.fhir.internal;

import java.time.Instant;
import java.util.UUID;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.annotation.Transaction;
import ca.uhn.fhir.rest.annotation.TransactionParam;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import org.caremap.fhir.FhirImport;
import org.caremap.fhir.ImportOutcome;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * {@code POST /fhir} with a transaction or batch bundle: onboarding from an EHR. Each entry's response says whether
 * Caremap created it, already held it (200, with where), does not keep that kind of resource (200 with an
 * informational OperationOutcome) or, in a batch, refused it (400/403 with the reason). With
 * {@code Prefer: respond-async} (FHIR's asynchronous request pattern) the bundle becomes a background job instead:
 * 202 with the job's status URL in {@code Content-Location} (see {@link BundleImportController}).
 */
class TransactionProvider {

	private final FhirImport imports;
	private final BundleImportJobs jobs;
	private final SchedulerClient scheduler;
	private final OneTimeTask<Void> task;

	TransactionProvider(FhirImport imports, BundleImportJobs jobs, SchedulerClient scheduler, OneTimeTask<Void> task) {
		this.imports = imports;
		this.jobs = jobs;
		this.scheduler = scheduler;
		this.task = task;
	}

	/** Whether the client asked for the asynchronous request pattern. */
	static boolean wantsAsync(RequestDetails request) {
		String prefer = request.getHeader("Prefer");
		return prefer != null && prefer.contains("respond-async");
	}

	@Transaction
	public Bundle transaction(@TransactionParam Bundle bundle, RequestDetails request) {
		// onboarding is a system's work: an app acting for a person creates records one at a time, with the answers
		// its person may see (a bundle's "found" or "not permitted" would tell them of patients outside their care)
		Authentication auth = SecurityContextHolder.getContext().getAuthentication();
		if (auth == null || !auth.getName().startsWith("system:api:")) {
			throw new ForbiddenOperationException("Bundles are imported by system clients (a token with system/*.cruds); "
					+ "an app acting for a person creates records one at a time.");
		}
		if (wantsAsync(request)) throw queue(bundle, request);
		return response(bundle.getType(), imports.importBundle(bundle).entries());
	}

	/** The job is stored and scheduled; HAPI answers with this "exception": 202 and where to poll. */
	private Accepted queue(Bundle bundle, RequestDetails request) {
		Authentication auth = SecurityContextHolder.getContext().getAuthentication();
		String name = auth == null ? "" : auth.getName();
		String requestedBy;
		String actsAs;
		if (name.startsWith("system:api:")) {
			requestedBy = name.substring("system:api:".length());
			actsAs = "SYSTEM";
		}
		else if (auth != null && auth.getPrincipal() instanceof org.caremap.identity.CurrentUser person) {
			requestedBy = person.getUsername();
			actsAs = "PERSON";
		}
		else {
			throw new ForbiddenOperationException("Only API clients and people signed in through an app can import.");
		}
		if (jobs.unfinished(requestedBy) >= MAX_UNFINISHED) {
			throw new TooMany("This client has " + MAX_UNFINISHED + " imports queued or running; wait for one to end "
					+ "(poll its status URL) before sending another.");
		}
		String json = FhirContext.forR4Cached().newJsonParser().encodeResourceToString(bundle);
		UUID job = jobs.create(requestedBy, actsAs, bundle.getType().toCode(), json,
				(int) bundle.getEntry().stream().filter(e -> e.getResource() != null).count());
		scheduler.scheduleIfNotExists(task.instance(job.toString()), Instant.now());
		String location = request.getFhirServerBase().replaceAll("/fhir$", "") + "/fhir-import/" + job;
		Accepted accepted = new Accepted("Import accepted as a background job; poll the Content-Location URL for its progress and results.");
		accepted.addResponseHeader("Content-Location", location);
		return accepted;
	}

	/** A batch-response or transaction-response: one entry per entry sent, in the bundle's order. */
	static Bundle response(Bundle.BundleType type, java.util.List<FhirImport.Entry> entries) {
		Bundle response = new Bundle();
		response.setType(type == Bundle.BundleType.BATCH ? Bundle.BundleType.BATCHRESPONSE
				: Bundle.BundleType.TRANSACTIONRESPONSE);
		for (FhirImport.Entry entry : entries) {
			Bundle.BundleEntryResponseComponent r = response.addEntry().getResponse();
			ImportOutcome outcome = entry.outcome();
			switch (outcome.kind()) {
				case CREATED -> r.setStatus("201 Created").setLocation(outcome.reference());
				case MATCHED -> r.setStatus("200 OK").setLocation(outcome.reference());
				case REFUSED -> {
					boolean denied = outcome.reason() != null && outcome.reason().startsWith("not permitted");
					OperationOutcome note = new OperationOutcome();
					note.addIssue().setSeverity(OperationOutcome.IssueSeverity.ERROR)
						.setCode(denied ? OperationOutcome.IssueType.FORBIDDEN : OperationOutcome.IssueType.INVALID)
						.setDiagnostics(entry.type() + " refused: " + outcome.reason());
					r.setStatus(denied ? "403 Forbidden" : "400 Bad Request").setOutcome(note);
				}
				default -> {
					OperationOutcome note = new OperationOutcome();
					note.addIssue().setSeverity(OperationOutcome.IssueSeverity.INFORMATION)
						.setCode(OperationOutcome.IssueType.INFORMATIONAL).setDiagnostics("Not kept: " + outcome.reason());
					r.setStatus("200 OK").setOutcome(note);
				}
			}
		}
		return response;
	}

	/** Imports a client may have queued or running at once. */
	static final int MAX_UNFINISHED = 3;

	/** 429 Too Many Requests, with an OperationOutcome saying what to wait for. */
	static final class TooMany extends BaseServerResponseException {

		private static final long serialVersionUID = 1L;

		TooMany(String message) {
			super(429, message);
		}
	}

	/** 202 Accepted, written by HAPI like a refusal: an informational OperationOutcome and the status URL. */
	static final class Accepted extends BaseServerResponseException {

		private static final long serialVersionUID = 1L;

		Accepted(String message) {
			super(202, message);
		}
	}
}
