package org.caremap.quality.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.caremap.identity.NewUser;
import org.caremap.identity.Role;
import org.caremap.identity.UserAccounts;
import org.caremap.identity.UserView;
import org.caremap.organization.Organizations;
import org.caremap.program.Programs;
import org.caremap.shared.SystemActor;
import org.caremap.support.IntegrationTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Figures kept ready: a computation kept is shown (with its time) while fresh even after the data changed, computing
 * now shows the change, the job finds what is due (the stale kept filters and the dashboard's opening views), and
 * the page says when its figures were computed and offers to compute them now.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class QualityKeptFiguresIT extends IntegrationTest {

	@Autowired ApplicationContext context;
	@Autowired MeasureEngine engine;
	@Autowired JdbcClient jdbc;
	@Autowired Organizations organizations;
	@Autowired Programs programs;
	@Autowired UserAccounts accounts;

	QualityCohort cohort;
	UserView supervisor;

	@BeforeAll
	void cohort() {
		cohort = new QualityCohort(context, "Kept figures IT");
		supervisor = SystemActor.call("test", List.of("ADMIN"), () -> accounts.create(new NewUser(
				"q.kept." + UUID.randomUUID().toString().substring(0, 6), "Kira Keptwell", null, Set.of(Role.SUPERVISOR),
				"Quality-test-Passw0rd!", false)));
	}

	private QualityFilter program() {
		return new QualityFilter(cohort.program, null, null, QualityCohort.FROM, QualityCohort.TO);
	}

	private long enrolled(KeptFigures.Computed c) {
		return c.figures().stream().filter(f -> f.measure() == Measure.ENROLLED).findFirst().orElseThrow().numerator();
	}

	@Test
	void aKeptComputationIsShownWhileFreshAndComputingNowShowsTheChange() {
		// kept whatever the time it took (a filter this small is otherwise computed live)
		KeptFigures kept = new KeptFigures(engine, jdbc, organizations, programs, Duration.ZERO, Duration.ofHours(1));
		KeptFigures.Computed first = kept.figures(program());
		assertThat(first.asOf()).isNull();
		assertThat(enrolled(first)).isEqualTo(3);
		KeptFigures.Computed again = kept.figures(program());
		assertThat(again.asOf()).isNotNull();
		assertThat(again.figures()).isEqualTo(first.figures());
		assertThat(again.closedByReason()).isEqualTo(first.closedByReason());

		// a new enrolment: the kept figures do not show it until computed again
		UUID added = UUID.randomUUID();
		jdbc.sql("insert into quality_case (case_id, patient_id, program_id, case_manager_id, opened_on) values (?, ?, ?, ?, ?)")
			.params(added, cohort.a.value(), cohort.program.value(), UUID.randomUUID(), QualityCohort.FROM.plusDays(3)).update();
		try {
			assertThat(enrolled(kept.figures(program()))).isEqualTo(3);
			KeptFigures.Computed now = kept.computeNow(program());
			assertThat(now.asOf()).isNull();
			assertThat(enrolled(now)).isEqualTo(4);
			assertThat(enrolled(kept.figures(program()))).isEqualTo(4);

			// no longer fresh: computed again on reading, and due for the job
			assertThat(kept.due()).doesNotContain(program());
			jdbc.sql("update quality_kept set computed_at = now() - interval '2 hours' where filter_key = ?")
				.param(KeptFigures.key(program())).update();
			assertThat(kept.due()).contains(program());
			jdbc.sql("delete from quality_case where case_id = ?").param(added).update();
			KeptFigures.Computed stale = kept.figures(program());
			assertThat(stale.asOf()).isNull();
			assertThat(enrolled(stale)).isEqualTo(3);
		}
		finally {
			jdbc.sql("delete from quality_case where case_id = ?").param(added).update();
		}
	}

	@Test
	void theJobKeepsTheOpeningViewsAndForgetsWhatNobodyReads() {
		KeptFigures kept = new KeptFigures(engine, jdbc, organizations, programs, Duration.ofSeconds(1), Duration.ofHours(1));
		java.time.YearMonth last = java.time.YearMonth.from(organizations.today()).minusMonths(1);
		QualityFilter organisation = new QualityFilter(null, null, null, last.atDay(1), last.atEndOfMonth());
		QualityFilter ofProgram = new QualityFilter(cohort.program, null, null, last.atDay(1), last.atEndOfMonth());
		jdbc.sql("delete from quality_kept where filter_key in (?, ?)").params(KeptFigures.key(organisation), KeptFigures.key(ofProgram))
			.update();
		assertThat(kept.due()).contains(organisation, ofProgram);
		assertThat(kept.computeIfStale(organisation)).isTrue();
		// kept meanwhile (by a reader or the monthly summary): the job does not compute it again
		assertThat(kept.computeIfStale(organisation)).isFalse();
		assertThat(kept.due()).doesNotContain(organisation).contains(ofProgram);

		QualityFilter odd = new QualityFilter(cohort.program, null, null, QualityCohort.FROM, QualityCohort.FROM.plusDays(9));
		kept.computeNow(odd);
		jdbc.sql("update quality_kept set read_at = now() - interval '8 days' where filter_key = ?").param(KeptFigures.key(odd)).update();
		kept.due();
		assertThat(jdbc.sql("select count(*) from quality_kept where filter_key = ?").param(KeptFigures.key(odd)).query(Long.class)
			.single()).isZero();
	}

	@Test
	void thePageSaysWhenItsFiguresWereComputedAndComputesThemNowOnRequest() {
		// the application keeps what took a second or more: this filter is marked as such
		QualityFilter f = program();
		QualityFilter before = f.over(QualityCohort.FROM.minusMonths(3), QualityCohort.FROM.minusDays(1));
		KeptFigures kept = new KeptFigures(engine, jdbc, organizations, programs, Duration.ZERO, Duration.ofHours(1));
		kept.computeNow(f);
		kept.computeNow(before);
		jdbc.sql("update quality_kept set compute_ms = 5000, computed_at = now() - interval '20 minutes' where filter_key in (?, ?)")
			.params(KeptFigures.key(f), KeptFigures.key(before)).update();
		var client = client();
		client.login(supervisor.username(), "Quality-test-Passw0rd!");
		String query = "?program=" + cohort.program.value() + "&from=" + f.from() + "&to=" + f.to();
		var page = client.get("/quality" + query);
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("id=\"kept-as-of\"").contains("Figures as of");

		var recomputed = client.post("/quality/recompute", java.util.Map.of("program", cohort.program.value().toString(),
				"from", f.from().toString(), "to", f.to().toString()));
		assertThat(recomputed.statusCode()).isEqualTo(302);
		assertThat(recomputed.headers().firstValue("Location").orElseThrow()).contains("/quality?program=" + cohort.program.value());
		assertThat(jdbc.sql("select computed_at > now() - interval '1 minute' from quality_kept where filter_key = ?")
			.param(KeptFigures.key(f)).query(Boolean.class).single()).isTrue();
	}
}
