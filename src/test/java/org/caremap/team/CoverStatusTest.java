package org.caremap.team;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** The life of a cover period or an on-call shift, walked against a table written here. */
class CoverStatusTest {

	private static final Map<CoverStatus, Set<CoverStatus>> EXPECTED = Map.of(
			CoverStatus.SCHEDULED, EnumSet.of(CoverStatus.ENDED, CoverStatus.CANCELLED),
			CoverStatus.ENDED, EnumSet.noneOf(CoverStatus.class),
			CoverStatus.CANCELLED, EnumSet.noneOf(CoverStatus.class));

	@Test
	void everyMoveIsTheTables() {
		for (CoverStatus from : CoverStatus.values()) {
			for (CoverStatus to : CoverStatus.values()) {
				assertThat(from.next().contains(to)).as(from + " -> " + to).isEqualTo(EXPECTED.get(from).contains(to));
			}
		}
	}

	@Test
	void theGuardOfAnUpdateNamesTheStatusesAMoveIsAllowedFrom() {
		assertThat(CoverStatus.from(CoverStatus.ENDED)).containsExactly("SCHEDULED");
		assertThat(CoverStatus.from(CoverStatus.CANCELLED)).containsExactly("SCHEDULED");
		assertThat(CoverStatus.from(CoverStatus.SCHEDULED)).isEmpty();
	}
}
