package org.caremap.fhir.internal;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Group;
import org.hl7.fhir.r4.model.Resource;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.dao.DataAccessException;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

/**
 * Runs an export on one node: it asks Caremap's own FHIR API for every page of every requested type, with a
 * short-lived token carrying the requester's identity and scopes, so the export sees exactly what the requester
 * may see, and every read is authorized and audited under their name as if they had searched themselves. Lines go
 * into NDJSON files of at most 10,000 resources, kept in the database.
 */
@Configuration(proxyBeanMethods = false)
class BulkExportRunner {

	static final String TASK = "fhir-bulk-export";
	private static final int LINES_PER_FILE = 10_000;
	private static final Logger log = LoggerFactory.getLogger(BulkExportRunner.class);

	@Bean
	OneTimeTask<Void> bulkExportTask(BulkExports exports, JWKSource<SecurityContext> keys, ApplicationContext context,
			@Value("${caremap.oauth.audience:caremap}") String audience, org.caremap.identity.ApiIssuer issuer,
			@Value("${server.servlet.context-path:}") String contextPath) {
		return Tasks.oneTime(TASK).execute((instance, ctx) -> new Run(exports, new NimbusJwtEncoder(keys), audience, issuer.url(),
				baseUrl(context, contextPath)).run(UUID.fromString(instance.getId())));
	}

	@Bean
	RecurringTask<Void> bulkExportCleanup(BulkExports exports) {
		return Tasks.recurring("fhir-bulk-export-cleanup", FixedDelay.ofMinutes(30)).execute((instance, ctx) -> exports.deleteExpired());
	}

	private static String baseUrl(ApplicationContext context, String contextPath) {
		int port = context instanceof WebServerApplicationContext web ? web.getWebServer().getPort() : 8080;
		return "http://localhost:" + port + contextPath + "/fhir";
	}

	private static final class Run {

		private final BulkExports exports;
		private final NimbusJwtEncoder encoder;
		private final String audience;
		private final String issuer;
		private final String base;
		private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
		private final IParser parser = FhirContext.forR4Cached().newJsonParser().setPrettyPrint(false);
		private int seq;
		private @Nullable Writer outcomes;
		private final java.util.Set<String> said = new java.util.HashSet<>();

		Run(BulkExports exports, NimbusJwtEncoder encoder, String audience, String issuer, String base) {
			this.exports = exports;
			this.encoder = encoder;
			this.audience = audience;
			this.issuer = issuer;
			this.base = base;
		}

		void run(UUID id) {
			BulkExports.Job job = exports.find(id).orElse(null);
			if (job == null || !job.status().equals("QUEUED") && !job.status().equals("RUNNING")) return;
			try {
				List<String> members = job.level().equals("GROUP") ? members(job) : List.of();
				for (int t = 0; t < job.types().size(); t++) {
					String type = job.types().get(t);
					exports.running(id, "exporting " + type + " (" + (t + 1) + " of " + job.types().size() + " types)");
					try {
						exportType(job, id, type, members);
					}
					catch (Refused refused) {
						// a type the requester may not search is left out and said so in the manifest's errors
						Writer errors = new Writer(id, "OperationOutcome");
						org.hl7.fhir.r4.model.OperationOutcome outcome = new org.hl7.fhir.r4.model.OperationOutcome();
						outcome.addIssue().setSeverity(org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity.ERROR)
							.setCode(org.hl7.fhir.r4.model.OperationOutcome.IssueType.FORBIDDEN)
							.setDiagnostics(type + " was not exported: the requester may not search it (" + refused.getMessage() + ")");
						errors.add(outcome, null);
						errors.close();
					}
				}
				exports.finish(id, null);
			}
			catch (Cancelled stop) {
				log.info("Bulk export {} cancelled", id);
			}
			catch (IOException | RuntimeException ex) {
				if (ex instanceof InterruptedIOException || Thread.currentThread().isInterrupted()) return;
				log.warn("Bulk export {} failed: {}", id, ex.getMessage());
				try {
					exports.finish(id, ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage());
				}
				catch (DataAccessException gone) {
					// deleted meanwhile
				}
			}
		}

		/** Every resource of one type the export asks for, into its NDJSON files. */
		private void exportType(BulkExports.Job job, UUID id, String type, List<String> members) throws IOException {
			Writer writer = new Writer(id, type);
			// what the searches said besides their resources (resources withheld under 42 CFR Part 2, the notice against
			// redisclosure that accompanies those shown under a consent) goes with the manifest's errors, each said once
			outcomes = new Writer(id, "OperationOutcome");
			said.clear();
			if (job.level().equals("GROUP")) {
				for (String patient : members) {
					if (exports.cancelled(id)) throw new Cancelled();
					if (type.equals("Patient")) pages(job, base + "/Patient/" + patient, writer, true);
					else pages(job, base + "/" + type + "?patient=" + patient + "&_count=500", writer, false);
				}
			}
			else {
				if (exports.cancelled(id)) throw new Cancelled();
				pages(job, base + "/" + type + "?_count=500", writer, false);
			}
			writer.close();
			outcomes.close();
		}

