package org.caremap.patient;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import org.caremap.patient.MatchingDatasetGenerator.LabelledPair;
import org.caremap.patient.internal.matching.MatchScorer;
import org.caremap.patient.internal.matching.MatchScorer.Demographics;
import org.caremap.patient.internal.matching.MatchScorer.Match;
import org.junit.jupiter.api.Test;

/**
 * Duplicate detection is measured, not assumed: a generated set of true duplicates and look-alike different people
 * is scored, and precision and recall at {@link MatchScorer#PROBABLE} must both reach 0.9.
 */
class DuplicateDetectionTest {

	private static final long SEED = 20_240_917L;
	private static final String ANY_TWO = "two: any combination";
	private static final int OTHER_SEEDS = 10;

	private final MatchScorer scorer = new MatchScorer();

	@Test
	void findsMostDuplicatesWhileRarelyMergingDifferentPeople() throws IOException {
		List<LabelledPair> pairs = MatchingDatasetGenerator.generate(SEED);
		Map<String, int[]> duplicatesByKind = new TreeMap<>();
		Map<String, int[]> distinctByKind = new TreeMap<>();
		List<String> mistakes = new ArrayList<>();
		int truePositives = 0;
		int falsePositives = 0;
		int falseNegatives = 0;
		int trueNegatives = 0;
		for (LabelledPair pair : pairs) {
			Match match = scorer.score(pair.a(), pair.b());
			boolean flagged = match.score() >= MatchScorer.PROBABLE;
			if (pair.samePerson()) {
				int[] counts = duplicatesByKind.computeIfAbsent(group(pair.kind()), k -> new int[2]);
				int[] combined = pair.kind().contains("+") ? duplicatesByKind.computeIfAbsent(ANY_TWO, k -> new int[2])
						: new int[2];
				counts[1]++;
				combined[1]++;
				if (flagged) {
					truePositives++;
					counts[0]++;
					combined[0]++;
				}
				else {
					falseNegatives++;
					mistakes.add(describe("missed", pair, match));
				}
			}
			else {
				int[] counts = distinctByKind.computeIfAbsent(pair.kind(), k -> new int[2]);
				counts[1]++;
				if (flagged) {
					falsePositives++;
					counts[0]++;
					mistakes.add(describe("merged", pair, match));
				}
				else {
					trueNegatives++;
				}
			}
		}
		double precision = truePositives / (double) (truePositives + falsePositives);
		double recall = truePositives / (double) (truePositives + falseNegatives);

		StringBuilder report = new StringBuilder();
		report.append(String.format(Locale.ROOT, "Duplicate detection, seed %d, threshold PROBABLE = %.2f%n", SEED,
				MatchScorer.PROBABLE));
		report.append(String.format(Locale.ROOT, "pairs %d: TP %d  FP %d  FN %d  TN %d%n", pairs.size(),
				truePositives, falsePositives, falseNegatives, trueNegatives));
		report.append(String.format(Locale.ROOT, "precision %.4f  recall %.4f%n%n", precision, recall));
		report.append("recall per duplicate kind\n");
		duplicatesByKind.forEach((kind, counts) -> report.append(String.format(Locale.ROOT, "  %-52s %4d/%-4d %.3f%n",
				kind, counts[0], counts[1], counts[0] / (double) counts[1])));
		report.append("\nfalse-positive rate per non-duplicate kind\n");
		distinctByKind.forEach((kind, counts) -> report.append(String.format(Locale.ROOT, "  %-52s %4d/%-4d %.3f%n",
				kind, counts[0], counts[1], counts[0] / (double) counts[1])));
		report.append(String.format(Locale.ROOT, "%nspread over seeds %d..%d: %s%n", SEED + 1, SEED + OTHER_SEEDS,
				spreadOverOtherSeeds()));
		report.append("\nmisclassified pairs\n");
		mistakes.forEach(line -> report.append("  ").append(line).append('\n'));
		System.out.print(report);
		Files.createDirectories(Path.of("target"));
		Files.writeString(Path.of("target", "duplicate-detection.txt"), report);

		assertThat(pairs.stream().filter(LabelledPair::samePerson).count()).isGreaterThanOrEqualTo(600);
		assertThat(pairs.stream().filter(p -> !p.samePerson()).count()).isGreaterThanOrEqualTo(600);
		assertThat(recall).as("recall").isGreaterThanOrEqualTo(0.9);
		assertThat(precision).as("precision").isGreaterThanOrEqualTo(0.9);
	}

	@Test
	void nicknameIsTheSamePersonAndSaysSo() {
		Demographics registered = new Demographics("William", "Hartley", "James", LocalDate.of(1958, 3, 14), "male",
				"(617) 555-0148", "42 Chestnut Street", "02118");
		Demographics walkIn = new Demographics("Bill", "Hartley", null, LocalDate.of(1958, 3, 14), "male",
				"617.555.0148", "42 Chestnut St", "02118");

		Match match = scorer.score(registered, walkIn);

		assertThat(match.score()).isGreaterThanOrEqualTo(MatchScorer.PROBABLE);
		assertThat(match.reasons()).contains("nickname", "birth-date", "phone", "address");
	}

