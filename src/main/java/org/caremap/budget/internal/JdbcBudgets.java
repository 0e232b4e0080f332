package org.caremap.budget.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.caremap.access.PatientAccess;
import org.caremap.audit.AuditEntry;
import org.caremap.audit.AuditOutcome;
import org.caremap.audit.AuditTrail;
import org.caremap.budget.BookingRow;
import org.caremap.budget.BookingSource;
import org.caremap.budget.BudgetEntry;
import org.caremap.budget.BudgetLine;
import org.caremap.budget.BudgetOverview;
import org.caremap.budget.BudgetView;
import org.caremap.budget.Budgets;
import org.caremap.budget.NewRate;
import org.caremap.budget.RateView;
import org.caremap.patient.PatientHeader;
import org.caremap.patient.PatientRegistry;
import org.caremap.program.ProgramId;
import org.caremap.shared.CurrentActor;
import org.caremap.shared.DomainException;
import org.caremap.shared.Ids;
import org.caremap.shared.NotFoundException;
import org.caremap.shared.PatientId;
import org.caremap.shared.Texts;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Program budgets in PostgreSQL: for supervisors and administrators only, every change audited. */
@Service
@Transactional
@PreAuthorize("hasAnyRole('SUPERVISOR', 'ADMIN')")
class JdbcBudgets implements Budgets {

	private static final String RESOURCE = "Budget";

	private final JdbcClient jdbc;
	private final BudgetBook book;
	private final AuditTrail audit;
	private final PatientAccess access;
	private final PatientRegistry patients;
	private final org.caremap.program.Programs programs;

	JdbcBudgets(JdbcClient jdbc, BudgetBook book, AuditTrail audit, PatientAccess access, PatientRegistry patients,
			org.caremap.program.Programs programs) {
		this.programs = programs;
		this.jdbc = jdbc;
		this.book = book;
		this.audit = audit;
		this.access = access;
		this.patients = patients;
	}

	@Override
	@Transactional(readOnly = true)
	public List<org.caremap.program.ProgramView> programs() {
		List<org.caremap.program.ProgramView> all = programs.all();
		if (everyProgram()) return all;
		java.util.Set<ProgramId> mine = programs.supervisedBy(org.caremap.identity.CurrentUser.require().id());
		return all.stream().filter(p -> mine.contains(p.id())).toList();
	}

	/** An administrator, or Caremap itself: every program's budget. */
	private static boolean everyProgram() {
		if (CurrentActor.name().startsWith("system:")) return true;
		return org.caremap.identity.CurrentUser.get().map(me -> me.has(org.caremap.identity.Role.ADMIN)).orElse(false);
	}

	/** A supervisor works with the budgets of the programs she supervises only. */
	private void requireProgram(ProgramId program) {
		if (everyProgram()) return;
		if (!programs.supervisedBy(org.caremap.identity.CurrentUser.require().id()).contains(program)) {
			throw new org.springframework.security.access.AccessDeniedException("a program's budget is for its supervisors");
		}
	}

	@Override
	@Transactional(readOnly = true)
	public Optional<BudgetView> find(ProgramId program, int year) {
		requireProgram(program);
		record Head(UUID id, @Nullable String note, int version, String by, Instant at) {
		}
		Optional<Head> head = jdbc.sql("select id, note, version, updated_by, updated_at from budget where program_id = ? and year = ?")
			.params(program.value(), year)
			.query((rs, n) -> new Head(rs.getObject(1, UUID.class), rs.getString(2), rs.getInt(3), rs.getString(4),
					rs.getObject(5, OffsetDateTime.class).toInstant()))
			.optional();
		return head.map(h -> {
			Map<BudgetLine, Long> cents = new EnumMap<>(BudgetLine.class);
			jdbc.sql("select line, amount_cents from budget_amount where budget_id = ?").param(h.id())
				.query((rs, n) -> cents.put(BudgetLine.valueOf(rs.getString(1)), rs.getLong(2))).list();
			return new BudgetView(h.id(), program, year, cents, h.note(), h.version(), h.by(), h.at());
		});
	}

