package org.caremap.caseload.internal;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.caremap.caseload.Acuity;
import org.caremap.caseload.CaseId;
import org.caremap.caseload.SuggestedMove;
import org.caremap.program.ProgramId;
import org.caremap.shared.PatientId;
import org.caremap.shared.UserId;
import org.jspecify.annotations.Nullable;

/**
 * The suggested rebalancing, deterministic and free of the database (the same team gives the same moves):
 * <ol>
 * <li>Givers are the case managers over their target, the furthest over first (then by name).</li>
 * <li>Each giver's active cases (not those on hold) are offered lowest acuity first (the smallest move that brings
 * them back, and the complex cases keep the person who knows them), then the case gone longest without a contact
 * (the weakest tie to its case manager), then by case id; until the giver is within target.</li>
 * <li>A case goes to a receiver who may take new cases (workforce credentials), is not over target themselves, is
 * eligible for the case's program (on the supervisor's team, or already holding cases in that program) and stays
 * within target with it; among them, those already working in the program first, then the lowest load after the
 * move (as a share of target), then by name. A giver never receives; a receiver is never pushed over target.</li>
 * </ol>
 */
final class Rebalancing {

	/** A case manager: weight in the supervisor's programs, target, and whether they may receive cases at all. */
	record Person(UserId id, String name, int weight, int target, boolean mayReceive, boolean onTeam,
			Set<ProgramId> programs) {
	}

	/** An open, active case of a giver; {@code since} the last contact, or the start of a case never reached. */
	record Candidate(CaseId id, PatientId patient, ProgramId program, Acuity acuity, UserId manager, LocalDate since,
			@Nullable LocalDate lastContact) {
	}

	/** At most this many suggestions are shown (the page stays readable; apply and look again for more). */
	static final int LIMIT = 200;

	private Rebalancing() {
	}

	static List<SuggestedMove> suggest(List<Person> people, List<Candidate> cases) {
		Map<UserId, Integer> weight = new HashMap<>();
		Map<UserId, Set<ProgramId>> worksIn = new HashMap<>();
		for (Person p : people) {
			weight.put(p.id(), p.weight());
			worksIn.put(p.id(), new HashSet<>(p.programs()));
		}
		Comparator<Person> byName = Comparator.comparing(Person::name, String.CASE_INSENSITIVE_ORDER)
			.thenComparing(p -> p.id().value());
		List<Person> givers = people.stream().filter(p -> p.weight() > p.target())
			.sorted(Comparator.comparingInt((Person p) -> p.weight() - p.target()).reversed().thenComparing(byName))
			.toList();
		Set<UserId> giving = new HashSet<>();
		givers.forEach(g -> giving.add(g.id()));
		List<Person> receivers = people.stream()
			.filter(p -> p.mayReceive() && !giving.contains(p.id()) && p.weight() < p.target())
			.sorted(byName)
			.toList();
		Map<UserId, List<Candidate>> byManager = new HashMap<>();
		for (Candidate c : cases) byManager.computeIfAbsent(c.manager(), k -> new ArrayList<>()).add(c);
		Comparator<Candidate> offered = Comparator.comparingInt((Candidate c) -> c.acuity().weight())
			.thenComparing(Candidate::since)
			.thenComparing(c -> c.id().value());
		List<SuggestedMove> out = new ArrayList<>();
		for (Person giver : givers) {
			List<Candidate> own = new ArrayList<>(byManager.getOrDefault(giver.id(), List.of()));
			own.sort(offered);
			for (Candidate c : own) {
				if (out.size() >= LIMIT) return out;
				int giverWeight = weight.get(giver.id());
				if (giverWeight <= giver.target()) break;
				int w = c.acuity().weight();
				Person best = null;
				for (Person r : receivers) {
					int after = weight.get(r.id()) + w;
					if (after > r.target()) continue;
					boolean inProgram = worksIn.get(r.id()).contains(c.program());
					if (!inProgram && !r.onTeam()) continue;
					if (best == null || better(r, best, c.program(), w, weight, worksIn)) best = r;
				}
				if (best == null) continue;
				int receiverWeight = weight.get(best.id());
				out.add(new SuggestedMove(c.id(), c.patient(), c.program(), c.acuity(), giver.id(), best.id(), giverWeight,
						giver.target(), receiverWeight, best.target(), worksIn.get(best.id()).contains(c.program()),
						c.lastContact()));
				weight.put(giver.id(), giverWeight - w);
				weight.put(best.id(), receiverWeight + w);
				worksIn.get(best.id()).add(c.program());
			}
		}
		return out;
	}

	/** Whether receiver a is a better fit than b (b was found earlier in name order, so ties keep b). */
	private static boolean better(Person a, Person b, ProgramId program, int w, Map<UserId, Integer> weight,
			Map<UserId, Set<ProgramId>> worksIn) {
		boolean aIn = worksIn.get(a.id()).contains(program);
		boolean bIn = worksIn.get(b.id()).contains(program);
		if (aIn != bIn) return aIn;
		// lower load after the move, as a share of target: (wa + w) / ta < (wb + w) / tb
		long left = (long) (weight.get(a.id()) + w) * b.target();
		long right = (long) (weight.get(b.id()) + w) * a.target();
		return left < right;
	}
}
