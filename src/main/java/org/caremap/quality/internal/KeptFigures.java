package org.caremap.quality.internal;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.caremap.organization.Organizations;
import org.caremap.program.ProgramId;
import org.caremap.program.ProgramView;
import org.caremap.program.Programs;
import org.caremap.shared.UserId;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;

/**
 * Figures kept ready. A filter whose figures took the database longer than {@code caremap.quality.keep-after} to
 * compute (the whole organisation, a large program) keeps that computation; while it is younger than
 * {@code caremap.quality.fresh-for} the dashboard shows it, with its time, instead of computing again. The
 * half-hourly job computes again the kept filters read in the last week and the dashboard's opening views, so that a
 * supervisor opening the dashboard never waits for the whole organisation's figures; one who needs the figures of
 * this minute asks for them ({@link #computeNow}). Small filters (a case manager, a team) are always computed live.
 */
@Component
class KeptFigures {

	private static final Logger log = LoggerFactory.getLogger(KeptFigures.class);

	private final MeasureEngine engine;
	private final JdbcClient jdbc;
	private final Organizations organizations;
	private final Programs programs;
	private final Duration keepAfter;
	private final Duration freshFor;
	private final Clock clock;

	KeptFigures(MeasureEngine engine, JdbcClient jdbc, Organizations organizations, Programs programs,
			@Value("${caremap.quality.keep-after:PT1S}") Duration keepAfter,
			@Value("${caremap.quality.fresh-for:PT1H}") Duration freshFor) {
		this.engine = engine;
		this.jdbc = jdbc;
		this.organizations = organizations;
		this.programs = programs;
		this.keepAfter = keepAfter;
		this.freshFor = freshFor;
		this.clock = Clock.systemUTC();
	}

	/** The figures of a filter and the closed cases by reason; {@code asOf} is null when computed for this request. */
	record Computed(List<Figure> figures, Map<String, Long> closedByReason, @Nullable Instant asOf, long millis) {
	}

	/** The filter's key: what it counts and over which days. */
	static String key(QualityFilter f) {
		return (f.program() == null ? "-" : f.program().value().toString()) + "|" + (f.team() == null ? "-" : f.team().toString())
				+ "|" + (f.caseManager() == null ? "-" : f.caseManager().value().toString()) + "|" + f.from() + "|" + f.to();
	}

	/** The kept figures of the filter while fresh, else computed now (and kept when that took long). */
	@Transactional
	Computed figures(QualityFilter f) {
		Optional<Computed> kept = fresh(f);
		if (kept.isPresent()) return kept.get();
		// one computation of a filter at a time (the job, the monthly summary and readers may ask at once): the
		// second waits for the first's commit and takes its figures
		lock(f);
		kept = fresh(f);
		if (kept.isPresent()) return kept.get();
		Computed now = compute(f);
		if (now.millis() >= keepAfter.toMillis()) {
			keep(f, now);
			log.info("Outcome figures for {} computed in {} ms for a reader, kept ready", key(f), now.millis());
		}
		return now;
	}

	private void lock(QualityFilter f) {
		jdbc.sql("select pg_advisory_xact_lock(hashtextextended(?, 7431))").param("quality-kept:" + key(f)).query().singleRow();
	}

	private Optional<Computed> fresh(QualityFilter f) {
		Optional<Computed> kept = kept(f);
		// served while fresh, and only where computing took long (a small filter asked to compute now stays live)
		if (kept.isPresent() && kept.get().asOf() != null && kept.get().millis() >= keepAfter.toMillis()
				&& kept.get().asOf().isAfter(clock.instant().minus(freshFor))) {
			jdbc.sql("update quality_kept set read_at = now() where filter_key = ? and read_at < now() - interval '10 minutes'")
				.param(key(f)).update();
			return kept;
		}
		return Optional.empty();
	}

	/** Computes the filter's figures now and keeps them, whatever the time it took. */
	@Transactional
	Computed computeNow(QualityFilter f) {
		lock(f);
		Computed now = compute(f);
		keep(f, now);
		if (now.millis() >= keepAfter.toMillis()) log.info("Outcome figures for {} computed in {} ms", key(f), now.millis());
		return new Computed(now.figures(), now.closedByReason(), null, now.millis());
	}

	/**
	 * The job's computation: under the filter's lock, computed again unless someone (the monthly summary, a reader)
	 * kept it while the job waited; true when computed.
	 */
	@Transactional
	boolean computeIfStale(QualityFilter f) {
		lock(f);
		Instant stale = clock.instant().minus(freshFor.dividedBy(2));
		Optional<Instant> at = jdbc.sql("select computed_at from quality_kept where filter_key = ?").param(key(f))
			.query((rs, n) -> rs.getTimestamp(1).toInstant()).optional();
		if (at.isPresent() && at.get().isAfter(stale)) return false;
		Computed now = compute(f);
		keep(f, now);
		if (now.millis() >= keepAfter.toMillis()) log.info("Outcome figures for {} computed in {} ms", key(f), now.millis());
		return true;
	}

	private Computed compute(QualityFilter f) {
		long start = System.nanoTime();
		List<Figure> figures = engine.all(f, organizations.today());
		Map<String, Long> reasons = engine.closedByReason(f);
		return new Computed(figures, reasons, null, (System.nanoTime() - start) / 1_000_000);
	}

