package org.caremap.referral;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.caremap.demo.DemoLogins;
import org.caremap.identity.NewUser;
import org.caremap.identity.Role;
import org.caremap.identity.UserAccounts;
import org.caremap.organization.Organizations;
import org.caremap.patient.PatientRegistry;
import org.caremap.program.Programs;
import org.caremap.shared.PatientId;
import org.caremap.shared.SystemActor;
import org.caremap.support.Actors;
import org.caremap.support.Browserless;
import org.caremap.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Two intake coordinators press "Claim" on the same referral at the same instant, over real HTTP, fifty times:
 * each time exactly one wins, the other is told, and nothing is overwritten.
 */
class ReferralClaimRaceIT extends IntegrationTest {

	static final int ROUNDS = 50;

	@Autowired Referrals referrals;
	@Autowired PatientRegistry patients;
	@Autowired Programs programs;
	@Autowired Organizations organizations;
	@Autowired UserAccounts accounts;
	@Autowired DemoLogins demo;
	@Autowired JdbcClient jdbc;

	@Test
	void exactlyOneOfTwoSimultaneousClaimsWins() throws Exception {
		String password = "second-intake-password";
		if (accounts.findByUsername("intake.two").isEmpty()) {
			SystemActor.run("test", List.of("ADMIN"), () -> accounts.create(
					new NewUser("intake.two", "Second Intake", null, Set.of(Role.INTAKE), password, false)));
		}
		Browserless first = client();
		first.login("intake", demo.password("intake").orElseThrow());
		Browserless second = client();
		second.login("intake.two", password);
		var program = programs.active().get(0);
		var org = organizations.primary().orElseThrow().id();
		ExecutorService pool = Executors.newFixedThreadPool(2);
		int firstWins = 0;
		try {
			for (int round = 0; round < ROUNDS; round++) {
				PatientId patient = Actors.newPatient(patients, org, "Race");
				ReferralId id = SystemActor.call("test", List.of("SYSTEM"), () -> referrals.receive(new NewReferral(patient,
						program.id(), ReferralSource.HOSPITAL, "Discharge planning", null, "simultaneous claims", Urgency.URGENT)));
				// both have the queue open, with their form tokens
				first.get("/referrals");
				second.get("/referrals");
				CyclicBarrier barrier = new CyclicBarrier(2);
				List<Future<HttpResponse<String>>> claims = new ArrayList<>();
				for (Browserless who : List.of(first, second)) {
					claims.add(pool.submit(() -> {
						barrier.await(10, TimeUnit.SECONDS);
						return who.post("/referrals/" + id + "/claim", Map.of());
					}));
				}
				HttpResponse<String> a = claims.get(0).get(30, TimeUnit.SECONDS);
				HttpResponse<String> b = claims.get(1).get(30, TimeUnit.SECONDS);
				boolean aWon = Browserless.location(a).endsWith("/referrals/" + id);
				boolean bWon = Browserless.location(b).endsWith("/referrals/" + id);
				assertThat(aWon ^ bWon).as("round %d: exactly one wins (%s / %s)", round, Browserless.location(a),
						Browserless.location(b)).isTrue();
				Browserless loser = aWon ? second : first;
				assertThat(Browserless.location(aWon ? b : a)).endsWith("/referrals");
				assertThat(loser.get("/referrals").body()).contains("This referral was just claimed by");
				String winner = aWon ? "intake" : "intake.two";
				var row = jdbc.sql("""
						select r.status, u.username, (select count(*) from referral_step s
						                              where s.referral_id = r.id and s.to_status = 'SCREENING')
						from referral r join user_account u on u.id = r.claimed_by where r.id = ?""")
					.param(id.value())
					.query((rs, n) -> List.of(rs.getString(1), rs.getString(2), rs.getString(3)))
					.single();
				assertThat(row).as("round %d", round).containsExactly("SCREENING", winner, "1");
				if (aWon) firstWins++;
			}
		}
		finally {
			pool.shutdownNow();
		}
		System.out.printf("claim race: %d rounds, first client won %d, second %d%n", ROUNDS, firstWins, ROUNDS - firstWins);
	}
}
