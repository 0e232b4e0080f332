package org.caremap.quality.internal;

import java.math.BigDecimal;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.caremap.organization.BusinessCalendar;
import org.caremap.organization.Organizations;
import org.caremap.organization.TeamView;
import org.caremap.platform.ReplicaReads;
import org.caremap.program.ProgramView;
import org.caremap.program.Programs;
import org.caremap.shared.PatientId;
import org.caremap.shared.UserId;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Computes the outcome measures on the quality read model, in the database. Each measure is one statement that
 * yields the rows behind it (one per case, stay, referral, need or request counted: the patient, the day that
 * counted, whether in the numerator, days where the measure has them); a figure is an aggregate over those rows, and
 * a drill-down reads one page of them. Nothing is held in memory beyond a page, so the whole organisation at a
 * million patients costs the database's time, not the heap.
 */
@Component
class MeasureEngine {

	/** The rows a figure carries for a caller that wants them (the drill-down pages through the rest). */
	static final int ROWS = 500;
	private static final int WINDOW_MONTHS = 6;
	/** A measure slower than this is logged (the operator's clue to a plan gone wrong). */
	private static final long SLOW_MILLIS = 2000;
	private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(MeasureEngine.class);

	private final ReplicaReads reads;
	private final Organizations organizations;
	private final Programs programs;

	/** The measures' statements are read where lag is tolerated: the replica when there is one (see ReplicaReads). */
	MeasureEngine(ReplicaReads reads, Organizations organizations, Programs programs) {
		this.reads = reads;
		this.organizations = organizations;
		this.programs = programs;
	}

	/** A measure's statement and its parameters. */
	private record Query(String sql, Map<String, Object> params) {
	}

	/** Every figure of the dashboard, in its order, without rows. */
	@Transactional(readOnly = true)
	List<Figure> all(QualityFilter filter, LocalDate today) {
		List<Figure> figures = new ArrayList<>();
		for (Measure m : Measure.values()) {
			long start = System.nanoTime();
			figures.add(aggregate(m, filter, today, 0));
			long millis = (System.nanoTime() - start) / 1_000_000;
			if (millis >= SLOW_MILLIS) log.info("Outcome measure {} for {} took {} ms", m.key(), KeptFigures.key(filter), millis);
		}
		return figures;
	}

	/** One figure with the first {@link #ROWS} rows behind it. */
	@Transactional(readOnly = true)
	Figure figure(Measure m, QualityFilter f, LocalDate today) {
		return aggregate(m, f, today, ROWS);
	}

	/** One figure without its rows. */
	@Transactional(readOnly = true)
	Figure head(Measure m, QualityFilter f, LocalDate today) {
		return aggregate(m, f, today, 0);
	}

	/** One page of the rows behind a figure, in the order of the day that counted. */
	@Transactional(readOnly = true)
	List<Figure.Row> rows(Measure m, QualityFilter f, LocalDate today, int offset, int limit) {
		Query q = query(m, f, today);
		if (q == null) return List.of();
		Map<String, Object> params = new HashMap<>(q.params());
		params.put("rowLimit", limit);
		params.put("rowOffset", offset);
		return reads.read(jdbc -> jdbc.sql("select patient_id, on_day, num, days from (" + q.sql() + ") r order by on_day, k limit :rowLimit offset :rowOffset")
			.params(params)
			.query((rs, n) -> new Figure.Row(new PatientId(rs.getObject(1, UUID.class)), rs.getObject(2, LocalDate.class),
					rs.getBoolean(3), (Long) rs.getObject(4, Long.class)))
			.list());
	}

