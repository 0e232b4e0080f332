package org.caremap.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.caremap.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Many writers and several sealers at once, as on several nodes: every event ends in the chain exactly once and
 * the chain stays intact.
 */
class AuditSealingIT extends IntegrationTest {

	@Autowired
	AuditTrail trail;

	@Autowired
	AuditVerifier verifier;

	@Test
	void concurrentWritersAndSealersKeepOneIntactChain() throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(6);
		try {
			List<Future<?>> work = new ArrayList<>();
			for (int w = 0; w < 4; w++) {
				int writer = w;
				work.add(pool.submit(() -> {
					for (int i = 0; i < 150; i++) {
						trail.record("writer-" + writer, AuditEntry.read("Patient", writer + "-" + i, null));
					}
				}));
			}
			for (int s = 0; s < 2; s++) {
				work.add(pool.submit(() -> {
					for (int i = 0; i < 15; i++) verifier.sealNow();
				}));
			}
			for (Future<?> f : work) f.get();
		}
		finally {
			pool.shutdown();
		}
		verifier.sealNow();
		AuditVerification result = verifier.verify();
		assertThat(result.intact()).as(String.valueOf(result.problem())).isTrue();
		assertThat(result.unsealed()).isZero();
		assertThat(result.checked()).isGreaterThanOrEqualTo(600);
	}
}
