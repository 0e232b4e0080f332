package org.caremap.medication.internal;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.caremap.access.AccessPurpose;
import org.caremap.access.PatientAccess;
import org.caremap.audit.AuditEntry;
import org.caremap.audit.AuditOutcome;
import org.caremap.audit.AuditTrail;
import org.caremap.medication.Adherence;
import org.caremap.medication.AdherenceGapFound;
import org.caremap.medication.AdherenceView;
import org.caremap.medication.CostBarrier;
import org.caremap.medication.DrugClass;
import org.caremap.medication.FillView;
import org.caremap.medication.NewFill;
import org.caremap.medication.Pdc;
import org.caremap.medication.Recorded;
import org.caremap.organization.Organizations;
import org.caremap.shared.CurrentActor;
import org.caremap.shared.DomainException;
import org.caremap.shared.Ids;
import org.caremap.shared.PatientId;
import org.caremap.shared.Texts;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Fills and adherence. The measurement period is the calendar year in the organisation's time zone, up to today
 * (named by its year); a class is measured once it has at least two fills in the period (the Part D rule).
 */
@Service
@Transactional
class JdbcAdherence implements Adherence {

	static final String FILL = "MedicationDispense";
	static final String ADHERENCE = "MedicationAdherence";
	static final int MAX_CSV_ROWS = 2000;

	private final JdbcClient jdbc;
	private final PatientAccess access;
	private final AuditTrail audit;
	private final Organizations organizations;
	private final ApplicationEventPublisher events;

	JdbcAdherence(JdbcClient jdbc, PatientAccess access, AuditTrail audit, Organizations organizations,
			ApplicationEventPublisher events) {
		this.jdbc = jdbc;
		this.access = access;
		this.audit = audit;
		this.organizations = organizations;
		this.events = events;
	}

	/** The measurement period of a day: its calendar year, up to that day. */
	record Period(String name, LocalDate start, LocalDate end) {

		static Period of(LocalDate today) {
			return new Period(String.valueOf(today.getYear()), today.withDayOfYear(1), today);
		}
	}

	private LocalDate today() {
		ZoneId zone = organizations.primary().map(o -> o.zone()).orElse(ZoneId.systemDefault());
		return LocalDate.now(zone);
	}

	@Override
	@Transactional(readOnly = true)
	public List<FillView> fills(PatientId patient) {
		access.require(patient, AccessPurpose.READ);
		List<FillView> fills = jdbc.sql("select * from medication_fill where patient_id = ? order by filled_on desc, id limit 1000")
			.param(patient.value()).query(JdbcAdherence::fill).list();
		audit.record(new AuditEntry("READ", FILL, null, patient, AuditOutcome.SUCCESS, fills.size() + " fills"));
		return fills;
	}

	@Override
	@Transactional(readOnly = true)
	public Optional<FillView> fill(UUID id) {
		Optional<FillView> found = jdbc.sql("select * from medication_fill where id = ?").param(id)
			.query(JdbcAdherence::fill).optional();
		found.ifPresent(f -> {
			access.require(f.patient(), AccessPurpose.READ);
			audit.record(AuditEntry.read(FILL, id.toString(), f.patient()));
		});
		return found;
	}

	@Override
	public Recorded record(NewFill fill) {
		access.require(fill.patient(), AccessPurpose.WRITE);
		Recorded recorded = store(fill);
		recompute(fill.patient());
		return recorded;
	}

