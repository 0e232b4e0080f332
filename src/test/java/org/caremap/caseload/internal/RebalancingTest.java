package org.caremap.caseload.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

import org.caremap.caseload.Acuity;
import org.caremap.caseload.CaseId;
import org.caremap.caseload.SuggestedMove;
import org.caremap.program.ProgramId;
import org.caremap.shared.PatientId;
import org.caremap.shared.UserId;
import org.junit.jupiter.api.Test;

/** The rebalancing rule on its own: the order cases are offered in, who receives, and the limits it keeps. */
class RebalancingTest {

	private static final ProgramId CCM = new ProgramId(new UUID(0, 1));
	private static final ProgramId BH = new ProgramId(new UUID(0, 2));
	private static final LocalDate TODAY = LocalDate.of(2026, 12, 7);

	private static UserId user(int n) {
		return new UserId(new UUID(1, n));
	}

	private static Rebalancing.Candidate c(int n, UserId manager, ProgramId program, Acuity acuity, int daysSince) {
		return new Rebalancing.Candidate(new CaseId(new UUID(2, n)), new PatientId(new UUID(3, n)), program, acuity, manager,
				TODAY.minusDays(daysSince), TODAY.minusDays(daysSince));
	}

	@Test
	void lowestAcuityFirstThenLongestWithoutContactAndTheGiverStopsAtTarget() {
		UserId ann = user(1), ben = user(2);
		List<Rebalancing.Candidate> cases = List.of(c(1, ann, CCM, Acuity.COMPLEX, 90), c(2, ann, CCM, Acuity.LOW, 5),
				c(3, ann, CCM, Acuity.LOW, 40), c(4, ann, CCM, Acuity.MODERATE, 60), c(5, ann, CCM, Acuity.HIGH, 1));
		// Ann: 4 + 1 + 1 + 2 + 3 = 11 against 8; Ben 0 against 10
		List<SuggestedMove> moves = Rebalancing.suggest(List.of(
				new Rebalancing.Person(ann, "Ann", 11, 8, true, true, Set.of(CCM)),
				new Rebalancing.Person(ben, "Ben", 0, 10, true, true, Set.of())), cases);
		assertThat(moves).extracting(m -> m.caseId().value().getLeastSignificantBits()).containsExactly(3L, 2L, 4L);
		assertThat(moves).allMatch(m -> m.to().equals(ben) && m.from().equals(ann));
		assertThat(moves.get(0).fromWeight()).isEqualTo(11);
		assertThat(moves.get(2).fromWeight()).isEqualTo(9);
		assertThat(moves.get(2).toWeight()).isEqualTo(2);
	}

	@Test
	void receiversInTheProgramComeFirstThenTheLowestLoadAndNobodyBlockedOrOffTheProgramReceives() {
		UserId ann = user(1), ben = user(2), cleo = user(3), dev = user(4), eve = user(5);
		List<Rebalancing.Candidate> cases = List.of(c(1, ann, BH, Acuity.LOW, 10), c(2, ann, BH, Acuity.LOW, 9));
		List<SuggestedMove> moves = Rebalancing.suggest(List.of(
				new Rebalancing.Person(ann, "Ann", 12, 10, true, true, Set.of(BH)),
				// Ben is on the team with the lowest load but not in BH; Cleo works in BH at half her target
				new Rebalancing.Person(ben, "Ben", 0, 10, true, true, Set.of(CCM)),
				new Rebalancing.Person(cleo, "Cleo", 5, 10, true, false, Set.of(BH)),
				// Dev may not take new cases; Eve is neither on the team nor in BH
				new Rebalancing.Person(dev, "Dev", 0, 10, false, true, Set.of(BH)),
				new Rebalancing.Person(eve, "Eve", 0, 10, true, false, Set.of(CCM))), cases);
		assertThat(moves).extracting(SuggestedMove::to).containsExactly(cleo, cleo);
		assertThat(moves).allMatch(SuggestedMove::receiverInProgram);
	}

	@Test
	void onRandomTeamsNoReceiverGoesOverTargetAndEveryMoveStaysInAProgramTheReceiverMayTake() {
		Random random = new Random(23);
		for (int round = 0; round < 200; round++) {
			List<Rebalancing.Person> people = new ArrayList<>();
			List<Rebalancing.Candidate> cases = new ArrayList<>();
			int n = 2 + random.nextInt(6);
			int caseNo = 0;
			for (int p = 0; p < n; p++) {
				UserId id = user(p);
				int weight = 0;
				Set<ProgramId> programs = new java.util.HashSet<>();
				for (int k = random.nextInt(12); k > 0; k--) {
					Acuity a = Acuity.values()[random.nextInt(4)];
					ProgramId program = random.nextBoolean() ? CCM : BH;
					cases.add(c(caseNo++, id, program, a, random.nextInt(100)));
					weight += a.weight();
					programs.add(program);
				}
				people.add(new Rebalancing.Person(id, "P" + p, weight, 1 + random.nextInt(20), random.nextInt(5) > 0,
						random.nextBoolean(), programs));
			}
			List<SuggestedMove> moves = Rebalancing.suggest(people, cases);
			Map<UserId, Integer> weight = new HashMap<>();
			people.forEach(p -> weight.put(p.id(), p.weight()));
			Map<UserId, Rebalancing.Person> byId = new HashMap<>();
			people.forEach(p -> byId.put(p.id(), p));
			for (SuggestedMove m : moves) {
				Rebalancing.Person to = byId.get(m.to());
				assertThat(to.mayReceive()).isTrue();
				assertThat(to.weight()).isLessThan(to.target());
				assertThat(byId.get(m.from()).weight()).isGreaterThan(byId.get(m.from()).target());
				weight.merge(m.from(), -m.weight(), Integer::sum);
				weight.merge(m.to(), m.weight(), Integer::sum);
				assertThat(weight.get(m.to())).isLessThanOrEqualTo(to.target());
			}
			assertThat(Rebalancing.suggest(people, cases)).as("deterministic").isEqualTo(moves);
		}
	}
}