		private List<String> members(BulkExports.Job job) throws IOException {
			String body = get(job, base + "/Group/" + job.group());
			Group group = parser.parseResource(Group.class, body);
			List<String> out = new ArrayList<>();
			group.getMember().forEach(m -> out.add(m.getEntity().getReferenceElement().getIdPart()));
			return out;
		}

		/** Every page of a search (following next links), or one read; resources changed before _since are left out. */
		private void pages(BulkExports.Job job, String url, Writer writer, boolean read) throws IOException {
			if (read) {
				Resource resource = (Resource) parser.parseResource(get(job, url));
				writer.add(resource, job.since());
				return;
			}
			String next = url;
			while (next != null) {
				if (exports.cancelled(writer.job)) throw new Cancelled();
				Bundle page = parser.parseResource(Bundle.class, get(job, next));
				for (Bundle.BundleEntryComponent entry : page.getEntry()) {
					if (entry.getSearch().getMode() == Bundle.SearchEntryMode.INCLUDE) continue;
					if (entry.getSearch().getMode() == Bundle.SearchEntryMode.OUTCOME) {
						if (said.add(parser.encodeResourceToString(entry.getResource()))) outcomes.add(entry.getResource(), null);
						continue;
					}
					writer.add(entry.getResource(), job.since());
				}
				Bundle.BundleLinkComponent link = page.getLink(Bundle.LINK_NEXT);
				next = link == null ? null : link.getUrl();
			}
		}

		private String get(BulkExports.Job job, String url) throws IOException {
			Instant now = Instant.now();
			JwtClaimsSet.Builder claims = JwtClaimsSet.builder().subject(job.requestedBy()).audience(List.of(audience))
				.issuedAt(now).notBefore(now).expiresAt(now.plusSeconds(300)).claim("scope", job.scopes())
				.claim("bulk_export", job.id().toString());
			if (!issuer.isBlank()) claims.issuer(issuer);
			String token = encoder.encode(JwtEncoderParameters.from(claims.build())).getTokenValue();
			HttpRequest request = HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token)
				.header("Accept", "application/fhir+json")
				// an export tolerates seconds of lag: its searches are answered by the read replica when there is one
				.header(org.caremap.platform.ReplicaReads.CONSISTENCY_HEADER, org.caremap.platform.ReplicaReads.EVENTUAL)
				.timeout(Duration.ofMinutes(2)).GET().build();
			try {
				HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
				if (response.statusCode() == 404) return "{\"resourceType\":\"Bundle\",\"type\":\"searchset\"}";
				if (response.statusCode() == 403) throw new Refused("GET " + url.replace(base, "") + " answered 403");
				if (response.statusCode() != 200) {
					throw new IOException("GET " + url.replace(base, "") + " answered " + response.statusCode());
				}
				return response.body();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new InterruptedIOException("interrupted");
			}
		}

		/** NDJSON files of one type, flushed every 10,000 lines. */
		private final class Writer {
			private final UUID job;
			private final String type;
			private final StringBuilder lines = new StringBuilder();
			private int count;

			Writer(UUID job, String type) {
				this.job = job;
				this.type = type;
			}

			void add(Resource resource, @Nullable Instant since) {
				if (since != null && resource.getMeta().hasLastUpdated() && resource.getMeta().getLastUpdated().toInstant().isBefore(since)) {
					return;
				}
				lines.append(parser.encodeResourceToString(resource)).append('\n');
				if (++count == LINES_PER_FILE) flush();
			}

			void close() {
				if (count > 0) flush();
			}

			private void flush() {
				try {
					exports.addFile(job, ++seq, type, count, lines.toString());
				}
				catch (DataAccessException gone) {
					throw new Cancelled();
				}
				lines.setLength(0);
				count = 0;
			}
		}
	}

	/** The requester may not read what was asked: that type is left out of the export, with an error line. */
	private static final class Refused extends IOException {
		private static final long serialVersionUID = 1L;

		Refused(String message) {
			super(message);
		}
	}

	private static final class Cancelled extends RuntimeException {
		private static final long serialVersionUID = 1L;
	}

	private static final class InterruptedIOException extends IOException {
		private static final long serialVersionUID = 1L;

		InterruptedIOException(String message) {
			super(message);
		}
	}
}
