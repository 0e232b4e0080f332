package org.caremap.budget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.caremap.shared.DomainException;
import org.junit.jupiter.api.Test;

class MoneyTest {

	@Test
	void readsDollarsAsTypedAndShowsThemBack() {
		assertThat(Money.parse("12000", "x")).isEqualTo(1_200_000L);
		assertThat(Money.parse(" $12,000.50 ", "x")).isEqualTo(1_200_050L);
		assertThat(Money.parse("", "x")).isNull();
		assertThat(Money.format(1000)).isEqualTo("$10");
		assertThat(Money.format(1050)).isEqualTo("$10.50");
		assertThat(Money.format(1_200_000)).isEqualTo("$12,000");
		assertThat(Money.typed(1_200_000)).isEqualTo("12000");
		assertThat(Money.typed(1050)).isEqualTo("10.5");
	}

	@Test
	void refusesWhatIsNotAnAmount() {
		for (String bad : new String[] { "-5", "12.345", "ten", "1e3x", "99999999999" }) {
			assertThatThrownBy(() -> Money.parse(bad, "budget.amount")).as(bad).isInstanceOf(DomainException.class);
		}
	}

	@Test
	void aShareWithAnAmountNeedsItAndFreeHasNone() {
		assertThatThrownBy(() -> new PatientShare(PatientShare.Kind.COPAY, null, PatientShare.Per.VISIT, null))
			.isInstanceOf(DomainException.class);
		assertThatThrownBy(() -> new PatientShare(PatientShare.Kind.FEE, 1000L, null, null)).isInstanceOf(DomainException.class);
		PatientShare free = new PatientShare(PatientShare.Kind.FREE, 500L, PatientShare.Per.VISIT, " ");
		assertThat(free.amountCents()).isNull();
		assertThat(free.per()).isNull();
		assertThat(free.note()).isNull();
	}
}