	@Override
	public BudgetView save(BudgetEntry entry) {
		requireProgram(entry.program());
		String actor = CurrentActor.name();
		Optional<BudgetView> before = find(entry.program(), entry.year());
		UUID id;
		if (before.isEmpty()) {
			id = Ids.newId();
			int made = jdbc.sql("""
					insert into budget (id, program_id, year, note, created_by, updated_by) values (?, ?, ?, ?, ?, ?)
					on conflict (program_id, year) do nothing""")
				.params(id, entry.program().value(), entry.year(), entry.note(), actor, actor).update();
			if (made == 0) throw new DomainException("budget.stale", "the budget was changed by someone else in the meantime");
		}
		else {
			id = before.get().id();
			int expected = entry.version() == null ? before.get().version() : entry.version();
			int changed = jdbc.sql("""
					update budget set note = ?, version = version + 1, updated_at = now(), updated_by = ?
					where id = ? and version = ?""")
				.params(entry.note(), actor, id, expected).update();
			if (changed == 0) throw new DomainException("budget.stale", "the budget was changed by someone else in the meantime");
		}
		for (Map.Entry<BudgetLine, Long> line : entry.cents().entrySet()) {
			jdbc.sql("""
					insert into budget_amount (budget_id, line, amount_cents) values (?, ?, ?)
					on conflict (budget_id, line) do update set amount_cents = excluded.amount_cents""")
				.params(id, line.getKey().name(), line.getValue()).update();
		}
		audit.record(new AuditEntry(before.isEmpty() ? "CREATE" : "UPDATE", RESOURCE, id.toString(), null, AuditOutcome.SUCCESS,
				"program " + entry.program().value() + " " + entry.year() + ": " + entry.cents().entrySet().stream()
					.map(e -> e.getKey() + "=" + e.getValue()).sorted().collect(Collectors.joining(", "))));
		return find(entry.program(), entry.year()).orElseThrow();
	}

	@Override
	@Transactional(readOnly = true)
	public BudgetOverview overview(ProgramId program, int year) {
		requireProgram(program);
		BudgetView budget = find(program, year).orElse(null);
		long[] spend = new long[13];
		long[] committed = new long[13];
		Map<BudgetLine, long[]> byLine = new EnumMap<>(BudgetLine.class);
		for (BudgetLine l : BudgetLine.values()) byLine.put(l, new long[2]);
		long[] unpriced = new long[1];
		jdbc.sql("""
				select extract(month from booked_on)::int, line, kind, coalesce(sum(amount_cents), 0),
				       count(*) filter (where amount_cents is null and units > 0)
				from budget_booking
				where program_id = ? and booked_on >= ? and booked_on < ? and not released
				group by 1, 2, 3""")
			.params(program.value(), LocalDate.of(year, 1, 1), LocalDate.of(year + 1, 1, 1))
			.query((rs, n) -> {
				int month = rs.getInt(1);
				BudgetLine line = BudgetLine.valueOf(rs.getString(2));
				boolean isSpend = "SPEND".equals(rs.getString(3));
				long cents = rs.getLong(4);
				(isSpend ? spend : committed)[month] += cents;
				byLine.get(line)[isSpend ? 0 : 1] += cents;
				unpriced[0] += rs.getLong(5);
				return 1;
			})
			.list();
		List<BudgetOverview.Month> months = new ArrayList<>();
		long spendToDate = 0;
		long committedToDate = 0;
		for (int m = 1; m <= 12; m++) {
			spendToDate += spend[m];
			committedToDate += committed[m];
			months.add(new BudgetOverview.Month(m, spend[m], committed[m], spendToDate, committedToDate));
		}
		List<BudgetOverview.Line> lines = new ArrayList<>();
		for (BudgetLine l : BudgetLine.values()) {
			lines.add(new BudgetOverview.Line(l, budget == null ? 0 : budget.of(l), byLine.get(l)[0], byLine.get(l)[1]));
		}
		audit.record(new AuditEntry("READ", RESOURCE, budget == null ? null : budget.id().toString(), null, AuditOutcome.SUCCESS,
				"overview of program " + program.value() + " " + year));
		return new BudgetOverview(program, year, budget, months, lines, budget == null ? 0 : budget.total(), spendToDate,
				committedToDate, unpriced[0]);
	}

