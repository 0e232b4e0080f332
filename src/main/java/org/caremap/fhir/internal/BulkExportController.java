package org.caremap.fhir.internal;

import java.io.IOException;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.caremap.audit.AuditEntry;
import org.caremap.audit.AuditOutcome;
import org.caremap.audit.AuditTrail;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * The status URL of an export ({@code 202} with {@code X-Progress} while it runs, {@code 200} with the manifest
 * when done, {@code 422} with an OperationOutcome naming why when it failed (types the requester may not search are in the manifest's errors); {@code DELETE} cancels it or deletes its files)
 * and its NDJSON files. Only the client (or person) who asked may see them, with a bearer token.
 */
@RestController
class BulkExportController {

	private final BulkExports exports;
	private final AuditTrail audit;

	BulkExportController(BulkExports exports, AuditTrail audit) {
		this.exports = exports;
		this.audit = audit;
	}

	@GetMapping("/fhir-bulk/{id}")
	void status(@PathVariable String id, HttpServletRequest request, HttpServletResponse response) throws IOException {
		Optional<BulkExports.Job> found = own(id, response);
		if (found.isEmpty()) return;
		BulkExports.Job job = found.get();
		switch (job.status()) {
			case "QUEUED":
			case "RUNNING":
				response.setStatus(202);
				response.setHeader("X-Progress", job.progress() == null ? "queued" : job.progress());
				response.setHeader("Retry-After", "2");
				return;
			case "FAILED":
				// a job that failed is told as a 4xx with its reason (the request that asks after it is fine)
				response.setStatus(422);
				FhirConfiguration.outcome(response, "exception", "The export failed: " + job.error());
				return;
			default:
				String base = ServletUriComponentsBuilder.fromContextPath(request).build().toUriString();
				StringBuilder manifest = new StringBuilder("{\"transactionTime\":\"")
					.append(DateTimeFormatter.ISO_INSTANT.format(job.transactionTime())).append("\",\"request\":\"")
					.append(json(job.requestUrl())).append("\",\"requiresAccessToken\":true,\"output\":[");
				List<BulkExports.FileInfo> files = exports.files(job.id());
				manifest.append(entries(base, job, files.stream().filter(f -> !f.type().equals("OperationOutcome")).toList()));
				// types the requester may not search were left out: their OperationOutcomes are the manifest's errors
				manifest.append("],\"error\":[");
				manifest.append(entries(base, job, files.stream().filter(f -> f.type().equals("OperationOutcome")).toList()));
				manifest.append("]}");
				response.setStatus(200);
				response.setContentType("application/json");
				response.getWriter().write(manifest.toString());
		}
	}

	private static String entries(String base, BulkExports.Job job, List<BulkExports.FileInfo> files) {
		StringBuilder out = new StringBuilder();
		for (int i = 0; i < files.size(); i++) {
			BulkExports.FileInfo f = files.get(i);
			if (i > 0) out.append(',');
			out.append("{\"type\":\"").append(f.type()).append("\",\"url\":\"").append(base).append("/fhir-bulk/")
				.append(job.id()).append('/').append(f.seq()).append(".ndjson\",\"count\":").append(f.count()).append('}');
		}
		return out.toString();
	}

	@DeleteMapping("/fhir-bulk/{id}")
	void delete(@PathVariable String id, HttpServletResponse response) throws IOException {
		Optional<BulkExports.Job> found = own(id, response);
		if (found.isEmpty()) return;
		exports.delete(found.get().id());
		response.setStatus(202);
	}

	@GetMapping("/fhir-bulk/{id}/{seq}.ndjson")
	void file(@PathVariable String id, @PathVariable String seq, HttpServletResponse response) throws IOException {
		Optional<BulkExports.Job> found = own(id, response);
		if (found.isEmpty()) return;
		int number;
		try {
			number = Integer.parseInt(seq);
		}
		catch (NumberFormatException ex) {
			notFound(response);
			return;
		}
		Optional<Map.Entry<String, String>> file = exports.file(found.get().id(), number);
		if (file.isEmpty()) {
			notFound(response);
			return;
		}
		audit.record(new AuditEntry("READ", "BulkExport", id + "/" + number, null, AuditOutcome.SUCCESS, file.get().getKey()));
		response.setStatus(200);
		response.setContentType("application/fhir+ndjson;charset=UTF-8");
		response.getOutputStream().write(file.get().getValue().getBytes(java.nio.charset.StandardCharsets.UTF_8));
	}

	private Optional<BulkExports.Job> own(String id, HttpServletResponse response) throws IOException {
		return OwnJobs.find(id, response, exports::find, BulkExports.Job::requestedBy,
				"No such export (it may have expired or been deleted).");
	}

	private static void notFound(HttpServletResponse response) throws IOException {
		response.setStatus(404);
		FhirConfiguration.outcome(response, "not-found", "No such export (it may have expired or been deleted).");
	}

	private static String json(String value) {
		return value.replace("\\", "\\\\").replace("\"", "\\\"");
	}
}