	/** Closed cases by the reason given on closing, most frequent first. */
	@Transactional(readOnly = true)
	Map<String, Long> closedByReason(QualityFilter f) {
		Map<String, Object> params = new HashMap<>();
		String cases = cases(f, f.from(), f.to(), params, "");
		if (cases == null) return Map.of();
		params.put("from", Date.valueOf(f.from()));
		params.put("to", Date.valueOf(f.to()));
		Map<String, Long> counts = new LinkedHashMap<>();
		reads.read(jdbc -> jdbc.sql("with fc as not materialized (" + cases + ") select coalesce(close_reason, ''), count(*) from fc where closed_on between :from and :to"
				+ " group by 1 order by 2 desc, coalesce(close_reason, '') collate \"C\"")
			.params(params)
			.query((rs, n) -> Map.entry(rs.getString(1), rs.getLong(2)))
			.list())
			.forEach(e -> counts.put(e.getKey(), e.getValue()));
		return counts;
	}

	private Figure aggregate(Measure m, QualityFilter f, LocalDate today, int rows) {
		Query q = query(m, f, today);
		if (q == null) return empty(m);
		String value = switch (m.unit()) {
			case COUNT -> "count(*)::numeric";
			case PERCENT -> "case when count(*) > 0 then round(100.0 * count(*) filter (where num) / count(*), 1) end";
			// medians: twice the median is a whole number (the middle one, or the two middle ones added), so the
			// halving and the rounding are exact
			case DAYS -> "round((2 * percentile_cont(0.5) within group (order by days) filter (where num))::bigint::numeric / 2, 1)";
			case HOURS -> "round((2 * percentile_cont(0.5) within group (order by minutes))::bigint::numeric / 120, 1)";
			case PER_1000 -> "case when count(*) > 0 then round(1000.0 * coalesce(sum(days), 0) / (count(*) * " + WINDOW_MONTHS + "), 1) end";
		};
		String numerator = m.unit() == Measure.Unit.PER_1000 ? "coalesce(sum(days), 0)"
				: m.unit() == Measure.Unit.COUNT ? "count(*)" : "count(*) filter (where num)";
		String denominator = switch (m.unit()) {
			case COUNT -> "null::bigint";
			case PER_1000 -> "count(*) * " + WINDOW_MONTHS;
			default -> "count(*)";
		};
		Figure head = reads.read(jdbc -> jdbc.sql("select " + numerator + ", " + denominator + ", " + value + " from (" + q.sql() + ") r")
			.params(q.params())
			.query((rs, n) -> new Figure(m, rs.getLong(1), (Long) rs.getObject(2, Long.class), rs.getBigDecimal(3), List.of()))
			.single());
		if (rows == 0) return head;
		return new Figure(m, head.numerator(), head.denominator(), head.value(), rows(m, f, today, 0, rows));
	}

	private static Figure empty(Measure m) {
		return switch (m.unit()) {
			case COUNT -> new Figure(m, 0, null, BigDecimal.ZERO, List.of());
			default -> new Figure(m, 0, 0L, null, List.of());
		};
	}

	/** The case managers the filter counts for: one, a team's members, or anyone (null). */
	private @Nullable Set<UUID> managers(QualityFilter f) {
		if (f.caseManager() != null) return Set.of(f.caseManager().value());
		if (f.team() == null) return null;
		return organizations.primary().stream()
			.flatMap(o -> organizations.teams(o.id()).stream())
			.filter(t -> t.id().equals(f.team()))
			.map(TeamView::members)
			.flatMap(List::stream)
			.map(UserId::value)
			.collect(Collectors.toSet());
	}

