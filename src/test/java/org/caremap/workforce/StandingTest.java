package org.caremap.workforce;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Set;
import java.util.UUID;

import org.caremap.identity.Role;
import org.junit.jupiter.api.Test;

/** Where a credential or a training stands on a day, at the edges of the 60-day warning and of the expiry day. */
class StandingTest {

	private static final LocalDate TODAY = LocalDate.of(2026, 12, 7);

	@Test
	void aCredentialIsValidThroughItsExpiryDayAndExpiringWithinSixtyDays() {
		assertThat(Standing.ofExpiry(TODAY.plusDays(61), TODAY)).isEqualTo(Standing.VALID);
		assertThat(Standing.ofExpiry(TODAY.plusDays(60), TODAY)).isEqualTo(Standing.EXPIRING);
		assertThat(Standing.ofExpiry(TODAY, TODAY)).isEqualTo(Standing.EXPIRING);
		assertThat(Standing.ofExpiry(TODAY.minusDays(1), TODAY)).isEqualTo(Standing.EXPIRED);
	}

	@Test
	void aTrainingNeverTakenOrPastItsDueDayIsOverdue() {
		assertThat(Standing.ofTraining(null, TODAY)).isEqualTo(Standing.TRAINING_OVERDUE);
		assertThat(Standing.ofTraining(TODAY.minusDays(1), TODAY)).isEqualTo(Standing.TRAINING_OVERDUE);
		assertThat(Standing.ofTraining(TODAY.plusDays(30), TODAY)).isEqualTo(Standing.EXPIRING);
		assertThat(Standing.ofTraining(TODAY.plusDays(90), TODAY)).isEqualTo(Standing.VALID);
	}

	@Test
	void aPersonStandsWhereTheirWorstItemDoes() {
		assertThat(Standing.VALID.worse(Standing.EXPIRING)).isEqualTo(Standing.EXPIRING);
		assertThat(Standing.EXPIRED.worse(Standing.TRAINING_OVERDUE)).isEqualTo(Standing.EXPIRED);
		assertThat(Standing.EXPIRING.worse(Standing.TRAINING_OVERDUE)).isEqualTo(Standing.TRAINING_OVERDUE);
	}

	@Test
	void aTrainingForEveryoneLeavesOutAdministratorsAndARoleTrainingOthers() {
		TrainingRequirement everyone = new TrainingRequirement(UUID.randomUUID(), "HIPAA", 12, null, true);
		TrainingRequirement managers = new TrainingRequirement(UUID.randomUUID(), "MI", 24, Role.CASE_MANAGER, true);
		TrainingRequirement retired = new TrainingRequirement(UUID.randomUUID(), "Old", 12, null, false);
		assertThat(everyone.appliesTo(Set.of(Role.INTAKE))).isTrue();
		assertThat(everyone.appliesTo(Set.of(Role.ADMIN))).isFalse();
		assertThat(managers.appliesTo(Set.of(Role.CASE_MANAGER, Role.SUPERVISOR))).isTrue();
		assertThat(managers.appliesTo(Set.of(Role.SUPERVISOR))).isFalse();
		assertThat(retired.appliesTo(Set.of(Role.CASE_MANAGER))).isFalse();
	}

	@Test
	void aCredentialIsTrimmedAndRefusedWithoutAType() {
		NewCredential c = new NewCredential(CredentialKind.LICENCE, "  RN ", " ", " 123 ", TODAY);
		assertThat(c.type()).isEqualTo("RN");
		assertThat(c.state()).isNull();
		assertThat(c.number()).isEqualTo("123");
		org.assertj.core.api.Assertions.assertThatThrownBy(() -> new NewCredential(CredentialKind.LICENCE, " ", null, null, TODAY))
			.isInstanceOf(IllegalArgumentException.class);
	}
}