	private Recorded store(NewFill f) {
		Optional<UUID> created = jdbc.sql("""
				insert into medication_fill (id, patient_id, rxnorm_code, drug_name, drug_class, filled_on, days_supply,
				                             quantity, pharmacy, source, source_reference, created_by)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict do nothing returning id""")
			.params(Ids.newId(), f.patient().value(), f.rxnormCode(), f.drugName(),
					DrugClass.of(f.drugName()).map(Enum::name).orElse(null), f.filledOn(), f.daysSupply(), f.quantity(),
					f.pharmacy(), f.source(), f.sourceReference(), CurrentActor.name())
			.query(UUID.class).optional();
		if (created.isPresent()) {
			audit.record(AuditEntry.write("CREATE", FILL, created.get().toString(), f.patient()));
			return new Recorded(created.get(), true);
		}
		UUID held = jdbc.sql("""
				select id from medication_fill where patient_id = ? and coalesce(rxnorm_code, lower(drug_name)) = ?
				  and filled_on = ? and days_supply = ?""")
			.params(f.patient().value(), f.rxnormCode() != null ? f.rxnormCode() : f.drugName().toLowerCase(Locale.ROOT),
					f.filledOn(), f.daysSupply())
			.query(UUID.class).single();
		audit.record(new AuditEntry("READ", FILL, held.toString(), f.patient(), AuditOutcome.SUCCESS, "already recorded"));
		return new Recorded(held, false);
	}

	@Override
	public CsvOutcome importCsv(PatientId patient, String csv) {
		access.require(patient, AccessPurpose.WRITE);
		List<CsvProblem> problems = new ArrayList<>();
		List<NewFill> fills = new ArrayList<>();
		List<List<String>> rows = Csv.parse(csv);
		if (rows.isEmpty()) {
			problems.add(new CsvProblem(0, "file", "fill.csv.empty"));
			return new CsvOutcome(0, 0, problems);
		}
		List<String> header = rows.get(0).stream().map(h -> h.trim().toLowerCase(Locale.ROOT)).toList();
		for (String required : List.of("filled_on", "drug", "days_supply")) {
			if (!header.contains(required)) problems.add(new CsvProblem(0, required, "fill.csv.column-missing"));
		}
		if (rows.size() - 1 > MAX_CSV_ROWS) problems.add(new CsvProblem(0, "file", "fill.csv.too-many"));
		if (rows.size() == 1) problems.add(new CsvProblem(0, "file", "fill.csv.empty"));
		if (!problems.isEmpty()) return new CsvOutcome(0, 0, problems);
		for (int i = 1; i < rows.size(); i++) {
			List<String> row = rows.get(i);
			int before = problems.size();
			String date = cell(row, header, "filled_on");
			String drug = cell(row, header, "drug");
			String rxnorm = cell(row, header, "rxnorm");
			String days = cell(row, header, "days_supply");
			String quantity = cell(row, header, "quantity");
			String pharmacy = cell(row, header, "pharmacy");
			LocalDate filledOn = null;
			try {
				if (date == null) problems.add(new CsvProblem(i, "filled_on", "fill.csv.date"));
				else filledOn = LocalDate.parse(date);
			}
			catch (DateTimeParseException ex) {
				problems.add(new CsvProblem(i, "filled_on", "fill.csv.date"));
			}
			if (filledOn != null && filledOn.isAfter(today())) problems.add(new CsvProblem(i, "filled_on", "fill.csv.future"));
			if (drug == null || drug.length() > 200) problems.add(new CsvProblem(i, "drug", "fill.csv.drug"));
			if (rxnorm != null && !rxnorm.matches("[0-9]{1,12}")) problems.add(new CsvProblem(i, "rxnorm", "fill.csv.rxnorm"));
			int supply = 0;
			try {
				supply = days == null ? 0 : Integer.parseInt(days);
			}
			catch (NumberFormatException ex) {
				supply = 0;
			}
			if (supply < 1 || supply > 365) problems.add(new CsvProblem(i, "days_supply", "fill.csv.days-supply"));
			BigDecimal qty = null;
			try {
				qty = quantity == null ? null : new BigDecimal(quantity);
				if (qty != null && (qty.signum() <= 0 || qty.compareTo(new BigDecimal("99999999")) > 0)) {
					problems.add(new CsvProblem(i, "quantity", "fill.csv.quantity"));
				}
			}
			catch (NumberFormatException ex) {
				problems.add(new CsvProblem(i, "quantity", "fill.csv.quantity"));
			}
			if (pharmacy != null && pharmacy.length() > 200) problems.add(new CsvProblem(i, "pharmacy", "fill.csv.pharmacy"));
			if (problems.size() == before) {
				fills.add(new NewFill(patient, rxnorm, drug, filledOn, supply, qty, pharmacy, "CSV", null));
			}
			if (problems.size() > 50) break;
		}
		if (!problems.isEmpty()) return new CsvOutcome(0, 0, problems);
		int created = 0;
		for (NewFill f : fills) if (store(f).created()) created++;
		recompute(patient);
		return new CsvOutcome(created, fills.size() - created, List.of());
	}