	/**
	 * The statement of the filter's cases that were open on at least one day from {@code start} to {@code end} (case,
	 * patient, program, opened, closed, reason), its parameters added under names with the prefix; null when the
	 * filter's team has nobody.
	 */
	private @Nullable String cases(QualityFilter f, LocalDate start, LocalDate end, Map<String, Object> params, String prefix) {
		Set<UUID> managers = managers(f);
		if (managers != null && managers.isEmpty()) return null;
		StringBuilder sql = new StringBuilder("""
				select c.case_id, c.patient_id, c.program_id, c.opened_on, x.closed_on, x.close_reason
				from quality_case c left join quality_case_closure x on x.case_id = c.case_id
				where c.opened_on <= :%1$scEnd and (x.closed_on is null or x.closed_on >= :%1$scStart)""".formatted(prefix));
		params.put(prefix + "cStart", Date.valueOf(start));
		params.put(prefix + "cEnd", Date.valueOf(end));
		if (f.program() != null) {
			sql.append(" and c.program_id = :").append(prefix).append("cProgram");
			params.put(prefix + "cProgram", f.program().value());
		}
		if (managers != null) {
			sql.append(" and c.case_manager_id = any(:").append(prefix).append("cManagers)");
			params.put(prefix + "cManagers", managers.toArray(UUID[]::new));
		}
		return sql.toString();
	}

	/** A case of the filter (fc) that covers the day in the column given, for the same patient as the alias given. */
	private static String covered(String alias, String day) {
		return " exists (select 1 from fc where fc.patient_id = " + alias + ".patient_id and fc.opened_on <= " + alias + "." + day
				+ " and (fc.closed_on is null or fc.closed_on >= " + alias + "." + day + "))";
	}

	/**
	 * The statement of a measure's rows: patient_id, on_day, num (in the numerator), days (or null), k (the order
	 * among rows of a day), and for the turnaround the minutes. Null when the filter selects no case manager.
	 */
	private @Nullable Query query(Measure m, QualityFilter f, LocalDate today) {
		Map<String, Object> params = new HashMap<>();
		String cases = cases(f, f.from(), f.to(), params, "");
		if (cases == null) return null;
		params.put("from", Date.valueOf(f.from()));
		params.put("to", Date.valueOf(f.to()));
		String with = "with fc as not materialized (" + cases + ") ";
		String sql = switch (m) {
			case ENROLLED -> with + "select patient_id, opened_on as on_day, true as num, null::bigint as days, case_id as k from fc";
			case NEW -> with + "select patient_id, opened_on as on_day, true as num, null::bigint as days, case_id as k from fc"
					+ " where opened_on between :from and :to";
			case CLOSED -> with + "select patient_id, closed_on as on_day, true as num, null::bigint as days, case_id as k from fc"
					+ " where closed_on between :from and :to";
			case READMISSIONS -> with + indexStays(params)
					+ " select patient_id, on_day, next_in is not null and next_in - on_day <= 30 as num,"
					+ " case when next_in - on_day <= 30 then (next_in - on_day)::bigint end as days, patient_id as k from idx";
			case TCM_CONTACT, TCM_VISIT_7, TCM_VISIT_14, TRC_ENGAGEMENT, TRC_MEDICATION -> with + indexStays(params)
					+ transitions(m, f, params);
			case CADENCE -> with + cadence(params);
			case GOALS_MET -> with + """
					select g.patient_id, case when g.met_on <= :to then g.met_on else g.first_on end as on_day,
					       coalesce(g.met_on <= :to, false) as num, null::bigint as days, g.goal_id as k
					from quality_goal g
					where g.case_id in (select case_id from fc) and g.first_on <= :to and (g.met_on is null or g.met_on >= :from)
					  and (g.dropped_on is null or g.dropped_on >= :from)""";
			case FIRST_CONTACT -> firstContact(f, params);
			case PHQ9_RESPONSE, PHQ9_REMISSION -> with + phq9(m == Measure.PHQ9_RESPONSE);
			case SOCIAL_CLOSED -> with + """
					select n.patient_id, n.identified_on as on_day, coalesce(n.resolved_on <= :to, false) as num,
					       case when n.resolved_on <= :to then (n.resolved_on - n.identified_on)::bigint end as days, n.need_id as k
					from quality_social_need n
					where n.identified_on between :from and :to and""" + covered("n", "identified_on");
			case COMMUNITY_CLOSED -> with + """
					select r.patient_id, r.sent_on as on_day, coalesce(r.closed_on <= :to, false) as num,
					       case when r.closed_on <= :to then (r.closed_on - r.sent_on)::bigint end as days, r.referral_id as k
					from quality_community_referral r
					where r.sent_on between :from and :to and""" + covered("r", "sent_on");
			case AUTHORIZATION_TURNAROUND -> with + """
					select a.patient_id, a.decided_on as on_day, t.minutes <= 168 * 60 as num, t.minutes / 60 as days,
					       a.authorization_id as k, t.minutes
					from quality_authorization a
					cross join lateral (select extract(epoch from a.decided_at - a.submitted_at)::bigint / 60 as minutes) t
					where a.decided_on between :from and :to and""" + covered("a", "decided_on");
			case ED_BEFORE -> with + utilization(today, "ED", true, params);
			case ED_AFTER -> with + utilization(today, "ED", false, params);
			case ADMISSIONS_BEFORE -> with + utilization(today, "INPATIENT", true, params);
			case ADMISSIONS_AFTER -> with + utilization(today, "INPATIENT", false, params);
		};
		return new Query(sql, params);
	}

