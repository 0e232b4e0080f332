package org.caremap.budget;

import java.util.EnumMap;
import java.util.Map;

import org.caremap.program.ProgramId;
import org.caremap.shared.DomainException;
import org.caremap.shared.Texts;
import org.jspecify.annotations.Nullable;

/** A program's budget for a year as entered: the amount of each line in cents, a note; {@code version} guards a stale form. */
public record BudgetEntry(ProgramId program, int year, Map<BudgetLine, Long> cents, @Nullable String note, @Nullable Integer version) {

	/** The largest amount a line may hold (a billion dollars, in cents). */
	public static final long MAX_CENTS = 100_000_000_000L;

	public BudgetEntry {
		if (program == null) throw new DomainException("budget.program", "choose the program");
		if (year < 2000 || year > 2100) throw new DomainException("budget.year", "a year from 2000 to 2100");
		Map<BudgetLine, Long> all = new EnumMap<>(BudgetLine.class);
		for (BudgetLine line : BudgetLine.values()) {
			Long amount = cents == null ? null : cents.get(line);
			long value = amount == null ? 0 : amount;
			if (value < 0 || value > MAX_CENTS) throw new DomainException("budget.amount", "an amount from 0 to a billion");
			all.put(line, value);
		}
		cents = Map.copyOf(all);
		note = Texts.orNull(note);
		if (note != null && note.length() > 1000) throw new DomainException("budget.note", "a note is at most 1000 characters");
	}

	public long total() {
		return cents.values().stream().mapToLong(Long::longValue).sum();
	}
}
