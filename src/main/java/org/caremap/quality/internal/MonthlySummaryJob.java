package org.caremap.quality.internal;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;

import org.caremap.organization.Organizations;
import org.caremap.quality.MonthlySummary;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;

/**
 * Once a month, the figures of the month before for the whole organisation (counts only) are published as
 * {@link MonthlySummary}; the notification module e-mails them to the supervisors. The db-scheduler job runs on one
 * node at a time, and the month's row makes the summary go out once, whatever the number of runs or nodes.
 */
@Component
class MonthlySummaryJob {

	private final KeptFigures kept;
	private final Organizations organizations;
	private final JdbcClient jdbc;
	private final ApplicationEventPublisher events;

	MonthlySummaryJob(KeptFigures kept, Organizations organizations, JdbcClient jdbc, ApplicationEventPublisher events) {
		this.kept = kept;
		this.organizations = organizations;
		this.jdbc = jdbc;
		this.events = events;
	}

	/** Publishes the summary of the month before today's month unless it went out already; true when it did now. */
	@Transactional
	boolean publishLastMonth() {
		return publish(YearMonth.from(organizations.today()).minusMonths(1));
	}

	@Transactional
	boolean publish(YearMonth month) {
		int fresh = jdbc.sql("insert into quality_summary_month (month) values (?) on conflict (month) do nothing")
			.param(month.atDay(1)).update();
		if (fresh == 0) return false;
		LocalDate from = month.atDay(1);
		QualityFilter all = new QualityFilter(null, null, null, from, month.atEndOfMonth());
		List<MonthlySummary.Figure> figures = kept.figures(all).figures().stream()
			.map(f -> new MonthlySummary.Figure(f.measure().key(), f.numerator(), f.denominator(), f.value(),
					f.measure().unit().name()))
			.toList();
		events.publishEvent(new MonthlySummary(month, figures));
		return true;
	}

	@Configuration(proxyBeanMethods = false)
	static class Job {
		@Bean
		RecurringTask<Void> qualityMonthlySummaryJob(MonthlySummaryJob job) {
			// hourly; the summary of a month goes out once, on the first run in the month after it
			return Tasks.recurring("quality-monthly-summary", FixedDelay.ofHours(1))
				.execute((instance, context) -> job.publishLastMonth());
		}
	}
}
