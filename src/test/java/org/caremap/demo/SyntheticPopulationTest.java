package org.caremap.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.Period;
import java.util.List;
import java.util.UUID;

import org.caremap.demo.internal.SyntheticPopulation;
import org.caremap.patient.IdentifierType;
import org.caremap.patient.NewPatient;
import org.caremap.patient.Sex;
import org.caremap.shared.OrganizationId;
import org.junit.jupiter.api.Test;

/** The generator is deterministic and its people look like a care-management population. */
class SyntheticPopulationTest {

	private static final OrganizationId ORG = new OrganizationId(UUID.fromString("00000000-0000-7000-8000-000000000001"));
	private static final LocalDate TODAY = LocalDate.of(2026, 11, 23);

	@Test
	void sameSeedGivesTheSamePeople() {
		assertThat(SyntheticPopulation.generate(ORG, 50, 7, TODAY)).isEqualTo(SyntheticPopulation.generate(ORG, 50, 7, TODAY));
		assertThat(SyntheticPopulation.generate(ORG, 50, 7, TODAY)).isNotEqualTo(SyntheticPopulation.generate(ORG, 50, 8, TODAY));
	}

	@Test
	void populationIsAdultOlderAndChronicallyIll() {
		List<NewPatient> people = SyntheticPopulation.generate(ORG, 1000, 20261123L, TODAY);
		assertThat(people).allSatisfy(p -> {
			int age = Period.between(p.birthDate(), TODAY).getYears();
			assertThat(age).isBetween(18, 96);
			assertThat(p.conditions()).hasSizeGreaterThanOrEqualTo(2);
			assertThat(p.identifiers()).anySatisfy(i -> assertThat(i.type()).isEqualTo(IdentifierType.MR));
			assertThat(p.identifiers()).anySatisfy(i -> assertThat(i.type()).isEqualTo(IdentifierType.MB));
		});
		long over65 = people.stream().filter(p -> Period.between(p.birthDate(), TODAY).getYears() >= 65).count();
		assertThat(over65).isBetween(400L, 640L);
		long women = people.stream().filter(p -> p.sex() == Sex.FEMALE).count();
		assertThat(women).isBetween(450L, 610L);
		// identifiers are unique within their assigning authority
		assertThat(people.stream().flatMap(p -> p.identifiers().stream()).map(i -> i.system() + "|" + i.value()).distinct().count())
			.isEqualTo(people.stream().mapToLong(p -> p.identifiers().size()).sum());
	}
}
