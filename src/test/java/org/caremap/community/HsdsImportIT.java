package org.caremap.community;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.caremap.support.Actors;
import org.caremap.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.userdetails.UserDetailsService;

/**
 * The HSDS import on a datapackage the test builds (CSV tables in a zip with datapackage.json): the same file twice
 * adds nothing, a changed record updates, a record gone from a full import is retired and kept; a bad record is
 * skipped with its reason and the others are written; the JSON form maps the same; Open Referral's own examples
 * import cleanly.
 */
class HsdsImportIT extends IntegrationTest {

	@Autowired DirectoryImports imports;
	@Autowired Directory directory;
	@Autowired JdbcClient jdbc;
	@Autowired UserDetailsService users;

	private ImportReport asAdmin(String source, String file, byte[] content, boolean full) {
		return new Actors(users).as("admin", () -> imports.importFile(source, file, content, full));
	}

	/** The tables of a small directory: two organisations, three services, two locations. */
	private static Map<String, String> tables(String pantryName, boolean withShelter) {
		Map<String, String> t = new LinkedHashMap<>();
		t.put("datapackage.json", "{\"name\": \"test-directory\", \"profile\": \"tabular-data-package\", \"resources\": []}");
		t.put("organizations.csv", """
				id,name,description,email,website
				org-1,Eastside Food Bank,"Food for families, since 1982",info@eastside.example,https://eastside.example
				org-2,Harbor Shelter Network,Emergency shelter,,https://harbor.example
				""");
		t.put("services.csv", """
				id,organization_id,name,description,status,fees_description,eligibility_description,minimum_age,maximum_age
				svc-1,org-1,%s,Groceries every week,active,No fee,"Households up to 200%% of the federal poverty level; veterans welcome",,
				svc-2,org-1,Senior lunch,Hot lunch for older adults,active,,Older adults 60 and over,60,
				%s
				""".formatted(pantryName, withShelter ? "svc-3,org-2,Night shelter,Beds for the night,active,,,18," : ""));
		t.put("locations.csv", """
				id,organization_id,name,transportation,latitude,longitude
				loc-1,org-1,Eastside pantry,Bus 10 to Main St,39.9612,-82.9988
				loc-2,org-2,Harbor house,,,
				""");
		t.put("addresses.csv", """
				id,location_id,address_1,city,state_province,postal_code,country,address_type
				a-1,loc-1,120 Main St,Columbus,OH,43215,US,physical
				a-2,loc-2,5 Harbor Rd,Columbus,OH,43207,US,physical
				""");
		t.put("service_at_location.csv", """
				id,service_id,location_id
				sal-1,svc-1,loc-1
				sal-2,svc-2,loc-1
				%s
				""".formatted(withShelter ? "sal-3,svc-3,loc-2" : ""));
		t.put("schedules.csv", """
				id,service_id,freq,byday,opens_at,closes_at
				sch-1,svc-1,WEEKLY,"MO,WE,FR",09:00:00,17:00:00
				sch-2,svc-2,WEEKLY,TU,11:30,13:30
				""");
		t.put("languages.csv", """
				id,service_id,name,code
				l-1,svc-1,English,en
				l-2,svc-1,Spanish,spa
				l-3,svc-2,Somali,
				""");
		t.put("phones.csv", """
				id,service_id,organization_id,number
				p-1,svc-1,,(614) 555-0101
				p-2,,org-2,not a phone <b>
				""");
		t.put("cost_options.csv", """
				id,service_id,option,amount
				c-1,svc-2,Suggested donation,2
				""");
		t.put("service_areas.csv", """
				id,service_id,name,description
				sa-1,svc-1,Eastside,"ZIP codes 43205, 43215 and 43219"
				""");
		t.put("taxonomy_terms.csv", """
				id,code,name,taxonomy
				t-1,BD-1800.2000,Food Pantries,AIRS
				t-2,BH-1800.8500,Homeless Shelter,AIRS
				""");
		t.put("attributes.csv", """
				id,link_id,taxonomy_term_id,link_type,link_entity
				at-1,svc-1,t-1,,service
				at-2,svc-3,t-2,,service
				""");
		return t;
	}

