package org.caremap.quality.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Date;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.caremap.organization.Organizations;
import org.caremap.organization.TeamView;
import org.caremap.program.ProgramId;
import org.caremap.program.Programs;
import org.caremap.shared.PatientId;
import org.caremap.shared.UserId;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Computes the outcome measures on the quality read model. Every measure starts from the cases of the filter (the
 * program, the case manager or the team's members, and the period); the SQL uses the read model's indexes, the
 * per-patient logic (merging stays, cadence gaps, medians) runs on the rows of those cases only.
 */
@Component
class MeasureEngine {

	private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
	private static final int WINDOW_MONTHS = 6;

	private final JdbcClient jdbc;
	private final Organizations organizations;
	private final Programs programs;

	MeasureEngine(JdbcClient jdbc, Organizations organizations, Programs programs) {
		this.jdbc = jdbc;
		this.organizations = organizations;
		this.programs = programs;
	}

	/** A case of the filter. */
	record Case(UUID id, PatientId patient, ProgramId program, LocalDate opened, @Nullable LocalDate closed,
			@Nullable String reason) {
		boolean coversDay(LocalDate day) {
			return !day.isBefore(opened) && (closed == null || !day.isAfter(closed));
		}
	}

	/** A hospital stay or ED visit. */
	record Stay(PatientId patient, String kind, LocalDate admitted, @Nullable LocalDate discharged) {
	}

	/** What one computation of every figure reads once and shares (the filter's cases, the index stays). */
	private static final ThreadLocal<Map<String, Object>> SHARED = new ThreadLocal<>();

	@SuppressWarnings("unchecked")
	private <T> T shared(String key, java.util.function.Supplier<T> read) {
		Map<String, Object> memo = SHARED.get();
		if (memo == null) return read.get();
		return (T) memo.computeIfAbsent(key, k -> read.get());
	}

	/** Every figure of the dashboard, in its order (the filter's cases and index stays read once for all). */
	@Transactional(readOnly = true)
	List<Figure> all(QualityFilter filter, LocalDate today) {
		boolean outer = SHARED.get() == null;
		if (outer) SHARED.set(new HashMap<>());
		try {
			List<Figure> figures = new ArrayList<>();
			for (Measure m : Measure.values()) figures.add(figure(m, filter, today));
			return figures;
		}
		finally {
			if (outer) SHARED.remove();
		}
	}

	/** Closed cases by the reason given on closing, most frequent first. */
	@Transactional(readOnly = true)
	Map<String, Long> closedByReason(QualityFilter filter) {
		Map<String, Long> counts = new HashMap<>();
		for (Case c : cases(filter, filter.from(), filter.to())) {
			if (c.closed() != null && inPeriod(c.closed(), filter)) {
				counts.merge(c.reason() == null ? "" : c.reason(), 1L, Long::sum);
			}
		}
		return counts.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()
			.thenComparing(Map.Entry.comparingByKey()))
			.collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, LinkedHashMap::new));
	}

	@Transactional(readOnly = true)
	Figure figure(Measure m, QualityFilter f, LocalDate today) {
		return switch (m) {
			case ENROLLED -> count(m, cases(f, f.from(), f.to()));
			case NEW -> count(m, cases(f, f.from(), f.to()).stream().filter(c -> inPeriod(c.opened(), f)).toList());
			case CLOSED -> closed(f);
			case READMISSIONS -> readmissions(f);
			case CADENCE -> cadence(f);
			case GOALS_MET -> goals(f);
			case FIRST_CONTACT -> firstContact(f);
			case PHQ9_RESPONSE -> phq9(f, true);
			case PHQ9_REMISSION -> phq9(f, false);
			case TCM_CONTACT, TCM_VISIT_7, TCM_VISIT_14, TRC_ENGAGEMENT, TRC_MEDICATION -> transitions(m, f);
			case SOCIAL_CLOSED -> socialClosed(f);
			case COMMUNITY_CLOSED -> communityClosed(f);
			case AUTHORIZATION_TURNAROUND -> turnaround(f);
			case ED_BEFORE -> utilization(m, f, today, "ED", true);
			case ED_AFTER -> utilization(m, f, today, "ED", false);
			case ADMISSIONS_BEFORE -> utilization(m, f, today, "INPATIENT", true);
			case ADMISSIONS_AFTER -> utilization(m, f, today, "INPATIENT", false);
		};
	}

	private static boolean inPeriod(LocalDate day, QualityFilter f) {
		return !day.isBefore(f.from()) && !day.isAfter(f.to());
	}

	private Figure count(Measure m, List<Case> cases) {
		List<Figure.Row> rows = cases.stream().map(c -> new Figure.Row(c.patient(), c.opened(), true, null)).toList();
		return new Figure(m, rows.size(), null, BigDecimal.valueOf(rows.size()), rows);
	}

	private Figure closed(QualityFilter f) {
		List<Figure.Row> rows = cases(f, f.from(), f.to()).stream()
			.filter(c -> c.closed() != null && inPeriod(c.closed(), f))
			.map(c -> new Figure.Row(c.patient(), java.util.Objects.requireNonNull(c.closed()), true, null))
			.toList();
		return new Figure(Measure.CLOSED, rows.size(), null, BigDecimal.valueOf(rows.size()), rows);
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

	/** The filter's cases that were open on at least one day from {@code start} to {@code end}. */
	List<Case> cases(QualityFilter f, LocalDate start, LocalDate end) {
		return shared("cases:" + f + ":" + start + ":" + end, () -> readCases(f, start, end));
	}

	private List<Case> readCases(QualityFilter f, LocalDate start, LocalDate end) {
		Set<UUID> managers = managers(f);
		if (managers != null && managers.isEmpty()) return List.of();
		StringBuilder sql = new StringBuilder("""
				select c.case_id, c.patient_id, c.program_id, c.opened_on, x.closed_on, x.close_reason
				from quality_case c left join quality_case_closure x on x.case_id = c.case_id
				where c.opened_on <= :end and (x.closed_on is null or x.closed_on >= :start)""");
		Map<String, Object> params = new HashMap<>();
		params.put("start", Date.valueOf(start));
		params.put("end", Date.valueOf(end));
		if (f.program() != null) {
			sql.append(" and c.program_id = :program");
			params.put("program", f.program().value());
		}
		if (managers != null) {
			sql.append(" and c.case_manager_id = any(:managers)");
			params.put("managers", managers.toArray(UUID[]::new));
		}
		sql.append(" order by c.opened_on, c.case_id");
		return jdbc.sql(sql.toString()).params(params)
			.query((rs, n) -> new Case(rs.getObject(1, UUID.class), new PatientId(rs.getObject(2, UUID.class)),
					new ProgramId(rs.getObject(3, UUID.class)), rs.getObject(4, LocalDate.class),
					rs.getObject(5, LocalDate.class), rs.getString(6)))
			.list();
	}

	private Map<PatientId, List<Stay>> stays(Collection<PatientId> patients, LocalDate start, LocalDate end) {
		if (patients.isEmpty()) return Map.of();
		return jdbc.sql("""
				select patient_id, kind, admitted_on, discharged_on from quality_stay
				where patient_id = any(?) and admitted_on is not null and admitted_on <= ?
				  and coalesce(discharged_on, admitted_on) >= ?
				order by patient_id, admitted_on, discharged_on nulls last""")
			.params(patients.stream().map(PatientId::value).distinct().toArray(UUID[]::new), Date.valueOf(end), Date.valueOf(start))
			.query((rs, n) -> new Stay(new PatientId(rs.getObject(1, UUID.class)), rs.getString(2),
					rs.getObject(3, LocalDate.class), rs.getObject(4, LocalDate.class)))
			.list()
			.stream()
			.collect(Collectors.groupingBy(Stay::patient, LinkedHashMap::new, Collectors.toList()));
	}

	/** Inpatient stays of one patient, ordered, with stays less than 2 calendar days apart merged into one. */
	static List<Stay> merged(List<Stay> stays) {
		List<Stay> out = new ArrayList<>();
		for (Stay s : stays) {
			if (!"INPATIENT".equals(s.kind()) || s.discharged() == null) continue;
			if (!out.isEmpty()) {
				Stay last = out.get(out.size() - 1);
				if (ChronoUnit.DAYS.between(java.util.Objects.requireNonNull(last.discharged()), s.admitted()) < 2) {
					LocalDate end = s.discharged().isAfter(last.discharged()) ? s.discharged() : last.discharged();
					out.set(out.size() - 1, new Stay(last.patient(), last.kind(), last.admitted(), end));
					continue;
				}
			}
			out.add(s);
		}
		return out;
	}

	/**
	 * PCR-like, observed: index stays are the merged inpatient stays discharged in the period while the patient was
	 * enrolled in a case of the filter, leaving out same-day stays (admitted and discharged the same day); an index
	 * stay is readmitted when another merged stay begins within 30 days after its discharge.
	 */
	private Figure readmissions(QualityFilter f) {
		return ratio(Measure.READMISSIONS, indexStays(f));
	}

	/**
	 * The index stays of the filter and period (merged, not same-day, discharged in the period while enrolled in a
	 * case of the filter), each with whether another stay began within 30 days after it and how many days after.
	 */
	private List<Figure.Row> indexStays(QualityFilter f) {
		return shared("index:" + f, () -> readIndexStays(f));
	}

	private List<Figure.Row> readIndexStays(QualityFilter f) {
		List<Case> cases = cases(f, f.from(), f.to());
		Map<PatientId, List<Case>> byPatient = cases.stream().collect(Collectors.groupingBy(Case::patient));
		Map<PatientId, List<Stay>> all = stays(byPatient.keySet(), f.from().minusDays(400), f.to().plusDays(31));
		List<Figure.Row> rows = new ArrayList<>();
		for (var entry : all.entrySet()) {
			List<Stay> stays = merged(entry.getValue());
			for (int i = 0; i < stays.size(); i++) {
				Stay s = stays.get(i);
				LocalDate out = java.util.Objects.requireNonNull(s.discharged());
				if (!inPeriod(out, f) || s.admitted().equals(out)) continue;
				if (byPatient.get(entry.getKey()).stream().noneMatch(c -> c.coversDay(out))) continue;
				Long after = null;
				if (i + 1 < stays.size()) {
					long gap = ChronoUnit.DAYS.between(out, stays.get(i + 1).admitted());
					if (gap <= 30) after = gap;
				}
				rows.add(new Figure.Row(entry.getKey(), out, after != null, after));
			}
		}
		rows.sort(Comparator.comparing(Figure.Row::on).thenComparing(r -> r.patient().value()));
		return rows;
	}

	private Map<PatientId, List<LocalDate>> days(String sql, Collection<PatientId> patients, LocalDate start, LocalDate end) {
		Map<PatientId, List<LocalDate>> out = new HashMap<>();
		if (patients.isEmpty()) return out;
		jdbc.sql(sql).params(patients.stream().map(PatientId::value).distinct().toArray(UUID[]::new), Date.valueOf(start), Date.valueOf(end))
			.query((rs, n) -> Map.entry(new PatientId(rs.getObject(1, UUID.class)), rs.getObject(2, LocalDate.class)))
			.list()
			.forEach(e -> out.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
		return out;
	}

	/**
	 * After the index discharges of the period: TCM contact (the patient or a caregiver reached within 2 business
	 * days after the discharge day), TCM visit (a face-to-face provider visit kept within 7 or 14 days, the discharge
	 * day included), TRC engagement (reached or seen from the day after the discharge through 30 days after), TRC
	 * medication reconciliation (signed from the discharge day through 30 days after). Days: to the first that counts.
	 */
	private Figure transitions(Measure m, QualityFilter f) {
		List<Figure.Row> index = indexStays(f);
		Set<PatientId> patients = index.stream().map(Figure.Row::patient).collect(Collectors.toSet());
		LocalDate start = f.from();
		LocalDate end = f.to().plusDays(31);
		Map<PatientId, List<LocalDate>> reached = days(
				"select patient_id, occurred_on from quality_contact where patient_id = any(?) and reached and occurred_on between ? and ?",
				patients, start, end);
		Map<PatientId, List<LocalDate>> visits = days(
				"select patient_id, kept_on from quality_visit where patient_id = any(?) and kept_on between ? and ?", patients, start, end);
		Map<PatientId, List<LocalDate>> reconciled = days(
				"select patient_id, signed_on from quality_reconciliation where patient_id = any(?) and signed_on between ? and ?",
				patients, start, end);
		var calendar = organizations.primary().map(o -> organizations.calendar(o.id())).orElse(null);
		List<Figure.Row> rows = new ArrayList<>();
		for (Figure.Row stay : index) {
			LocalDate out = stay.on();
			PatientId p = stay.patient();
			List<LocalDate> evidence = new ArrayList<>();
			LocalDate first;
			LocalDate last;
			switch (m) {
				case TCM_CONTACT -> {
					evidence.addAll(reached.getOrDefault(p, List.of()));
					first = out.plusDays(1);
					last = calendar == null ? out.plusDays(2) : calendar.businessDaysAfter(out, 2);
				}
				case TCM_VISIT_7, TCM_VISIT_14 -> {
					evidence.addAll(visits.getOrDefault(p, List.of()));
					first = out;
					last = out.plusDays(m == Measure.TCM_VISIT_7 ? 7 : 14);
				}
				case TRC_ENGAGEMENT -> {
					evidence.addAll(reached.getOrDefault(p, List.of()));
					evidence.addAll(visits.getOrDefault(p, List.of()));
					first = out.plusDays(1);
					last = out.plusDays(30);
				}
				default -> {
					evidence.addAll(reconciled.getOrDefault(p, List.of()));
					first = out;
					last = out.plusDays(30);
				}
			}
			LocalDate met = evidence.stream().filter(d -> !d.isBefore(first) && !d.isAfter(last)).min(LocalDate::compareTo).orElse(null);
			rows.add(new Figure.Row(p, out, met != null, met == null ? null : ChronoUnit.DAYS.between(out, met)));
		}
		return ratio(m, rows);
	}

	/**
	 * Social needs closed: social needs found by screening in the period for patients then enrolled in a case of the
	 * filter (denominator); those met by the end of the period (numerator). Days: from found to met.
	 */
	private Figure socialClosed(QualityFilter f) {
		return identifiedAndClosed(Measure.SOCIAL_CLOSED, f, """
				select patient_id, identified_on, resolved_on from quality_social_need
				where patient_id = any(?) and identified_on between ? and ? order by identified_on, need_id""");
	}

	/**
	 * Community referrals closed: referrals to community organisations sent in the period for patients then enrolled
	 * in a case of the filter (denominator); those whose loop closed (completed, rejected or cancelled) by the end of
	 * the period (numerator). Days: from sent to closed.
	 */
	private Figure communityClosed(QualityFilter f) {
		return identifiedAndClosed(Measure.COMMUNITY_CLOSED, f, """
				select patient_id, sent_on, closed_on from quality_community_referral
				where patient_id = any(?) and sent_on between ? and ? order by sent_on, referral_id""");
	}

	/**
	 * Things opened in the period for patients then enrolled in a case of the filter (the query's rows: patient,
	 * opened on, closed on), and those closed by the period's end.
	 */
	private Figure identifiedAndClosed(Measure m, QualityFilter f, String sql) {
		List<Case> cases = cases(f, f.from(), f.to());
		Map<PatientId, List<Case>> byPatient = cases.stream().collect(Collectors.groupingBy(Case::patient));
		if (byPatient.isEmpty()) return ratio(m, List.of());
		List<Figure.Row> rows = jdbc.sql(sql)
			.params(byPatient.keySet().stream().map(PatientId::value).toArray(UUID[]::new), Date.valueOf(f.from()), Date.valueOf(f.to()))
			.query((rs, n) -> {
				PatientId p = new PatientId(rs.getObject(1, UUID.class));
				LocalDate opened = rs.getObject(2, LocalDate.class);
				LocalDate closed = rs.getObject(3, LocalDate.class);
				boolean in = closed != null && !closed.isAfter(f.to());
				return new Figure.Row(p, opened, in, in ? ChronoUnit.DAYS.between(opened, closed) : null);
			})
			.list()
			.stream()
			.filter(r -> byPatient.get(r.patient()).stream().anyMatch(c -> c.coversDay(r.on())))
			.toList();
		return ratio(m, rows);
	}

	private static Figure ratio(Measure m, List<Figure.Row> rows) {
		long numerator = rows.stream().filter(Figure.Row::numerator).count();
		long denominator = rows.size();
		BigDecimal value = denominator == 0 ? null
				: BigDecimal.valueOf(numerator).multiply(HUNDRED).divide(BigDecimal.valueOf(denominator), 1, RoundingMode.HALF_UP);
		return new Figure(m, numerator, denominator, value, rows);
	}

	/**
	 * Contacts per cadence kept: a case open for at least its program's cadence (every N days) during the period is
	 * kept when the patient or a caregiver was reached at least every N days across the days of the period it was
	 * open, counting from the last time they were reached before (or the case's start).
	 */
	private Figure cadence(QualityFilter f) {
		List<Case> cases = cases(f, f.from(), f.to());
		Map<UUID, Integer> every = new HashMap<>();
		Map<PatientId, List<LocalDate>> reached = reached(cases.stream().map(Case::patient).collect(Collectors.toSet()),
				f.from().minusDays(367), f.to());
		List<Figure.Row> rows = new ArrayList<>();
		for (Case c : cases) {
			int n = every.computeIfAbsent(c.program().value(),
					p -> programs.find(new ProgramId(p)).map(v -> v.contactEveryDays()).orElse(0));
			if (n <= 0) continue;
			LocalDate start = c.opened().isAfter(f.from()) ? c.opened() : f.from();
			LocalDate end = c.closed() != null && c.closed().isBefore(f.to()) ? c.closed() : f.to();
			if (ChronoUnit.DAYS.between(start, end) < n) continue;
			LocalDate last = c.opened();
			long longest = 0;
			for (LocalDate d : reached.getOrDefault(c.patient(), List.of())) {
				if (d.isBefore(c.opened()) || d.isAfter(end)) continue;
				if (!d.isAfter(start)) {
					last = d;
					continue;
				}
				longest = Math.max(longest, ChronoUnit.DAYS.between(last, d));
				last = d;
			}
			longest = Math.max(longest, ChronoUnit.DAYS.between(last, end));
			rows.add(new Figure.Row(c.patient(), start, longest <= n, longest));
		}
		return ratio(Measure.CADENCE, rows);
	}

	private Map<PatientId, List<LocalDate>> reached(Set<PatientId> patients, LocalDate start, LocalDate end) {
		if (patients.isEmpty()) return Map.of();
		Map<PatientId, List<LocalDate>> out = new HashMap<>();
		jdbc.sql("""
				select patient_id, occurred_on from quality_contact
				where patient_id = any(?) and reached and occurred_on between ? and ? order by occurred_on""")
			.params(patients.stream().map(PatientId::value).toArray(UUID[]::new), Date.valueOf(start), Date.valueOf(end))
			.query((rs, n) -> Map.entry(new PatientId(rs.getObject(1, UUID.class)), rs.getObject(2, LocalDate.class)))
			.list()
			.forEach(e -> out.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
		return out;
	}

	/**
	 * Time from referral to first contact: referrals received in the period (for the program; for a case manager or
	 * a team, the referrals of patients enrolled in their cases), the days to the first contact with or about the
	 * patient on or after the day received. The value is the median of those contacted; the numerator counts them.
	 */
	private Figure firstContact(QualityFilter f) {
		StringBuilder sql = new StringBuilder("""
				select r.patient_id, r.received_on,
				       (select min(c.occurred_on) from quality_contact c where c.patient_id = r.patient_id and c.occurred_on >= r.received_on)
				from quality_referral r where r.received_on between :from and :to""");
		Map<String, Object> params = new HashMap<>();
		params.put("from", Date.valueOf(f.from()));
		params.put("to", Date.valueOf(f.to()));
		if (f.program() != null) {
			sql.append(" and r.program_id = :program");
			params.put("program", f.program().value());
		}
		List<Figure.Row> rows = jdbc.sql(sql.append(" order by r.received_on, r.referral_id").toString()).params(params)
			.query((rs, n) -> {
				LocalDate received = rs.getObject(2, LocalDate.class);
				LocalDate first = rs.getObject(3, LocalDate.class);
				return new Figure.Row(new PatientId(rs.getObject(1, UUID.class)), received, first != null,
						first == null ? null : ChronoUnit.DAYS.between(received, first));
			})
			.list();
		if (managers(f) != null) {
			Set<PatientId> theirs = cases(f, f.from(), f.to().plusYears(5)).stream().map(Case::patient)
				.collect(Collectors.toSet());
			rows = rows.stream().filter(r -> theirs.contains(r.patient())).toList();
		}
		List<Long> days = rows.stream().filter(Figure.Row::numerator).map(r -> java.util.Objects.requireNonNull(r.days()))
			.sorted().toList();
		BigDecimal median = null;
		if (!days.isEmpty()) {
			int mid = days.size() / 2;
			median = days.size() % 2 == 1 ? BigDecimal.valueOf(days.get(mid)).setScale(1)
					: BigDecimal.valueOf(days.get(mid - 1) + days.get(mid)).divide(BigDecimal.valueOf(2), 1, RoundingMode.HALF_UP);
		}
		return new Figure(Measure.FIRST_CONTACT, days.size(), (long) rows.size(), median, rows);
	}

	/**
	 * Goals met: the goals on the care plans of the filter's cases, first set on or before the period's end and not
	 * met or dropped before it began (denominator); those met (achieved, sustained or completed) in the period
	 * (numerator). A goal dropped in the period counts as not met.
	 */
	private Figure goals(QualityFilter f) {
		List<Case> cases = cases(f, f.from(), f.to());
		if (cases.isEmpty()) return ratio(Measure.GOALS_MET, List.of());
		List<Figure.Row> rows = jdbc.sql("""
				select patient_id, first_on, met_on from quality_goal
				where case_id = any(?) and first_on <= ? and (met_on is null or met_on >= ?) and (dropped_on is null or dropped_on >= ?)
				order by first_on, goal_id""")
			.params(cases.stream().map(Case::id).toArray(UUID[]::new), Date.valueOf(f.to()), Date.valueOf(f.from()),
					Date.valueOf(f.from()))
			.query((rs, n) -> {
				LocalDate met = rs.getObject(3, LocalDate.class);
				boolean in = met != null && !met.isAfter(f.to());
				return new Figure.Row(new PatientId(rs.getObject(1, UUID.class)), in ? met : rs.getObject(2, LocalDate.class), in, null);
			})
			.list();
		return ratio(Measure.GOALS_MET, rows);
	}

	/**
	 * Authorization turnaround: prior authorization requests first decided in the period for patients then enrolled
	 * in a case of the filter (denominator); the value is the median hours from sending to the payer to the first
	 * decision; the numerator counts those decided within 7 calendar days (168 hours, the standard time frame of
	 * CMS-0057-F). Days: the hours, rounded down.
	 */
	private Figure turnaround(QualityFilter f) {
		List<Case> cases = cases(f, f.from(), f.to());
		Map<PatientId, List<Case>> byPatient = cases.stream().collect(Collectors.groupingBy(Case::patient));
		if (byPatient.isEmpty()) return new Figure(Measure.AUTHORIZATION_TURNAROUND, 0, 0L, null, List.of());
		List<Map.Entry<Figure.Row, Long>> decided = jdbc.sql("""
				select patient_id, decided_on, extract(epoch from decided_at - submitted_at)::bigint / 60 from quality_authorization
				where patient_id = any(?) and decided_on between ? and ? order by decided_on, authorization_id""")
			.params(byPatient.keySet().stream().map(PatientId::value).toArray(UUID[]::new), Date.valueOf(f.from()), Date.valueOf(f.to()))
			.query((rs, n) -> {
				long minutes = rs.getLong(3);
				return Map.entry(new Figure.Row(new PatientId(rs.getObject(1, UUID.class)), rs.getObject(2, LocalDate.class),
						minutes <= 168 * 60, minutes / 60), minutes);
			})
			.list()
			.stream()
			.filter(e -> byPatient.get(e.getKey().patient()).stream().anyMatch(c -> c.coversDay(e.getKey().on())))
			.toList();
		List<Long> minutes = decided.stream().map(Map.Entry::getValue).sorted().toList();
		BigDecimal median = null;
		if (!minutes.isEmpty()) {
			int mid = minutes.size() / 2;
			long twice = minutes.size() % 2 == 1 ? 2 * minutes.get(mid) : minutes.get(mid - 1) + minutes.get(mid);
			median = BigDecimal.valueOf(twice).divide(BigDecimal.valueOf(120), 1, RoundingMode.HALF_UP);
		}
		List<Figure.Row> rows = decided.stream().map(Map.Entry::getKey).toList();
		return new Figure(Measure.AUTHORIZATION_TURNAROUND, rows.stream().filter(Figure.Row::numerator).count(),
				(long) rows.size(), median, rows);
	}

	/** A PHQ-9 total on a day. */
	record Phq9(LocalDate on, int total) {
	}

	/**
	 * PHQ-9 response (the follow-up total at most half the baseline) or remission (the follow-up total below 5). The
	 * baseline is the first PHQ-9 during the case, counted when 10 or more; the follow-up is the latest PHQ-9 of the
	 * case completed in the period, at least 8 weeks after the baseline. Denominator: the cases with both.
	 */
	private Figure phq9(QualityFilter f, boolean response) {
		List<Case> cases = cases(f, f.from(), f.to());
		Map<PatientId, List<Phq9>> scores = new HashMap<>();
		if (!cases.isEmpty()) {
			jdbc.sql("select patient_id, completed_on, total from quality_phq9 where patient_id = any(?) and completed_on <= ? order by completed_on")
				.params(cases.stream().map(c -> c.patient().value()).distinct().toArray(UUID[]::new), Date.valueOf(f.to()))
				.query((rs, n) -> Map.entry(new PatientId(rs.getObject(1, UUID.class)),
						new Phq9(rs.getObject(2, LocalDate.class), rs.getInt(3))))
				.list()
				.forEach(e -> scores.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
		}
		List<Figure.Row> rows = new ArrayList<>();
		for (Case c : cases) {
			List<Phq9> during = scores.getOrDefault(c.patient(), List.of()).stream().filter(s -> c.coversDay(s.on())).toList();
			if (during.isEmpty() || during.get(0).total() < 10) continue;
			Phq9 baseline = during.get(0);
			Phq9 followUp = null;
			for (Phq9 s : during) {
				if (inPeriod(s.on(), f) && ChronoUnit.DAYS.between(baseline.on(), s.on()) >= 56) followUp = s;
			}
			if (followUp == null) continue;
			boolean met = response ? followUp.total() * 2 <= baseline.total() : followUp.total() < 5;
			rows.add(new Figure.Row(c.patient(), followUp.on(), met, (long) followUp.total()));
		}
		return ratio(response ? Measure.PHQ9_RESPONSE : Measure.PHQ9_REMISSION, rows);
	}

	/**
	 * ED visits or admissions per 1,000 patient-months in the 6 months before enrolment and the 6 months from it, for
	 * the cases that began in the period and whose 6 months after have passed (so both windows are whole: 6
	 * patient-months each). The numerator counts visits or admissions; the denominator is patient-months.
	 */
	private Figure utilization(Measure m, QualityFilter f, LocalDate today, String kind, boolean before) {
		List<Case> begun = cases(f, f.from(), f.to()).stream()
			.filter(c -> inPeriod(c.opened(), f) && !c.opened().plusMonths(WINDOW_MONTHS).isAfter(today))
			.toList();
		Map<PatientId, List<Stay>> stays = stays(begun.stream().map(Case::patient).collect(Collectors.toSet()),
				f.from().minusMonths(WINDOW_MONTHS), f.to().plusMonths(WINDOW_MONTHS));
		List<Figure.Row> rows = new ArrayList<>();
		long events = 0;
		for (Case c : begun) {
			LocalDate start = before ? c.opened().minusMonths(WINDOW_MONTHS) : c.opened();
			LocalDate end = before ? c.opened() : c.opened().plusMonths(WINDOW_MONTHS);
			long n = stays.getOrDefault(c.patient(), List.of()).stream()
				.filter(s -> s.kind().equals(kind) && !s.admitted().isBefore(start) && s.admitted().isBefore(end))
				.count();
			events += n;
			rows.add(new Figure.Row(c.patient(), c.opened(), n > 0, n));
		}
		long patientMonths = (long) begun.size() * WINDOW_MONTHS;
		BigDecimal rate = patientMonths == 0 ? null
				: BigDecimal.valueOf(events * 1000).divide(BigDecimal.valueOf(patientMonths), 1, RoundingMode.HALF_UP);
		return new Figure(m, events, patientMonths, rate, rows);
	}
}
