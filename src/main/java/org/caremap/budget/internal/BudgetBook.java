package org.caremap.budget.internal;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.caremap.budget.BookingRow;
import org.caremap.budget.BookingSource;
import org.caremap.budget.RateView;
import org.caremap.program.ProgramId;
import org.caremap.shared.Ids;
import org.caremap.shared.PatientId;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Writes the bookings. Each booking is keyed by what it comes from ({@code entry_key}), so writing it again changes
 * nothing new; a commitment's open units are its arranged units less the spend booked from the same source, worked
 * out again after every change; every amount is priced by {@link BookingRules} from the rates.
 */
@Component
class BudgetBook {

	/** A booking to write. {@code arranged} is set for a commitment (its units follow from it), {@code units} for spend. */
	record Entry(String key, BookingSource source, UUID sourceId, BookingRow.Kind kind, @Nullable ProgramId program,
			PatientId patient, @Nullable String payer, String code, String description, LocalDate bookedOn, BigDecimal units,
			@Nullable BigDecimal arranged, boolean released, @Nullable String releasedReason) {

		static Entry commitment(String key, BookingSource source, UUID sourceId, @Nullable ProgramId program, PatientId patient,
				@Nullable String payer, String code, String description, LocalDate bookedOn, BigDecimal arranged,
				@Nullable String releasedReason) {
			return new Entry(key, source, sourceId, BookingRow.Kind.COMMITMENT, program, patient, payer, code, description,
					bookedOn, arranged, arranged, releasedReason != null, releasedReason);
		}

		static Entry spend(String key, BookingSource source, UUID sourceId, @Nullable ProgramId program, PatientId patient,
				@Nullable String payer, String code, String description, LocalDate bookedOn, BigDecimal units,
				@Nullable String releasedReason) {
			return new Entry(key, source, sourceId, BookingRow.Kind.SPEND, program, patient, payer, code, description, bookedOn,
					units, null, releasedReason != null, releasedReason);
		}
	}

	private final JdbcClient jdbc;

	BudgetBook(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	List<RateView> rates() {
		return jdbc.sql("""
				select id, source, payer, code, label, effective_from, effective_to, cents_per_unit from budget_rate
				where not voided order by source, code, payer nulls first, effective_from""")
			.query((rs, n) -> new RateView(rs.getObject(1, UUID.class), BookingSource.valueOf(rs.getString(2)), rs.getString(3),
					rs.getString(4), rs.getString(5), rs.getObject(6, LocalDate.class), rs.getObject(7, LocalDate.class), rs.getLong(8)))
			.list();
	}

	/** Writes (or rewrites) a booking, then works out the open units of the source's commitments and prices them. */
	void put(Entry e) {
		lock(e.source(), e.sourceId());
		jdbc.sql("""
				insert into budget_booking (id, entry_key, source, source_id, kind, line, program_id, patient_id, payer, code,
				    description, booked_on, units, arranged_units, released, released_reason)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
				on conflict (entry_key) do update set program_id = coalesce(excluded.program_id, budget_booking.program_id),
				    payer = excluded.payer, code = excluded.code, description = excluded.description,
				    booked_on = excluded.booked_on, units = excluded.units, arranged_units = excluded.arranged_units,
				    released = excluded.released, released_reason = excluded.released_reason, updated_at = now()""")
			.params(Ids.newId(), e.key(), e.source().name(), e.sourceId(), e.kind().name(), e.source().line().name(),
					e.program() == null ? null : e.program().value(), e.patient().value(), e.payer(), e.code(), e.description(),
					e.bookedOn(), e.units(), e.arranged(), e.released(), e.releasedReason())
			.update();
		settle(e.source(), e.sourceId());
	}

	/** Whether a booking with this key exists. */
	boolean exists(String key) {
		return jdbc.sql("select exists (select 1 from budget_booking where entry_key = ?)").param(key).query(Boolean.class).single();
	}

	/** What a booking says it is, if it exists. */
	java.util.Optional<String> description(String key) {
		return jdbc.sql("select description from budget_booking where entry_key = ?").param(key).query(String.class).optional();
	}

	/** Releases the bookings of a source (a commitment that no longer holds), keeping the first reason given. */
	void release(BookingSource source, UUID sourceId, BookingRow.Kind kind, String reason) {
		lock(source, sourceId);
		jdbc.sql("""
				update budget_booking set released = true, released_reason = ?, updated_at = now()
				where source = ? and source_id = ? and kind = ? and not released""")
			.params(reason, source.name(), sourceId, kind.name()).update();
		settle(source, sourceId);
	}

	/**
	 * One writer per source at a time (until the transaction ends): two listeners booking from the same authorization
	 * line at once would each work out its commitment without the other's spend.
	 */
	private void lock(BookingSource source, UUID sourceId) {
		jdbc.sql("select pg_advisory_xact_lock(hashtextextended(?, 0))").param(source.name() + ":" + sourceId).query((rs, n) -> 1).list();
	}

	/** The open units of the source's commitments (arranged less spent), then every booking of the source priced. */
	void settle(BookingSource source, UUID sourceId) {
		BigDecimal spent = jdbc.sql("""
				select coalesce(sum(units), 0) from budget_booking
				where source = ? and source_id = ? and kind = 'SPEND' and not released""")
			.params(source.name(), sourceId).query(BigDecimal.class).single();
		record Commitment(UUID id, BigDecimal arranged) {
		}
		jdbc.sql("""
				select id, arranged_units from budget_booking
				where source = ? and source_id = ? and kind = 'COMMITMENT' and arranged_units is not null""")
			.params(source.name(), sourceId)
			.query((rs, n) -> new Commitment(rs.getObject(1, UUID.class), rs.getBigDecimal(2)))
			.list()
			.forEach(c -> jdbc.sql("update budget_booking set units = ?, updated_at = now() where id = ?")
				.params(BookingRules.openUnits(c.arranged(), spent), c.id()).update());
		price("source = ? and source_id = ?", source.name(), sourceId);
	}

	/** Prices again every booking at this code (a rate was added or taken back). */
	void reprice(BookingSource source, String code) {
		price("source = ? and upper(code) = upper(?)", source.name(), code);
	}

	private void price(String where, Object... params) {
		record Row(UUID id, BookingSource source, @Nullable String payer, String code, LocalDate on, BigDecimal units) {
		}
		List<Row> rows = jdbc.sql("select id, source, payer, code, booked_on, units from budget_booking where " + where)
			.params(params)
			.query((rs, n) -> new Row(rs.getObject(1, UUID.class), BookingSource.valueOf(rs.getString(2)), rs.getString(3),
					rs.getString(4), rs.getObject(5, LocalDate.class), rs.getBigDecimal(6)))
			.list();
		if (rows.isEmpty()) return;
		List<RateView> rates = rates();
		for (Row r : rows) {
			RateView rate = BookingRules.rate(rates, r.source(), r.payer(), r.code(), r.on()).orElse(null);
			jdbc.sql("update budget_booking set rate_cents = ?, amount_cents = ? where id = ?")
				.params(rate == null ? null : rate.centsPerUnit(), BookingRules.cost(r.units(), rate), r.id()).update();
		}
	}
}