	@Override
	@Transactional(readOnly = true)
	public List<BookingRow> bookings(ProgramId program, int year, int month) {
		requireProgram(program);
		if (month < 1 || month > 12) throw new DomainException("budget.month", "a month from 1 to 12");
		LocalDate from = LocalDate.of(year, month, 1);
		List<BookingRow> rows = jdbc.sql("""
				select id, source, line, kind, booked_on, description, payer, code, units, rate_cents, amount_cents, released,
				       released_reason, patient_id
				from budget_booking where program_id = ? and booked_on >= ? and booked_on < ?
				order by booked_on desc, created_at desc, id limit 1000""")
			.params(program.value(), from, from.plusMonths(1))
			.query((rs, n) -> new BookingRow(rs.getObject(1, UUID.class), BookingSource.valueOf(rs.getString(2)),
					BudgetLine.valueOf(rs.getString(3)), BookingRow.Kind.valueOf(rs.getString(4)), rs.getObject(5, LocalDate.class),
					rs.getString(6), rs.getString(7), rs.getString(8), rs.getBigDecimal(9).stripTrailingZeros(),
					(Long) rs.getObject(10), (Long) rs.getObject(11), rs.getBoolean(12), rs.getString(13),
					rs.getObject(14, UUID.class), null))
			.list();
		// a patient is named only to whoever may read the record; the others are left unnamed
		Set<PatientId> all = rows.stream().map(r -> new PatientId(r.patient())).collect(Collectors.toSet());
		Set<PatientId> readable = all.isEmpty() ? Set.of() : access.readable(all);
		Map<PatientId, PatientHeader> headers = readable.isEmpty() ? Map.of() : patients.headers(readable);
		Map<UUID, String> names = new HashMap<>();
		headers.forEach((id, h) -> names.put(id.value(), h.displayName()));
		audit.record(new AuditEntry("READ", RESOURCE, null, null, AuditOutcome.SUCCESS, "bookings of program " + program.value()
				+ " " + year + "-" + month + ": " + rows.size() + " rows, " + names.size() + " patients named"));
		// each patient named on the page is a read of that patient's record, audited as such
		audit.recordAll(headers.keySet().stream().map(named -> new AuditEntry("READ", RESOURCE, null, named, AuditOutcome.SUCCESS,
				"named in the bookings of program " + program.value() + " " + year + "-" + month)).toList());
		return rows.stream().map(r -> {
			String name = names.get(r.patient());
			return new BookingRow(r.id(), r.source(), r.line(), r.kind(), r.bookedOn(), r.description(), r.payer(), r.code(),
					r.units(), r.rateCents(), r.amountCents(), r.released(), r.releasedReason(), name == null ? null : r.patient(), name);
		}).toList();
	}

	@Override
	@Transactional(readOnly = true)
	public List<RateView> rates() {
		return book.rates();
	}

	@Override
	public UUID addRate(NewRate rate) {
		UUID id = Ids.newId();
		String actor = CurrentActor.name();
		jdbc.sql("""
				insert into budget_rate (id, source, payer, code, label, effective_from, effective_to, cents_per_unit, created_by, updated_by)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(id, rate.source().name(), rate.payer(), rate.code(), rate.label(), rate.effectiveFrom(), rate.effectiveTo(),
					rate.centsPerUnit(), actor, actor)
			.update();
		book.reprice(rate.source(), rate.code());
		audit.record(new AuditEntry("CREATE", "BudgetRate", id.toString(), null, AuditOutcome.SUCCESS,
				rate.source() + " " + rate.code() + " " + (rate.payer() == null ? "contract" : rate.payer()) + " " + rate.centsPerUnit()));
		return id;
	}

	@Override
	public void voidRate(UUID rate, String reason) {
		String why = Texts.orNull(reason);
		if (why == null || why.length() > 500) throw new DomainException("budget.rate-void-why", "say why the rate is taken back");
		record Priced(BookingSource source, String code) {
		}
		Priced p = jdbc.sql("select source, code from budget_rate where id = ? and not voided").param(rate)
			.query((rs, n) -> new Priced(BookingSource.valueOf(rs.getString(1)), rs.getString(2)))
			.optional().orElseThrow(() -> new NotFoundException("rate", rate));
		jdbc.sql("""
				update budget_rate set voided = true, voided_by = ?, void_reason = ?, updated_at = now(), updated_by = ?
				where id = ? and not voided""").params(CurrentActor.name(), why, CurrentActor.name(), rate).update();
		book.reprice(p.source(), p.code());
		audit.record(new AuditEntry("UPDATE", "BudgetRate", rate.toString(), null, AuditOutcome.SUCCESS, "taken back: " + why));
	}

}