	private static @Nullable String cell(List<String> row, List<String> header, String column) {
		int i = header.indexOf(column);
		return i < 0 || i >= row.size() ? null : Texts.orNull(row.get(i));
	}

	@Override
	@Transactional(readOnly = true)
	public List<AdherenceView> current(PatientId patient) {
		access.require(patient, AccessPurpose.READ);
		List<AdherenceView> views = measure(patient, Period.of(today()));
		audit.record(new AuditEntry("READ", ADHERENCE, null, patient, AuditOutcome.SUCCESS, views.size() + " classes"));
		return views;
	}

	private List<AdherenceView> measure(PatientId patient, Period period) {
		List<FillView> fills = jdbc.sql("""
				select * from medication_fill where patient_id = ? and filled_on between ? and ? order by filled_on, id""")
			.params(patient.value(), period.start(), period.end()).query(JdbcAdherence::fill).list();
		Map<DrugClass, List<FillView>> byClass = new EnumMap<>(DrugClass.class);
		for (FillView f : fills) {
			if (f.drugClass() != null) byClass.computeIfAbsent(f.drugClass(), c -> new ArrayList<>()).add(f);
		}
		List<AdherenceView> views = new ArrayList<>();
		byClass.forEach((klass, classFills) -> {
			if (classFills.size() < 2) return;
			List<Pdc.Fill> input = classFills.stream().map(f -> new Pdc.Fill(
					f.rxnormCode() != null ? f.rxnormCode() : f.drugName().toLowerCase(Locale.ROOT), f.filledOn(), f.daysSupply()))
				.toList();
			Pdc.of(input, period.start(), period.end())
				.ifPresent(result -> views.add(new AdherenceView(klass, period.name(), result, classFills)));
		});
		views.sort(Comparator.comparing((AdherenceView v) -> v.result().ratio()).thenComparing(AdherenceView::drugClass));
		return views;
	}

	/**
	 * Stores the patient's PDC of each measured class for the current period, and publishes AdherenceGapFound the
	 * first time a class is found below 80% in the period (flagged_at is set once; a second computation finds it set).
	 */
	void recompute(PatientId patient) {
		Period period = Period.of(today());
		for (AdherenceView v : measure(patient, period)) {
			Pdc.Result r = v.result();
			jdbc.sql("""
					insert into medication_adherence (patient_id, drug_class, period, index_date, period_end, days_in_period,
					                                  days_covered, fills, pdc)
					values (?, ?, ?, ?, ?, ?, ?, ?, ?)
					on conflict (patient_id, drug_class, period) do update set index_date = excluded.index_date,
					    period_end = excluded.period_end, days_in_period = excluded.days_in_period,
					    days_covered = excluded.days_covered, fills = excluded.fills, pdc = excluded.pdc, computed_at = now()""")
				.params(patient.value(), v.drugClass().name(), period.name(), r.indexDate(), r.periodEnd(), r.daysInPeriod(),
						r.daysCovered(), r.fills(), r.ratio())
				.update();
			if (r.adherent()) continue;
			boolean first = jdbc.sql("""
					update medication_adherence set flagged_at = now()
					where patient_id = ? and drug_class = ? and period = ? and flagged_at is null and pdc < 0.8""")
				.params(patient.value(), v.drugClass().name(), period.name()).update() > 0;
			if (first) {
				audit.record(new AuditEntry("FLAG", ADHERENCE, v.drugClass().name() + ":" + period.name(), patient,
						AuditOutcome.SUCCESS, "PDC " + r.percent() + "%"));
				events.publishEvent(new AdherenceGapFound(patient, v.drugClass(), period.name(), r.indexDate(), r.periodEnd(),
						r.ratio()));
			}
		}
	}

