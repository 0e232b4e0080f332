package org.caremap.budget;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.NumberFormat;
import java.util.Locale;

import org.caremap.shared.DomainException;
import org.jspecify.annotations.Nullable;

/** Amounts in cents: read from dollars as typed, shown in dollars. */
public final class Money {

	private Money() {
	}

	/** Cents in dollars, without cents when whole. */
	public static String format(long cents) {
		NumberFormat f = NumberFormat.getCurrencyInstance(Locale.US);
		if (cents % 100 == 0) f.setMaximumFractionDigits(0);
		return f.format(BigDecimal.valueOf(cents, 2));
	}

	/** Dollars as typed into cents: null when empty, refused (with the code given) when not an amount of at most two decimals. */
	public static @Nullable Long parse(@Nullable String typed, String code) {
		if (typed == null || typed.isBlank()) return null;
		String plain = typed.trim().replace("$", "").replace(",", "").trim();
		try {
			BigDecimal dollars = new BigDecimal(plain);
			if (dollars.signum() < 0 || dollars.scale() > 2 || dollars.compareTo(BigDecimal.valueOf(1_000_000_000L)) > 0) {
				throw new DomainException(code, "not an amount", typed);
			}
			return dollars.movePointRight(2).setScale(0, RoundingMode.UNNECESSARY).longValueExact();
		}
		catch (NumberFormatException | ArithmeticException ex) {
			throw new DomainException(code, "not an amount", typed);
		}
	}

	/** Cents as the amount field shows them: dollars without a currency sign. */
	public static String typed(long cents) {
		return BigDecimal.valueOf(cents, 2).stripTrailingZeros().toPlainString();
	}
}
