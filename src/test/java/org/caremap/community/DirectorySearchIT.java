package org.caremap.community;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.caremap.support.Actors;
import org.caremap.support.Browserless;
import org.caremap.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UserDetailsService;

/**
 * The search on hand-made cases far from the demo directory (central North Dakota): need, language and distance
 * rank as the score says; the radius, hours, age, income and eligibility groups filter; a case manager's own
 * delivered referrals rank a service up; each result says why it matched.
 */
class DirectorySearchIT extends IntegrationTest {

	static final double LAT = 46.5;
	static final double LON = -100.2;
	static final Origin ORIGIN = new Origin(LAT, LON, "58401", "test origin");

	@Autowired JdbcClient jdbc;
	@Autowired DirectorySearch search;
	@Autowired Directory directory;
	@Autowired UserDetailsService users;
	@Autowired org.caremap.demo.DemoLogins demo;

	DirectoryFixtures f;
	Instant now = Instant.now();

	@BeforeEach
	void clean() {
		// each test has the area to itself: earlier tests' services there are retired
		jdbc.sql("update community_service set status = 'RETIRED' where source like 'test-%'").update();
		f = new DirectoryFixtures(jdbc);
	}

	private List<SearchHit> find(SearchQuery q) {
		return new Actors(users).as("casemanager", () -> search.search(q));
	}

	private static SearchQuery query(Need need, String lang, Integer radius) {
		return new SearchQuery(need, lang, false, ORIGIN, radius, false, null, null, null, null, Set.of(), null, false, 50);
	}

	private static List<String> names(List<SearchHit> hits) {
		return hits.stream().map(SearchHit::name).toList();
	}

	@Test
	void needLanguageAndDistanceRankAsTheScoreSays() {
		f.service("A food es 1mi", List.of("food-insecurity"), List.of("en", "es"), DirectoryFixtures.north(LAT, 1), LON, now);
		f.service("B food en 0.5mi", List.of("food-insecurity"), List.of("en"), DirectoryFixtures.north(LAT, 0.5), LON, now);
		f.service("C food es 20mi", List.of("food-insecurity"), List.of("es"), DirectoryFixtures.north(LAT, 20), LON, now);
		f.service("D housing es 0.3mi", List.of("housing-instability"), List.of("es"), DirectoryFixtures.north(LAT, 0.3), LON, now);
		f.service("E food es 40mi", List.of("food-insecurity"), List.of("es"), DirectoryFixtures.north(LAT, 40), LON, now);
		UUID g = f.service("G food area", List.of("food-insecurity"), List.of("en"), null, null, now);
		f.set(g, "service_area_zips", new String[] { "58401", "58402" });

		List<SearchHit> hits = find(query(Need.FOOD_INSECURITY, "es", 25));

		// A: language 25 + distance 25 x 0.96; C: 25 + 25 x 0.2; B: 0 + 25 x 0.98; G: only its service area
		assertThat(names(hits)).containsExactly("A food es 1mi", "C food es 20mi", "B food en 0.5mi", "G food area");
		SearchHit a = hits.get(0);
		assertThat(a.needMatched()).isTrue();
		assertThat(a.languageMatched()).isTrue();
		assertThat(a.distanceMiles()).isBetween(0.95, 1.05);
		assertThat(hits.get(3).inServiceArea()).isTrue();
		assertThat(hits.get(3).distanceMiles()).isNull();

		// without a language, nearness decides among those meeting the need
		assertThat(names(find(query(Need.FOOD_INSECURITY, null, 25)))).startsWith("B food en 0.5mi", "A food es 1mi", "C food es 20mi");
		// a wider radius reaches E; only Spanish-speaking services when asked
		assertThat(names(find(query(Need.FOOD_INSECURITY, "es", 50)))).contains("E food es 40mi");
		assertThat(names(find(new SearchQuery(Need.FOOD_INSECURITY, "es", true, ORIGIN, 25, false, null, null, null, null,
				Set.of(), null, false, 50)))).containsExactly("A food es 1mi", "C food es 20mi");
	}

	@Test
	void aCaseManagersOwnDeliveredReferralsRankAServiceUpAndSayWhy() {
		f.service("A food es 1mi", List.of("food-insecurity"), List.of("en", "es"), DirectoryFixtures.north(LAT, 1), LON, now);
		UUID b = f.service("B food en 0.5mi", List.of("food-insecurity"), List.of("en"), DirectoryFixtures.north(LAT, 0.5), LON, now);
		f.service("C food es 20mi", List.of("food-insecurity"), List.of("es"), DirectoryFixtures.north(LAT, 20), LON, now);
		for (int i = 0; i < 3; i++) directory.recordDelivered(b, "casemanager");
		directory.recordDelivered(b, "casemanager2");

		List<SearchHit> mine = find(query(Need.FOOD_INSECURITY, "es", 25));
		// B: 24.5 + 6 x 3 (mine) + 4 (everyone's) = 46.5 passes C (30), not A (49)
		assertThat(names(mine)).containsExactly("A food es 1mi", "B food en 0.5mi", "C food es 20mi");
		assertThat(mine.get(1).deliveredByMe()).isEqualTo(3);
		assertThat(mine.get(1).deliveredByAll()).isEqualTo(4);
		List<SearchHit> theirs = new Actors(users).as("casemanager2", () -> search.search(query(Need.FOOD_INSECURITY, "es", 25)));
		assertThat(theirs.stream().filter(h -> h.id().equals(b)).findFirst().orElseThrow().deliveredByMe()).isEqualTo(1);

		// the page says why
		Browserless browser = client();
		browser.login("casemanager", demo.password("casemanager").orElseThrow());
		HttpResponse<String> page = browser.get("/community?need=food-insecurity&lang=es&place=58401&radius=200");
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("you referred here successfully 3 times").contains("meets food insecurity")
			.contains("Spanish spoken").contains(" mi");
	}