	/**
	 * The index stays of the filter and period as a CTE {@code idx} (patient_id, on_day = the discharge, next_in = the
	 * next stay's admission). Inpatient stays of the filter's patients, ordered, with stays less than 2 calendar days
	 * apart merged into one (a stay starts a new one when it begins 2 or more days after every stay before it ended);
	 * an index stay is discharged in the period while the patient was enrolled in a case of the filter, and is not a
	 * same-day stay.
	 */
	private static String indexStays(Map<String, Object> params) {
		params.put("stayFrom", Date.valueOf(((Date) params.get("from")).toLocalDate().minusDays(400)));
		params.put("stayTo", Date.valueOf(((Date) params.get("to")).toLocalDate().plusDays(31)));
		return """
				, st as (
				    select s.patient_id, s.admitted_on, s.discharged_on,
				           max(s.discharged_on) over (partition by s.patient_id order by s.admitted_on, s.discharged_on
				                                      rows between unbounded preceding and 1 preceding) as before_out
				    from quality_stay s
				    where s.patient_id in (select patient_id from fc) and s.kind = 'INPATIENT' and s.admitted_on is not null
				      and s.discharged_on is not null and s.admitted_on <= :stayTo and s.discharged_on >= :stayFrom),
				  island as (
				    select patient_id, admitted_on, discharged_on,
				           sum(case when before_out is null or admitted_on - before_out >= 2 then 1 else 0 end)
				             over (partition by patient_id order by admitted_on, discharged_on rows unbounded preceding) as g
				    from st),
				  merged as (
				    select patient_id, g, min(admitted_on) as admitted_on, max(discharged_on) as discharged_on from island
				    group by patient_id, g),
				  idx as (
				    select m.patient_id, m.discharged_on as on_day, m.next_in from (
				      select patient_id, admitted_on, discharged_on,
				             lead(admitted_on) over (partition by patient_id order by g) as next_in from merged) m
				    where m.discharged_on between :from and :to and m.admitted_on <> m.discharged_on
				      and exists (select 1 from fc where fc.patient_id = m.patient_id and fc.opened_on <= m.discharged_on
				                  and (fc.closed_on is null or fc.closed_on >= m.discharged_on)))""";
	}

