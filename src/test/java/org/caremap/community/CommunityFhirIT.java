package org.caremap.community;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.caremap.identity.ApiClients;
import org.caremap.support.Actors;
import org.caremap.support.FhirHttp;
import org.caremap.support.IntegrationTest;
import org.caremap.support.Tokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UserDetailsService;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The directory over FHIR: HealthcareService by need (service-category) and name, Location near a point, the
 * directory's organisations through the Organization endpoint (read and search), beside the organisation's own.
 */
class CommunityFhirIT extends IntegrationTest {

	static final JsonMapper JSON = JsonMapper.builder().build();

	@Autowired ApiClients clients;
	@Autowired UserDetailsService users;
	@Autowired JdbcClient jdbc;

	private FhirHttp fhir() throws Exception {
		ApiClients.Credentials reader = Tokens.register(new Actors(users), clients, "Directory reader " + UUID.randomUUID(), "system/*.rs");
		return new FhirHttp(port, Tokens.accessToken(port, reader, "system/*.rs"));
	}

	private static JsonNode ok(HttpResponse<String> r) {
		assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
		return JSON.readTree(r.body());
	}

	@Test
	void servicesLocationsAndOrganisationsOfTheDirectory() throws Exception {
		FhirHttp fhir = fhir();
		jdbc.sql("update community_service set status = 'RETIRED' where source like 'test-%'").update();
		jdbc.sql("update community_location set status = 'RETIRED' where source like 'test-%'").update();
		DirectoryFixtures f = new DirectoryFixtures(jdbc);
		UUID pantry = f.service("Prairie Wind Pantry", List.of("food-insecurity"), List.of("en", "es"), 48.5, -103.6, Instant.now());
		f.service("Prairie Wind Rides", List.of("transportation"), List.of("en"), 48.6, -103.6, Instant.now());
		f.openAlways(pantry);

		JsonNode byNeed = ok(fhir.get("/fhir/HealthcareService?service-category=food-insecurity&name=Prairie"));
		assertThat(byNeed.path("total").asInt()).isEqualTo(1);
		JsonNode service = byNeed.path("entry").get(0).path("resource");
		assertThat(service.path("name").asString()).isEqualTo("Prairie Wind Pantry");
		assertThat(service.path("category").get(0).path("coding").get(0).path("code").asString()).isEqualTo("food-insecurity");
		assertThat(service.path("availableTime")).hasSize(1);
		assertThat(service.path("communication")).hasSize(2);
		// the HL7 SDOH category code finds it too; the other need does not
		assertThat(ok(fhir.get("/fhir/HealthcareService?service-category=food-insecurity&name=Prairie+Wind")).path("total").asInt()).isEqualTo(1);
		assertThat(ok(fhir.get("/fhir/HealthcareService?service-category=transportation-insecurity&name=Prairie")).path("total").asInt()).isEqualTo(1);
		assertThat(ok(fhir.get("/fhir/HealthcareService/" + pantry)).path("id").asString()).isEqualTo(pantry.toString());
		assertThat(ok(fhir.get("/fhir/HealthcareService?_lastUpdated=gt2000-01-01&name=Prairie")).path("total").asInt()).isEqualTo(2);
		assertThat(ok(fhir.get("/fhir/HealthcareService?_lastUpdated=gt2100-01-01&name=Prairie")).path("total").asInt()).isZero();

		// near: within 5 km of the pantry's point there is one place; within 20 km, both, nearest first
		JsonNode near = ok(fhir.get("/fhir/Location?near=48.5%7C-103.6%7C5%7Ckm"));
		assertThat(near.path("total").asInt()).isEqualTo(1);
		JsonNode wider = ok(fhir.get("/fhir/Location?near=48.5%7C-103.6%7C20%7Ckm"));
		assertThat(wider.path("total").asInt()).isEqualTo(2);
		assertThat(wider.path("entry").get(0).path("resource").path("position").path("latitude").asDouble()).isEqualTo(48.5);
		assertThat(fhir.get("/fhir/Location?near=north").statusCode()).isEqualTo(400);

		// the directory's organisation: read and found by name through the Organization endpoint
		String organization = service.path("providedBy").path("reference").asString().replace("Organization/", "");
		JsonNode org = ok(fhir.get("/fhir/Organization/" + organization));
		assertThat(org.path("name").asString()).startsWith("Test organisation");
		JsonNode byName = ok(fhir.get("/fhir/Organization?name=Test+organisation+" + f.source().substring(5, 13)));
		assertThat(byName.path("total").asInt()).isEqualTo(1);
		// the care-management organisation is still there
		assertThat(ok(fhir.get("/fhir/Organization?name=Riverside")).path("total").asInt()).isGreaterThanOrEqualTo(1);
		assertThat(fhir.get("/fhir/Organization/" + UUID.randomUUID()).statusCode()).isEqualTo(404);
	}
}