	@Test
	void spanishNicknameAndSwappedDayAndMonthStillMatch() {
		Demographics registered = new Demographics("Francisco", "Núñez-Ortega", null, LocalDate.of(1971, 4, 9),
				"male", "305-555-0112", "118 Olive Avenue", "33125");
		Demographics walkIn = new Demographics("PACO", "Nunez", null, LocalDate.of(1971, 9, 4), "male",
				"3055550112", "118 Olive Ave.", "33125");

		Match match = scorer.score(registered, walkIn);

		assertThat(match.score()).isGreaterThanOrEqualTo(MatchScorer.PROBABLE);
		assertThat(match.reasons()).contains("nickname", "family-name-partial", "birth-date-swapped");
	}

	@Test
	void twinsSharingEverythingButTheirGivenNameAreTwoPeople() {
		Demographics first = new Demographics("Jacob", "Okafor", "Chidi", LocalDate.of(2012, 6, 2), "male",
				"713-555-0190", "900 Magnolia Drive", "77036");
		Demographics second = new Demographics("Joshua", "Okafor", null, LocalDate.of(2012, 6, 2), "male",
				"713-555-0190", "900 Magnolia Drive", "77036");

		assertThat(scorer.score(first, second).score()).isLessThan(MatchScorer.PROBABLE);
	}

	@Test
	void recordsDifferingOnlyInSexAreTwoPeople() {
		Demographics brother = new Demographics("Jordan", "Whitfield", "Lee", LocalDate.of(1995, 11, 20), "male",
				"206-555-0133", "12 Harbor Way", "98118");
		Demographics sister = new Demographics("Jordan", "Whitfield", "Lee", LocalDate.of(1995, 11, 20), "female",
				"206-555-0133", "12 Harbor Way", "98118");

		assertThat(scorer.score(brother, sister).score()).isLessThan(MatchScorer.PROBABLE);
	}

	@Test
	void scoreIsSymmetric() {
		Demographics a = new Demographics("Margaret", "O'Brien", "Anne", LocalDate.of(1949, 12, 1), "female",
				"212 555 0101", "7 Elm St Apt 4B", "10027");
		Demographics b = new Demographics("Peggy", "OBRIEN", "A.", LocalDate.of(1949, 1, 12), "female", null,
				"7 ELM STREET #4B", "10027-1234");

		assertThat(scorer.score(a, b).score()).isEqualTo(scorer.score(b, a).score());
		assertThat(scorer.score(a, b).score()).isGreaterThanOrEqualTo(MatchScorer.PROBABLE);
	}

	private String spreadOverOtherSeeds() {
		double minPrecision = 1;
		double minRecall = 1;
		int truePositives = 0;
		int falsePositives = 0;
		int falseNegatives = 0;
		for (long seed = SEED + 1; seed <= SEED + OTHER_SEEDS; seed++) {
			int tp = 0;
			int fp = 0;
			int fn = 0;
			for (LabelledPair pair : MatchingDatasetGenerator.generate(seed)) {
				boolean flagged = scorer.score(pair.a(), pair.b()).score() >= MatchScorer.PROBABLE;
				if (flagged && pair.samePerson()) {
					tp++;
				}
				else if (flagged) {
					fp++;
				}
				else if (pair.samePerson()) {
					fn++;
				}
			}
			minPrecision = Math.min(minPrecision, tp / (double) (tp + fp));
			minRecall = Math.min(minRecall, tp / (double) (tp + fn));
			truePositives += tp;
			falsePositives += fp;
			falseNegatives += fn;
		}
		return String.format(Locale.ROOT, "pooled precision %.4f recall %.4f, lowest precision %.4f recall %.4f",
				truePositives / (double) (truePositives + falsePositives),
				truePositives / (double) (truePositives + falseNegatives), minPrecision, minRecall);
	}

	private static String group(String kind) {
		if (!kind.contains("+")) {
			return kind;
		}
		return "two: " + String.join("+", new TreeSet<>(List.of(kind.split("\\+"))));
	}

	private static String describe(String verdict, LabelledPair pair, Match match) {
		return String.format(Locale.ROOT, "%s %-40s %.3f %s | %s | %s", verdict, pair.kind(), match.score(),
				match.reasons(), render(pair.a()), render(pair.b()));
	}

	private static String render(Demographics d) {
		return String.join(" / ", d.givenName(), String.valueOf(d.middleName()), d.familyName(),
				d.birthDate().toString(), d.sex(), String.valueOf(d.phone()), String.valueOf(d.addressLine()),
				String.valueOf(d.postalCode()));
	}
}