	/**
	 * After the index discharges of the period: TCM contact (the patient or a caregiver reached within 2 business
	 * days after the discharge day), TCM visit (a face-to-face provider visit kept within 7 or 14 days, the discharge
	 * day included), TRC engagement (reached or seen from the day after the discharge through 30 days after), TRC
	 * medication reconciliation (signed from the discharge day through 30 days after). Days: to the first that counts.
	 */
	private String transitions(Measure m, QualityFilter f, Map<String, Object> params) {
		String reached = "(select min(c.occurred_on) from quality_contact c where c.patient_id = idx.patient_id and c.reached"
				+ " and c.occurred_on between %s and %s)";
		String visit = "(select min(v.kept_on) from quality_visit v where v.patient_id = idx.patient_id and v.kept_on between %s and %s)";
		String met = switch (m) {
			case TCM_CONTACT -> reached.formatted("idx.on_day + 1", "w.last_day");
			case TCM_VISIT_7 -> visit.formatted("idx.on_day", "idx.on_day + 7");
			case TCM_VISIT_14 -> visit.formatted("idx.on_day", "idx.on_day + 14");
			case TRC_ENGAGEMENT -> "least(" + reached.formatted("idx.on_day + 1", "idx.on_day + 30") + ", "
					+ visit.formatted("idx.on_day + 1", "idx.on_day + 30") + ")";
			default -> "(select min(r.signed_on) from quality_reconciliation r where r.patient_id = idx.patient_id"
					+ " and r.signed_on between idx.on_day and idx.on_day + 30)";
		};
		String window = "";
		if (m == Measure.TCM_CONTACT) {
			// the second business day after each day of the period, from the organisation's calendar
			BusinessCalendar calendar = organizations.primary().map(o -> organizations.calendar(o.id())).orElse(null);
			List<String> days = new ArrayList<>();
			List<String> lasts = new ArrayList<>();
			for (LocalDate d = f.from(); !d.isAfter(f.to()); d = d.plusDays(1)) {
				days.add(d.toString());
				lasts.add((calendar == null ? d.plusDays(2) : calendar.businessDaysAfter(d, 2)).toString());
			}
			params.put("windowDays", days.toArray(String[]::new));
			params.put("windowLasts", lasts.toArray(String[]::new));
			window = " join unnest(cast(:windowDays as date[]), cast(:windowLasts as date[])) as w(day, last_day) on w.day = idx.on_day";
		}
		return " select idx.patient_id, idx.on_day, e.met is not null as num, (e.met - idx.on_day)::bigint as days, idx.patient_id as k"
				+ " from idx" + window + " cross join lateral (select " + met + " as met) e";
	}

	/**
	 * Contacts per cadence kept: a case open for at least its program's cadence (every N days) during the period is
	 * kept when the patient or a caregiver was reached at least every N days across the days of the period it was
	 * open, counting from the last time they were reached before (or the case's start, looking back at most a year
	 * before the period). Days: the longest gap.
	 */
	private String cadence(Map<String, Object> params) {
		List<ProgramView> all = programs.all();
		params.put("cadencePrograms", all.stream().map(p -> p.id().value()).toArray(UUID[]::new));
		params.put("cadenceDays", all.stream().map(ProgramView::contactEveryDays).toArray(Integer[]::new));
		params.put("lookBack", Date.valueOf(((Date) params.get("from")).toLocalDate().minusDays(367)));
		return """
				, cc as (
				    select fc.case_id, fc.patient_id, fc.opened_on, e.every,
				           greatest(fc.opened_on, :from) as st,
				           case when fc.closed_on is not null and fc.closed_on < :to then fc.closed_on else :to end as en
				    from fc join unnest(cast(:cadencePrograms as uuid[]), cast(:cadenceDays as integer[])) as e(program_id, every)
				      on e.program_id = fc.program_id
				    where e.every > 0)
				select cc.patient_id, cc.st as on_day, g.longest <= cc.every as num, g.longest::bigint as days, cc.case_id as k
				from cc
				cross join lateral (
				    select max(x - prev) as longest from (
				        select x, lag(x) over (order by x) as prev from (
				            select coalesce((select max(q.occurred_on) from quality_contact q where q.patient_id = cc.patient_id
				                               and q.reached and q.occurred_on between greatest(cc.opened_on, :lookBack) and cc.st),
				                            cc.opened_on) as x
				            union all
				            select q.occurred_on from quality_contact q where q.patient_id = cc.patient_id and q.reached
				              and q.occurred_on > cc.st and q.occurred_on <= cc.en
				            union all
				            select cc.en) d) gaps) g
				where cc.en - cc.st >= cc.every""";
	}