	@Test
	void hoursAgeIncomeGroupsAndTextFilter() {
		UUID a = f.service("Always open pantry", List.of("food-insecurity"), List.of("en"), DirectoryFixtures.north(LAT, 1), LON, now);
		f.openAlways(a);
		UUID c = f.service("Tuesday morning meals", List.of("food-insecurity"), List.of("en"), DirectoryFixtures.north(LAT, 2), LON, now);
		f.open(c, 2, LocalTime.of(9, 0), LocalTime.of(12, 0));
		UUID senior = f.service("Seniors lunch club", List.of("food-insecurity"), List.of("en"), DirectoryFixtures.north(LAT, 3), LON, now);
		f.set(senior, "minimum_age", 60);
		UUID vets = f.service("Veterans food shelf", List.of("food-insecurity"), List.of("en"), DirectoryFixtures.north(LAT, 4), LON, now);
		f.set(vets, "eligibility", new String[] { "VETERAN" });
		UUID low = f.service("Low income groceries", List.of("food-insecurity"), List.of("en"), DirectoryFixtures.north(LAT, 5), LON, now);
		f.set(low, "income_limit_fpl_percent", 200);

		SearchQuery base = query(Need.FOOD_INSECURITY, null, 25);
		assertThat(names(find(with(base, true, null, null, null, null, Set.of(), null)))).containsExactly("Always open pantry");
		assertThat(names(find(with(base, false, DayOfWeek.TUESDAY, LocalTime.of(10, 0), null, null, Set.of(), null))))
			.containsExactlyInAnyOrder("Always open pantry", "Tuesday morning meals");
		assertThat(names(find(with(base, false, DayOfWeek.TUESDAY, LocalTime.of(13, 0), null, null, Set.of(), null))))
			.containsExactly("Always open pantry");
		assertThat(names(find(with(base, false, null, null, 30, null, Set.of(), null)))).doesNotContain("Seniors lunch club")
			.contains("Always open pantry");
		assertThat(names(find(with(base, false, null, null, 70, null, Set.of(), null)))).contains("Seniors lunch club");
		assertThat(names(find(with(base, false, null, null, null, 250, Set.of(), null)))).doesNotContain("Low income groceries");
		assertThat(names(find(with(base, false, null, null, null, 150, Set.of(), null)))).contains("Low income groceries");
		assertThat(names(find(with(base, false, null, null, null, null, Set.of(Eligibility.MEDICAID), null))))
			.doesNotContain("Veterans food shelf").contains("Always open pantry");
		List<SearchHit> veteran = find(with(base, false, null, null, null, null, Set.of(Eligibility.VETERAN), null));
		assertThat(veteran.stream().filter(h -> h.id().equals(vets)).findFirst().orElseThrow().groupsMatched()).containsExactly("VETERAN");
		// words: a description word, and a name with a typo (trigram)
		assertThat(names(find(with(base, false, null, null, null, null, Set.of(), "lunch")))).containsExactly("Seniors lunch club");
		assertThat(names(find(with(base, false, null, null, null, null, Set.of(), "Veterans food shlef")))).contains("Veterans food shelf");
	}

	private static SearchQuery with(SearchQuery b, boolean openNow, DayOfWeek day, LocalTime at, Integer age, Integer fpl,
			Set<Eligibility> groups, String text) {
		return new SearchQuery(b.need(), b.language(), b.languageOnly(), b.origin(), b.radiusMiles(), openNow, day, at, age,
				fpl, groups, text, false, 50);
	}

	@Test
	void aPlaceIsAZipCodeOrAnAddressEndingWithOne() {
		assertThat(search.zip("43215")).get().satisfies(o -> {
			assertThat(o.latitude()).isBetween(39.9, 40.0);
			assertThat(o.longitude()).isBetween(-83.1, -82.9);
		});
		assertThat(search.place("120 Main St, Columbus OH 43215-1234")).get().extracting(Origin::zip).isEqualTo("43215");
		assertThat(search.place("somewhere")).isEmpty();
		assertThat(search.zip("00000")).isEmpty();
		assertThat(jdbc.sql("select count(*) from zip_centroid").query(Long.class).single()).isGreaterThan(33_000L);
	}

	@Test
	void staleEntriesAreMarked() {
		f.service("Old pantry", List.of("food-insecurity"), List.of("en"), DirectoryFixtures.north(LAT, 1), LON,
				now.minus(500, ChronoUnit.DAYS));
		f.service("New pantry", List.of("food-insecurity"), List.of("en"), DirectoryFixtures.north(LAT, 1), LON, now);
		List<SearchHit> hits = find(query(Need.FOOD_INSECURITY, null, 25));
		assertThat(hits).extracting(SearchHit::name, SearchHit::stale)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("New pantry", false), org.assertj.core.groups.Tuple.tuple("Old pantry", true));
	}
}
