package org.caremap.fhir.internal;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import ca.uhn.fhir.context.FhirContext;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import org.caremap.fhir.FhirImport;
import org.caremap.fhir.ImportOutcome;
import org.caremap.shared.SystemActor;
import org.hl7.fhir.r4.model.Bundle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;

/**
 * Runs an asynchronous import on one node (a scheduled job): as the client that asked ({@code system:api:<client>}
 * for a system, the person for an app, checked afresh), in chunks of {@code caremap.fhir.import-chunk-entries}
 * entries, each committed with its results. A job picked up again after its node died resumes after its last
 * committed chunk.
 */
@Configuration(proxyBeanMethods = false)
class BundleImportRunner {

	static final String TASK = "fhir-bundle-import";
	private static final Logger log = LoggerFactory.getLogger(BundleImportRunner.class);

	@Bean
	OneTimeTask<Void> bundleImportTask(BundleImportJobs jobs, FhirImport imports, UserDetailsService people,
			org.caremap.identity.ApiClients clients, @Value("${caremap.fhir.import-chunk-entries:200}") int chunk) {
		return Tasks.oneTime(TASK).execute((instance, ctx) -> run(UUID.fromString(instance.getId()), jobs, imports, people,
				clients, Math.max(1, chunk)));
	}

	@Bean
	RecurringTask<Void> bundleImportCleanup(BundleImportJobs jobs) {
		return Tasks.recurring("fhir-bundle-import-cleanup", FixedDelay.ofMinutes(30)).execute((instance, ctx) -> jobs.deleteExpired());
	}

	static void run(UUID id, BundleImportJobs jobs, FhirImport imports, UserDetailsService people,
			org.caremap.identity.ApiClients clients, int chunk) {
		BundleImportJobs.Job job = jobs.find(id).orElse(null);
		if (job == null || !jobs.start(id)) return;
		java.util.function.Supplier<Boolean> revoked = () -> job.actsAs().equals("SYSTEM")
				&& !SystemActor.call("import-check", List.of("SYSTEM"), () -> clients.usable(job.requestedBy()));
		java.util.function.Consumer<String> finish = error -> SystemActor.run("api:" + job.requestedBy(), List.of("SYSTEM"),
				() -> jobs.finish(id, error));
		String bundleText = jobs.bundle(id).orElse("");
		try {
			Bundle bundle = FhirContext.forR4Cached().newJsonParser().parseResource(Bundle.class, bundleText);
			FhirImport.Chunks chunks = new FhirImport.Chunks() {
				@Override
				public Map<Integer, ImportOutcome> done() {
					return jobs.done(id);
				}

				@Override
				public void record(Map<Integer, FhirImport.Entry> taken) {
					jobs.record(id, taken);
				}

				@Override
				public boolean cancelled() {
					// a client revoked meanwhile stops its imports before the next chunk
					return jobs.cancelled(id) || revoked.get();
				}
			};
			boolean finished = asRequester(job, people, () -> imports.importInChunks(bundle, chunk, chunks));
			if (finished) finish.accept(null);
			else if (revoked.get()) finish.accept("the client was revoked while it ran; the entries imported before are kept");
			else log.info("Bundle import {} cancelled", id);
		}
		catch (RuntimeException ex) {
			log.warn("Bundle import {} failed: {}", id, ex.getMessage());
			finish.accept(ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage());
		}
	}

	/** Runs the work as the client or person who asked for the import. */
	private static boolean asRequester(BundleImportJobs.Job job, UserDetailsService people, java.util.function.Supplier<Boolean> work) {
		if (job.actsAs().equals("SYSTEM")) return SystemActor.call("api:" + job.requestedBy(), List.of("SYSTEM"), work);
		UserDetails person;
		try {
			person = people.loadUserByUsername(job.requestedBy());
		}
		catch (UsernameNotFoundException gone) {
			throw new IllegalStateException("the person who asked for the import no longer has an account");
		}
		if (!person.isEnabled() || !person.isAccountNonLocked()) {
			throw new IllegalStateException("the account of the person who asked for the import is disabled or locked");
		}
		SecurityContext previous = SecurityContextHolder.getContext();
		SecurityContext context = SecurityContextHolder.createEmptyContext();
		context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(person, null, person.getAuthorities()));
		SecurityContextHolder.setContext(context);
		try {
			return work.get();
		}
		finally {
			SecurityContextHolder.setContext(previous);
		}
	}
}