	@Override
	@Transactional(readOnly = true)
	public List<AdherenceFlag> flags(PatientId patient) {
		access.require(patient, AccessPurpose.READ);
		return jdbc.sql("""
				select drug_class, period, pdc from medication_adherence
				where patient_id = ? and pdc < 0.8 and period = ? order by pdc, drug_class""")
			.params(patient.value(), Period.of(today()).name())
			.query((rs, n) -> new AdherenceFlag(DrugClass.valueOf(rs.getString(1)), rs.getString(2),
					rs.getBigDecimal(3).movePointRight(2).setScale(0, java.math.RoundingMode.HALF_UP).intValue()))
			.list();
	}

	@Override
	@Transactional(readOnly = true)
	public List<CostBarrier> costBarriers(PatientId patient) {
		access.require(patient, AccessPurpose.READ);
		return jdbc.sql("select * from medication_cost_barrier where patient_id = ? order by created_at desc, id limit 200")
			.param(patient.value())
			.query((rs, n) -> new CostBarrier(rs.getObject("id", UUID.class), rs.getString("drug_name"), rs.getString("barrier"),
					rs.getBigDecimal("monthly_cost"), rs.getString("alternative"),
					rs.getObject("created_at", OffsetDateTime.class).toInstant(), rs.getString("created_by")))
			.list();
	}

	@Override
	public void recordCostBarrier(PatientId patient, String drugName, String barrier, @Nullable BigDecimal monthlyCost,
			@Nullable String alternative) {
		access.require(patient, AccessPurpose.WRITE);
		String drug = Texts.orNull(drugName);
		String what = Texts.orNull(barrier);
		String instead = Texts.orNull(alternative);
		if (drug == null) throw new DomainException("medication.name-required", "name the medication");
		if (what == null) throw new DomainException("barrier.required", "say what the barrier is");
		if (drug.length() > 200) throw new DomainException("medication.too-long", "too long", "200");
		if (what.length() > 1000 || (instead != null && instead.length() > 1000)) {
			throw new DomainException("medication.too-long", "too long", "1000");
		}
		if (monthlyCost != null && (monthlyCost.signum() < 0 || monthlyCost.compareTo(new BigDecimal("99999999")) > 0)) {
			throw new DomainException("barrier.cost", "the cost is out of range");
		}
		UUID id = Ids.newId();
		jdbc.sql("""
				insert into medication_cost_barrier (id, patient_id, drug_name, barrier, monthly_cost, alternative, created_by)
				values (?, ?, ?, ?, ?, ?, ?)""")
			.params(id, patient.value(), drug, what, monthlyCost, instead, CurrentActor.name()).update();
		audit.record(AuditEntry.write("CREATE", "MedicationCostBarrier", id.toString(), patient));
	}

	static FillView fill(ResultSet rs, int n) throws SQLException {
		String klass = rs.getString("drug_class");
		return new FillView(rs.getObject("id", UUID.class), new PatientId(rs.getObject("patient_id", UUID.class)),
				rs.getString("rxnorm_code"), rs.getString("drug_name"), klass == null ? null : DrugClass.valueOf(klass),
				rs.getObject("filled_on", LocalDate.class), rs.getInt("days_supply"), rs.getBigDecimal("quantity"),
				rs.getString("pharmacy"), rs.getString("source"), rs.getString("source_reference"),
				rs.getObject("created_at", OffsetDateTime.class).toInstant());
	}
}