	private void keep(QualityFilter f, Computed c) {
		String key = key(f);
		Instant at = clock.instant();
		jdbc.sql("""
				insert into quality_kept (filter_key, program_id, team_id, manager_id, from_day, to_day, computed_at, compute_ms)
				values (?, ?, ?, ?, ?, ?, ?, ?)
				on conflict (filter_key) do update set computed_at = excluded.computed_at, compute_ms = excluded.compute_ms""")
			.params(key, f.program() == null ? null : f.program().value(), f.team(),
					f.caseManager() == null ? null : f.caseManager().value(), f.from(), f.to(), Timestamp.from(at),
					(int) Math.min(Integer.MAX_VALUE, c.millis()))
			.update();
		jdbc.sql("delete from quality_kept_figure where filter_key = ?").param(key).update();
		jdbc.sql("delete from quality_kept_reason where filter_key = ?").param(key).update();
		for (Figure fig : c.figures()) {
			jdbc.sql("insert into quality_kept_figure (filter_key, measure, numerator, denominator, value) values (?, ?, ?, ?, ?)")
				.params(key, fig.measure().key(), fig.numerator(), fig.denominator(), fig.value()).update();
		}
		for (Map.Entry<String, Long> r : c.closedByReason().entrySet()) {
			jdbc.sql("insert into quality_kept_reason (filter_key, reason, cases) values (?, ?, ?)")
				.params(key, r.getKey(), r.getValue()).update();
		}
	}

	/** The kept computation of the filter, if any (fresh or not). */
	Optional<Computed> kept(QualityFilter f) {
		String key = key(f);
		Optional<Map.Entry<Instant, Long>> head = jdbc.sql("select computed_at, compute_ms from quality_kept where filter_key = ?")
			.param(key)
			.query((rs, n) -> Map.entry(rs.getTimestamp(1).toInstant(), rs.getLong(2)))
			.optional();
		if (head.isEmpty()) return Optional.empty();
		Map<Measure, Figure> byMeasure = new EnumMap<>(Measure.class);
		jdbc.sql("select measure, numerator, denominator, value from quality_kept_figure where filter_key = ?")
			.param(key)
			.query((rs, n) -> {
				BigDecimal value = rs.getBigDecimal(4);
				long numerator = rs.getLong(2);
				Long denominator = (Long) rs.getObject(3, Long.class);
				return Measure.byKey(rs.getString(1)).map(m -> new Figure(m, numerator, denominator, value, List.of()));
			})
			.list()
			.forEach(o -> o.ifPresent(fig -> byMeasure.put(fig.measure(), fig)));
		// a measure added since the figures were kept: the kept ones are not the whole dashboard
		if (byMeasure.size() != Measure.values().length) return Optional.empty();
		Map<String, Long> reasons = new LinkedHashMap<>();
		jdbc.sql("select reason, cases from quality_kept_reason where filter_key = ? order by cases desc, reason collate \"C\"")
			.param(key)
			.query((rs, n) -> Map.entry(rs.getString(1), rs.getLong(2)))
			.list()
			.forEach(e -> reasons.put(e.getKey(), e.getValue()));
		return Optional.of(new Computed(new ArrayList<>(byMeasure.values()), reasons, head.get().getKey(), head.get().getValue()));
	}

	/**
	 * The filters the job computes again: the kept filters read in the last week whose figures are older than half
	 * their freshness, and the opening views (last month beside the month before, for the organisation and each
	 * active program) unless fresh. It forgets first the kept filters nobody read for a week.
	 */
	@Transactional
	List<QualityFilter> due() {
		jdbc.sql("delete from quality_kept where read_at < now() - interval '7 days'").update();
		Instant stale = clock.instant().minus(freshFor.dividedBy(2));
		YearMonth last = YearMonth.from(organizations.today()).minusMonths(1);
		List<QualityFilter> wanted = new ArrayList<>();
		for (YearMonth month : List.of(last, last.minusMonths(1))) {
			LocalDate from = month.atDay(1);
			LocalDate to = month.atEndOfMonth();
			wanted.add(new QualityFilter(null, null, null, from, to));
			for (ProgramView p : programs.active()) wanted.add(new QualityFilter(p.id(), null, null, from, to));
		}
		jdbc.sql("select program_id, team_id, manager_id, from_day, to_day from quality_kept order by read_at desc")
			.query((rs, n) -> new QualityFilter(
					rs.getObject(1) == null ? null : new ProgramId(rs.getObject(1, UUID.class)), rs.getObject(2, UUID.class),
					rs.getObject(3) == null ? null : new UserId(rs.getObject(3, UUID.class)),
					rs.getObject(4, LocalDate.class), rs.getObject(5, LocalDate.class)))
			.list()
			.forEach(f -> {
				if (!wanted.contains(f)) wanted.add(f);
			});
		List<QualityFilter> due = new ArrayList<>();
		for (QualityFilter f : wanted) {
			Optional<Instant> at = jdbc.sql("select computed_at from quality_kept where filter_key = ?").param(key(f))
				.query((rs, n) -> rs.getTimestamp(1).toInstant()).optional();
			if (at.isEmpty() || !at.get().isAfter(stale)) due.add(f);
		}
		return due;
	}

	/** The job: every half hour, on one node, the filters due computed again, each in a transaction of its own. */
	@Configuration(proxyBeanMethods = false)
	static class Job {
		@Bean
		RecurringTask<Void> qualityKeptFiguresJob(KeptFigures kept,
				@Value("${caremap.quality.refresh-every:PT30M}") Duration every) {
			return Tasks.recurring("quality-kept-figures", FixedDelay.of(every)).execute((instance, context) -> {
				List<QualityFilter> due = kept.due();
				for (QualityFilter f : due) kept.computeIfStale(f);
				if (!due.isEmpty()) log.info("Outcome figures kept ready for {} filters", due.size());
			});
		}
	}
}
