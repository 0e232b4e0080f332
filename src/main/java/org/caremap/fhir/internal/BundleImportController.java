package org.caremap.fhir.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

import ca.uhn.fhir.context.FhirContext;
import jakarta.servlet.http.HttpServletResponse;
import org.caremap.fhir.FhirImport;
import org.hl7.fhir.r4.model.Bundle;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * The status URL of an asynchronous import: {@code 202} with {@code X-Progress} while it runs; when it is done,
 * {@code 200} with the batch-response (or transaction-response) bundle, one entry per entry sent; a failed job is
 * a {@code 422} OperationOutcome naming why; {@code DELETE} cancels a
 * running job (what was imported stays) or deletes an ended one. Only the client that asked sees it.
 */
@RestController
class BundleImportController {

	private final BundleImportJobs jobs;

	BundleImportController(BundleImportJobs jobs) {
		this.jobs = jobs;
	}

	@GetMapping("/fhir-import/{id}")
	void status(@PathVariable String id, HttpServletResponse response) throws IOException {
		Optional<BundleImportJobs.Job> found = own(id, response);
		if (found.isEmpty()) return;
		BundleImportJobs.Job job = found.get();
		switch (job.status()) {
			case "QUEUED", "RUNNING" -> {
				response.setStatus(202);
				response.setHeader("X-Progress", job.doneCount() + " of " + job.entryCount() + " entries");
				response.setHeader("Retry-After", "2");
			}
			case "FAILED" -> {
				// told as a 4xx with its reason: the request asking after the job is fine
				response.setStatus(422);
				FhirConfiguration.outcome(response, "exception", "The import stopped: " + job.error()
						+ ". Entries imported before it stopped are kept; send the bundle again to finish (what is held is found, not doubled).");
			}
			default -> {
				List<FhirImport.Entry> entries = jobs.results(job.id()).stream()
					.map(r -> new FhirImport.Entry(r.type(), r.outcome())).toList();
				Bundle result = TransactionProvider.response(
						job.bundleType().equals("batch") ? Bundle.BundleType.BATCH : Bundle.BundleType.TRANSACTION, entries);
				response.setStatus(200);
				response.setContentType("application/fhir+json;charset=UTF-8");
				if (job.status().equals("CANCELLED")) {
					response.setHeader("X-Progress", "cancelled after " + job.doneCount() + " of " + job.entryCount() + " entries");
				}
				response.getOutputStream().write(FhirContext.forR4Cached().newJsonParser().encodeResourceToString(result)
					.getBytes(StandardCharsets.UTF_8));
			}
		}
	}

	@DeleteMapping("/fhir-import/{id}")
	void cancel(@PathVariable String id, HttpServletResponse response) throws IOException {
		Optional<BundleImportJobs.Job> found = own(id, response);
		if (found.isEmpty()) return;
		jobs.cancelOrDelete(found.get().id());
		response.setStatus(202);
	}

	private Optional<BundleImportJobs.Job> own(String id, HttpServletResponse response) throws IOException {
		return OwnJobs.find(id, response, jobs::find, BundleImportJobs.Job::requestedBy,
				"No such import (it may have ended more than a day ago).");
	}
}
