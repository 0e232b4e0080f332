package org.caremap.fhir.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import ca.uhn.fhir.context.FhirContext;
import org.caremap.fhir.FhirImport;
import org.caremap.fhir.ImportOutcome;
import org.caremap.shared.SystemActor;
import org.caremap.support.IntegrationTest;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UserDetailsService;

/**
 * A background import whose node died after its first chunk resumes after that chunk: nothing is imported twice,
 * and every entry has exactly one result and one audit event.
 */
class BundleImportResumeIT extends IntegrationTest {

	@Autowired BundleImportJobs jobs;
	@Autowired FhirImport imports;
	@Autowired UserDetailsService people;
	@Autowired org.caremap.identity.ApiClients clients;
	@Autowired JdbcClient jdbc;

	@Test
	void aJobStoppedAfterItsFirstChunkResumesAfterIt() {
		String family = "Resume" + UUID.randomUUID().toString().substring(0, 6);
		Bundle bundle = new Bundle().setType(Bundle.BundleType.BATCH);
		for (int i = 0; i < 10; i++) {
			Patient p = new Patient();
			p.addIdentifier().setSystem("urn:test:resume").setValue(family + "-" + i);
			p.addName().setFamily(family).addGiven("Given" + i);
			p.setGender(Enumerations.AdministrativeGender.FEMALE).setBirthDateElement(new DateType("1944-02-" + (10 + i)));
			bundle.addEntry().setFullUrl("urn:uuid:" + UUID.randomUUID()).setResource(p).getRequest()
				.setMethod(Bundle.HTTPVerb.POST).setUrl("Patient");
		}
		String client = org.caremap.support.Tokens.register(new org.caremap.support.Actors(people), clients,
				"Resume " + UUID.randomUUID(), "system/*.cruds").clientId();
		UUID job = jobs.create(client, "SYSTEM", "batch", FhirContext.forR4Cached().newJsonParser().encodeResourceToString(bundle), 10);
		jobs.start(job);

		// the first run commits one chunk of 4, then its node "dies" (it stops before the next chunk)
		AtomicInteger chunksDone = new AtomicInteger();
		boolean finished = SystemActor.call("api:" + client, List.of("SYSTEM"), () -> imports.importInChunks(bundle, 4,
				new FhirImport.Chunks() {
					@Override
					public Map<Integer, ImportOutcome> done() {
						return jobs.done(job);
					}

					@Override
					public void record(Map<Integer, FhirImport.Entry> chunk) {
						jobs.record(job, chunk);
						chunksDone.incrementAndGet();
					}

					@Override
					public boolean cancelled() {
						return chunksDone.get() >= 1;
					}
				}));
		assertThat(finished).isFalse();
		assertThat(jobs.results(job)).hasSize(4);
		assertThat(count("select count(*) from patient where family_name = ?", family)).isEqualTo(4);

		// another node picks the job up: it goes on from the fifth entry
		BundleImportRunner.run(job, jobs, imports, people, clients, 4);
		assertThat(jobs.find(job).orElseThrow().status()).isEqualTo("COMPLETED");
		assertThat(jobs.results(job)).hasSize(10).allMatch(r -> r.outcome().kind() == ImportOutcome.Kind.CREATED);
		assertThat(count("select count(*) from patient where family_name = ?", family)).isEqualTo(10);
		assertThat(count("select count(*) from audit_event where actor = ? and action = 'IMPORT' and resource_type = 'Patient'",
				"system:api:" + client)).isEqualTo(10);
	}

	private long count(String sql, Object... params) {
		return jdbc.sql(sql).params(params).query(Long.class).single();
	}
}