	private static byte[] zip(Map<String, String> files) throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try (ZipOutputStream zip = new ZipOutputStream(out)) {
			for (var e : files.entrySet()) {
				zip.putNextEntry(new ZipEntry("directory/" + e.getKey()));
				zip.write(e.getValue().getBytes(StandardCharsets.UTF_8));
				zip.closeEntry();
			}
		}
		return out.toByteArray();
	}

	private UUID service(String source, String ext) {
		return jdbc.sql("select id from community_service where source = ? and external_id = ?").params(source, ext).query(UUID.class).single();
	}

	@Test
	void theSameFileTwiceAddsNothingAChangeUpdatesAndAGoneRecordIsRetired() throws IOException {
		String source = "test-csv-" + UUID.randomUUID();
		ImportReport first = asAdmin(source, "directory.zip", zip(tables("Eastside pantry", true)), true);
		assertThat(first.status()).isEqualTo("DONE");
		assertThat(first.format()).isEqualTo("HSDS_CSV");
		assertThat(first.added()).as("2 organisations, 2 locations, 3 services").isEqualTo(7);
		assertThat(first.problems()).extracting(ImportReport.Problem::record, ImportReport.Problem::field, ImportReport.Problem::skipped)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("org-2", "phones", false));

		// what the pantry became
		ServiceCard pantry = directory.find(service(source, "svc-1")).orElseThrow();
		assertThat(pantry.needs()).containsExactly("food-insecurity");
		assertThat(pantry.languages()).containsExactly("en", "es");
		assertThat(pantry.free()).isTrue();
		assertThat(pantry.phone()).isEqualTo("(614) 555-0101");
		assertThat(pantry.address()).isEqualTo("120 Main St");
		assertThat(pantry.latitude()).isEqualTo(39.9612);
		assertThat(pantry.hours()).containsExactly("Monday 09:00–17:00", "Wednesday 09:00–17:00", "Friday 09:00–17:00");
		Map<String, Object> row = jdbc.sql("select income_limit_fpl_percent, eligibility, service_area_zips from community_service where id = ?")
			.param(pantry.id()).query().singleRow();
		assertThat(row.get("income_limit_fpl_percent")).isEqualTo(200);
		assertThat(jdbc.sql("select array_to_string(eligibility, ',') from community_service where id = ?").param(pantry.id())
			.query(String.class).single()).isEqualTo("VETERAN");
		assertThat(jdbc.sql("select array_to_string(service_area_zips, ',') from community_service where id = ?").param(pantry.id())
			.query(String.class).single()).isEqualTo("43205,43215,43219");
		ServiceCard shelter = directory.find(service(source, "svc-3")).orElseThrow();
		assertThat(shelter.needs()).containsExactly("homelessness");
		assertThat(shelter.latitude()).as("placed at its ZIP code's centre").isNotNull();
		ServiceCard lunch = directory.find(service(source, "svc-2")).orElseThrow();
		assertThat(lunch.free()).isFalse();
		assertThat(lunch.needs()).contains("food-insecurity");
		assertThat(lunch.languages()).as("a language given by name only").containsExactly("so");

		// again: nothing added, nothing changed
		ImportReport second = asAdmin(source, "directory.zip", zip(tables("Eastside pantry", true)), true);
		assertThat(List.of(second.added(), second.updated(), second.unchanged(), second.retired())).containsExactly(0, 0, 7, 0);
		assertThat(jdbc.sql("select count(*) from community_schedule s join community_service v on v.id = s.service_id where v.source = ?")
			.param(source).query(Long.class).single()).isEqualTo(4L);

		// the pantry renamed, the shelter gone: one update, one service retired (kept, marked)
		ImportReport third = asAdmin(source, "directory.zip", zip(tables("Eastside community pantry", false)), true);
		assertThat(third.updated()).isEqualTo(1);
		assertThat(third.retired()).isEqualTo(1);
		assertThat(third.added()).isZero();
		assertThat(directory.find(pantry.id()).orElseThrow().name()).isEqualTo("Eastside community pantry");
		ServiceCard gone = directory.find(shelter.id()).orElseThrow();
		assertThat(gone.active()).isFalse();
		assertThat(jdbc.sql("select status from community_service where id = ?").param(shelter.id()).query(String.class).single())
			.isEqualTo("RETIRED");

		// a partial (not full) import retires nothing; a full one bringing the shelter back reactivates it
		assertThat(asAdmin(source, "directory.zip", zip(tables("Eastside community pantry", false)), false).retired()).isZero();
		ImportReport back = asAdmin(source, "directory.zip", zip(tables("Eastside community pantry", true)), true);
		assertThat(back.updated()).isEqualTo(1);
		assertThat(directory.find(shelter.id()).orElseThrow().active()).isTrue();
		// the report is kept
		assertThat(imports.find(third.id()).orElseThrow().retired()).isEqualTo(1);
	}

	@Test
	void aBadRecordIsSkippedWithItsReasonAndTheOthersAreWritten() throws IOException {
		String source = "test-bad-" + UUID.randomUUID();
		Map<String, String> t = tables("Eastside pantry", true);
		t.put("services.csv", t.get("services.csv") + "svc-4,org-1,,No name here,active,,,,\nsvc-5,org-9,Orphan,,active,,,,\nsvc-6,org-1,Ages,,active,,,70,20\n");
		ImportReport report = asAdmin(source, "bad.zip", zip(t), true);
		assertThat(report.status()).isEqualTo("DONE");
		assertThat(report.problems()).anySatisfy(p -> {
			assertThat(p.record()).isEqualTo("svc-4");
			assertThat(p.field()).isEqualTo("name");
			assertThat(p.skipped()).isTrue();
		});
		assertThat(report.problems()).anySatisfy(p -> {
			assertThat(p.record()).isEqualTo("svc-5");
			assertThat(p.field()).isEqualTo("organization_id");
			assertThat(p.skipped()).isTrue();
		});
		assertThat(report.problems()).anySatisfy(p -> {
			assertThat(p.record()).isEqualTo("svc-6");
			assertThat(p.field()).isEqualTo("maximum_age");
			assertThat(p.skipped()).isFalse();
		});
		assertThat(jdbc.sql("select count(*) from community_service where source = ?").param(source).query(Long.class).single()).isEqualTo(4L);
		assertThat(report.skipped()).isEqualTo(2);

		// not an HSDS file at all: the import fails and says why, nothing is written
		ImportReport text = asAdmin("test-junk-" + UUID.randomUUID(), "notes.txt", "hello".getBytes(StandardCharsets.UTF_8), true);
		assertThat(text.status()).isEqualTo("FAILED");
		assertThat(text.problems()).singleElement().extracting(ImportReport.Problem::message).asString().contains(".json");
		ImportReport broken = asAdmin("test-junk-" + UUID.randomUUID(), "broken.json", "{\"id\": ".getBytes(StandardCharsets.UTF_8), true);
		assertThat(broken.status()).isEqualTo("FAILED");
	}

	@Test
	void theJsonFormMapsTheSame() {
		String source = "test-json-" + UUID.randomUUID();
		String json = """
				[{"id": "s-1", "name": "Ride to care", "description": "Free rides to medical appointments", "status": "active",
				  "organization": {"id": "o-1", "name": "County Transit", "website": "https://transit.example"},
				  "languages": [{"code": "es"}, {"name": "Vietnamese"}],
				  "attributes": [{"taxonomy_term": {"code": "BT-4500.6500-650", "name": "Medical Appointment Transportation", "taxonomy": "AIRS"}}],
				  "cost_options": [{"option": "Free", "amount": 0}],
				  "schedules": [{"freq": "WEEKLY", "byday": "MO,TU,WE,TH,FR", "opens_at": "07:00", "closes_at": "19:00"}],
				  "service_at_locations": [{"id": "sl-1", "location": {"id": "l-1", "name": "Depot", "latitude": 39.95, "longitude": -83.0,
				     "addresses": [{"address_1": "1 Depot Sq", "city": "Columbus", "state_province": "OH", "postal_code": "43215", "country": "US"}]}}]}]
				""";
		ImportReport report = asAdmin(source, "services.json", json.getBytes(StandardCharsets.UTF_8), true);
		assertThat(report.status()).isEqualTo("DONE");
		assertThat(report.problems()).isEmpty();
		assertThat(report.added()).isEqualTo(3);
		ServiceCard ride = directory.find(service(source, "s-1")).orElseThrow();
		assertThat(ride.needs()).containsExactly("transportation");
		assertThat(ride.languages()).containsExactly("es", "vi");
		assertThat(ride.free()).isTrue();
		assertThat(ride.organizationName()).isEqualTo("County Transit");
		assertThat(ride.address()).isEqualTo("1 Depot Sq");
		assertThat(ride.hours()).hasSize(5);
		assertThat(asAdmin(source, "services.json", json.getBytes(StandardCharsets.UTF_8), true).unchanged()).isEqualTo(3);
	}

	@Test
	void openReferralsOwnExamplesImportCleanly() throws IOException {
		Path examples = Path.of("src/test/resources/community/hsds");
		String csvSource = "test-openreferral-csv-" + UUID.randomUUID();
		ImportReport csv = new Actors(users).as("admin", () -> imports.importFolder(csvSource, examples.resolve("csv"), true));
		assertThat(csv.status()).isEqualTo("DONE");
		assertThat(csv.skipped()).isZero();
		assertThat(csv.added()).isEqualTo(3); // the organisation, its location, its service
		// the example's coordinates (100, 101) are off the earth: reported, left out
		assertThat(csv.problems()).anySatisfy(p -> assertThat(p.field()).isEqualTo("latitude"));
		UUID counselling = service(csvSource, "ac148810-d857-441c-9679-408f346de14b");
		ServiceCard card = directory.find(counselling).orElseThrow();
		assertThat(card.name()).isEqualTo("Community Counselling");
		assertThat(card.languages()).containsExactly("ur");
		assertThat(card.needs()).contains("mental-health");
		assertThat(card.hours()).containsExactly("Thursday 10:00–18:00", "Friday 10:00–18:00");

		Map<String, String> json = new LinkedHashMap<>();
		for (String f : List.of("service_full.json", "organization_full.json", "service_at_location_full.json", "location.json")) {
			json.put(f, Files.readString(examples.resolve(f)));
		}
		String jsonSource = "test-openreferral-json-" + UUID.randomUUID();
		ImportReport fromJson = asAdmin(jsonSource, "examples.zip", zip(json), true);
		assertThat(fromJson.status()).isEqualTo("DONE");
		assertThat(fromJson.skipped()).isZero();
		assertThat(directory.find(service(jsonSource, "ac148810-d857-441c-9679-408f346de14b")).orElseThrow().name())
			.isEqualTo("Community Counselling");
		assertThat(asAdmin(jsonSource, "examples.zip", zip(json), true).added()).isZero();
	}

	@Test
	void onlyAdministratorsImport() {
		assertThatThrownBy(() -> new Actors(users).as("casemanager", () -> imports.importFile("test-x", "x.json", "[]".getBytes(), true)))
			.isInstanceOf(AccessDeniedException.class);
		assertThatThrownBy(() -> new Actors(users).as("supervisor", () -> imports.importFile("test-x", "x.json", "[]".getBytes(), true)))
			.isInstanceOf(AccessDeniedException.class);
	}
}
