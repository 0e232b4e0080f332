package org.caremap.assessment.internal;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.caremap.shared.PatientId;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import org.caremap.assessment.ActiveProblems;
import org.caremap.assessment.Assessments;
import org.caremap.assessment.Instruments;
import org.caremap.assessment.ReassessmentRule;
import org.caremap.caseload.CaseloadRow;
import org.caremap.caseload.Cases;
import org.caremap.organization.Organizations;
import org.caremap.patient.CodedCondition;
import org.caremap.patient.PatientRegistry;
import org.caremap.shared.DomainException;
import org.caremap.shared.SystemActor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The assessment clock: open assessments long past due expire (their task is cancelled), and re-assessment rules
 * assign the instrument again when its interval has passed. Both are idempotent, so a run repeated on another
 * node changes nothing.
 */
@Configuration(proxyBeanMethods = false)
class AssessmentJobs {

	private static final Logger log = LoggerFactory.getLogger(AssessmentJobs.class);

	@Bean
	RecurringTask<Void> assessmentClockJob(Clock clock, @Value("${caremap.assessment.sweep-interval:PT1H}") Duration every) {
		return com.github.kagkarlsson.scheduler.task.helper.Tasks.recurring("assessment-clock", FixedDelay.of(every))
			.execute((instance, context) -> SystemActor.run("assessment-clock", List.of("SYSTEM"), clock::sweep));
	}

	@Bean
	Clock assessmentClock(JdbcClient jdbc, TransactionTemplate tx, Instruments instruments, Assessments assessments,
			Cases cases, PatientRegistry patients, Organizations organizations, List<ActiveProblems> problems,
			org.springframework.context.ApplicationEventPublisher events,
			@Value("${caremap.assessment.expire-after-days:30}") int expireAfterDays,
			@Value("${caremap.assessment.reassess-lead-days:14}") int leadDays) {
		return new Clock(jdbc, tx, instruments, assessments, cases, patients, organizations, problems, events, expireAfterDays,
				leadDays);
	}

	/** One sweep. Public methods for tests and the admin page. */
	static final class Clock {
		private final JdbcClient jdbc;
		private final TransactionTemplate tx;
		private final Instruments instruments;
		private final Assessments assessments;
		private final Cases cases;
		private final PatientRegistry patients;
		private final Organizations organizations;
		private final List<ActiveProblems> problems;
		private final org.springframework.context.ApplicationEventPublisher events;
		private final int expireAfterDays;
		private final int leadDays;

		Clock(JdbcClient jdbc, TransactionTemplate tx, Instruments instruments, Assessments assessments, Cases cases,
				PatientRegistry patients, Organizations organizations, List<ActiveProblems> problems,
				org.springframework.context.ApplicationEventPublisher events, int expireAfterDays, int leadDays) {
			this.events = events;
			this.jdbc = jdbc;
			this.tx = tx;
			this.instruments = instruments;
			this.assessments = assessments;
			this.cases = cases;
			this.patients = patients;
			this.organizations = organizations;
			this.problems = problems;
			this.expireAfterDays = expireAfterDays;
			this.leadDays = leadDays;
		}

		void sweep() {
			LocalDate today = organizations.primary().map(o -> LocalDate.now(o.zone())).orElse(LocalDate.now());
			int expired = expire(today);
			int assigned = reassess(today);
			if (expired + assigned > 0) log.info("Assessments: {} expired, {} re-assessments assigned", expired, assigned);
		}

		int expire(LocalDate today) {
			List<UUID> due = jdbc.sql("""
					select id from assessment where status in ('ASSIGNED', 'IN_PROGRESS') and due_on < ?""")
				.param(today.minusDays(expireAfterDays)).query(UUID.class).list();
			int n = 0;
			for (UUID id : due) {
				Integer done = tx.execute(s -> {
					int changed = jdbc.sql("""
							update assessment set status = 'EXPIRED', closed_reason = 'not completed within '
							       || ? || ' days of its due date', version = version + 1, updated_at = now(),
							       updated_by = 'system:assessment-clock'
							where id = ? and status in ('ASSIGNED', 'IN_PROGRESS')""")
						.params(expireAfterDays, id).update();
					if (changed > 0) {
						PatientId patient = jdbc.sql("select patient_id from assessment where id = ?").param(id)
							.query((rs, k) -> new PatientId(rs.getObject(1, UUID.class))).single();
						events.publishEvent(new org.caremap.assessment.AssessmentCancelled(id, patient, "Assessment expired"));
					}
					return changed;
				});
				n += done == null ? 0 : done;
			}
			return n;
		}

		int reassess(LocalDate today) {
			int assigned = 0;
			for (ReassessmentRule rule : instruments.rules()) {
				if (!rule.active() || instruments.current(rule.instrumentKey()).isEmpty()) continue;
				for (CaseloadRow c : cases.activeInProgram(rule.program())) {
					// the day of the last completion in the organisation's zone (not the database session's)
					java.time.ZoneId zone = organizations.primary().map(o -> o.zone()).orElse(java.time.ZoneOffset.UTC);
					LocalDate last = jdbc.sql("""
							select max(completed_at) from assessment
							where patient_id = ? and instrument_key = ? and status = 'COMPLETED'""")
						.params(c.patient().value(), rule.instrumentKey())
						.query((rs, n) -> rs.getObject(1, java.time.OffsetDateTime.class))
						.optional()
						.map(at -> at.atZoneSameInstant(zone).toLocalDate())
						.orElse(null);
					LocalDate due = last == null ? today : last.plusDays(rule.everyDays());
					if (due.minusDays(leadDays).isAfter(today)) continue;
					boolean open = jdbc.sql("""
							select count(*) from assessment where patient_id = ? and instrument_key = ?
							  and status in ('ASSIGNED', 'IN_PROGRESS')""")
						.params(c.patient().value(), rule.instrumentKey()).query(Long.class).single() > 0;
					if (open || !applies(rule, c)) continue;
					LocalDate dueOn = due.isBefore(today) ? today : due;
					try {
						tx.executeWithoutResult(s -> assessments.assign(c.patient(), c.id(), rule.instrumentKey(), dueOn));
						assigned++;
					}
					catch (DomainException ex) {
						log.debug("Re-assessment of {} not assigned: {}", c.patient(), ex.getMessage());
					}
				}
			}
			return assigned;
		}

		private boolean applies(ReassessmentRule rule, CaseloadRow c) {
			if (rule.whileCodes().isEmpty()) return true;
			Set<String> codes = new java.util.HashSet<>();
			patients.details(c.patient()).ifPresent(d -> d.conditions().stream().map(CodedCondition::code).forEach(codes::add));
			for (ActiveProblems p : problems) codes.addAll(p.codes(c.patient()));
			return codes.stream().map(code -> code.replace(".", "").toUpperCase(java.util.Locale.ROOT))
				.anyMatch(code -> rule.whileCodes().stream().anyMatch(code::startsWith));
		}
	}
}