	/**
	 * Time from referral to first contact: referrals received in the period (for the program; for a case manager or
	 * a team, the referrals of patients enrolled in their cases), the days to the first contact with or about the
	 * patient on or after the day received. The value is the median of those contacted; the numerator counts them.
	 */
	private String firstContact(QualityFilter f, Map<String, Object> params) {
		StringBuilder sql = new StringBuilder();
		boolean someManagers = f.caseManager() != null || f.team() != null;
		if (someManagers) {
			String theirs = cases(f, f.from(), f.to().plusYears(5), params, "t");
			sql.append("with theirs as (").append(theirs).append(") ");
		}
		sql.append("""
				select r.patient_id, r.received_on as on_day, c.first is not null as num,
				       (c.first - r.received_on)::bigint as days, r.referral_id as k
				from quality_referral r
				cross join lateral (select min(q.occurred_on) as first from quality_contact q
				                    where q.patient_id = r.patient_id and q.occurred_on >= r.received_on) c
				where r.received_on between :from and :to""");
		if (f.program() != null) {
			sql.append(" and r.program_id = :referralProgram");
			params.put("referralProgram", f.program().value());
		}
		if (someManagers) sql.append(" and r.patient_id in (select patient_id from theirs)");
		return sql.toString();
	}

	/**
	 * PHQ-9 response (the follow-up total at most half the baseline) or remission (the follow-up total below 5). The
	 * baseline is the first PHQ-9 during the case, counted when 10 or more; the follow-up is the latest PHQ-9 of the
	 * case completed in the period, at least 8 weeks after the baseline. Denominator: the cases with both. Days: the
	 * follow-up total.
	 */
	private static String phq9(boolean response) {
		String during = "p.patient_id = fc.patient_id and p.completed_on <= :to and p.completed_on >= fc.opened_on"
				+ " and (fc.closed_on is null or p.completed_on <= fc.closed_on)";
		return "select fc.patient_id, u.completed_on as on_day, "
				+ (response ? "u.total * 2 <= b.total" : "u.total < 5") + " as num, u.total::bigint as days, fc.case_id as k"
				+ " from fc"
				+ " cross join lateral (select p.completed_on, p.total from quality_phq9 p where " + during
				+ " order by p.completed_on, p.assessment_id limit 1) b"
				+ " cross join lateral (select p.completed_on, p.total from quality_phq9 p where " + during
				+ " and p.completed_on >= :from and p.completed_on - b.completed_on >= 56"
				+ " order by p.completed_on desc, p.assessment_id desc limit 1) u"
				+ " where b.total >= 10";
	}

	/**
	 * ED visits or admissions in the 6 months before enrolment or the 6 months from it, for the cases that began in
	 * the period and whose 6 months after have passed (so both windows are whole: 6 patient-months each). Days: the
	 * visits or admissions of the case; the figure's numerator is their sum, its denominator patient-months.
	 */
	private static String utilization(LocalDate today, String kind, boolean before, Map<String, Object> params) {
		params.put("today", Date.valueOf(today));
		params.put("stayKind", kind);
		String start = before ? "(fc.opened_on - interval '" + WINDOW_MONTHS + " months')::date" : "fc.opened_on";
		String end = before ? "fc.opened_on" : "(fc.opened_on + interval '" + WINDOW_MONTHS + " months')::date";
		return "select fc.patient_id, fc.opened_on as on_day, n.visits > 0 as num, n.visits as days, fc.case_id as k"
				+ " from fc cross join lateral (select count(*) as visits from quality_stay s where s.patient_id = fc.patient_id"
				+ " and s.kind = :stayKind and s.admitted_on >= " + start + " and s.admitted_on < " + end + ") n"
				+ " where fc.opened_on between :from and :to and (fc.opened_on + interval '" + WINDOW_MONTHS + " months')::date <= :today";
	}
}
