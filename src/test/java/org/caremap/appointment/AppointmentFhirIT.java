package org.caremap.appointment;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import org.caremap.caseload.Cases;
import org.caremap.identity.ApiClients;
import org.caremap.identity.UserAccounts;
import org.caremap.organization.Organizations;
import org.caremap.patient.PatientRegistry;
import org.caremap.program.Programs;
import org.caremap.shared.PatientId;
import org.caremap.support.Actors;
import org.caremap.support.FhirHttp;
import org.caremap.support.IntegrationTest;
import org.caremap.support.Tokens;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.SnapshotGeneratingValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UserDetailsService;

/**
 * FHIR Appointment over real HTTP: a create that is read back as a valid base R4 Appointment with the status, kind,
 * participants and times Caremap stored, searches by patient and date that find what the database holds, bad creates
 * refused with an OperationOutcome and nothing stored, and a token without write scope refused.
 */
class AppointmentFhirIT extends IntegrationTest {

	private static final FhirContext FHIR = FhirContext.forR4Cached();
	private static FhirValidator validator;

	@Autowired ApiClients clients;
	@Autowired UserDetailsService users;
	@Autowired JdbcClient jdbc;
	@Autowired Appointments appointments;
	@Autowired PatientRegistry patients;
	@Autowired Organizations organizations;
	@Autowired Programs programs;
	@Autowired Cases cases;
	@Autowired UserAccounts accounts;

	FhirHttp writer;
	FhirHttp reader;
	PatientId patient;
	Actors actors;

	@BeforeEach
	void setUp() throws Exception {
		actors = new Actors(users);
		ApiClients.Credentials ehr = Tokens.register(actors, clients, "Scheduling " + UUID.randomUUID(), "system/*.cruds");
		writer = new FhirHttp(port, Tokens.accessToken(port, ehr, "system/*.cruds"));
		ApiClients.Credentials ro = Tokens.register(actors, clients, "Reader " + UUID.randomUUID(), "system/*.rs");
		reader = new FhirHttp(port, Tokens.accessToken(port, ro, "system/*.rs"));
		patient = AppointmentFixtures.enrolledPatient(actors, patients, organizations, programs, cases, accounts, "Fhirappt",
				"fhir-appt@example.org");
	}

	private String create(Instant start, String status, String extra) {
		return """
				{"resourceType": "Appointment", "status": "%s",
				 "serviceType": [{"text": "Test"}],
				 "reasonCode": [{"text": "Echocardiogram"}],
				 "start": "%s", "end": "%s",
				 "participant": [
				   {"actor": {"reference": "Patient/%s"}, "status": "accepted"},
				   {"actor": {"display": "Dr. James Okafor"}, "status": "accepted"},
				   {"actor": {"type": "Location", "display": "Lakeshore Heart Center"}, "status": "accepted"}%s]}"""
			.formatted(status, start, start.plusSeconds(2700), patient.value(), extra);
	}

	@Test
	void aCreatedAppointmentReadsBackAsAValidR4Appointment() {
		Instant start = Instant.now().plus(Duration.ofDays(6)).truncatedTo(ChronoUnit.SECONDS);
		HttpResponse<String> created = writer.post("/fhir/Appointment", create(start, "booked", ""));
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		Appointment back = FHIR.newJsonParser().parseResource(Appointment.class, created.body());
		String id = back.getIdElement().getIdPart();
		AppointmentView stored = actors.as("casemanager", () -> appointments.find(UUID.fromString(id)).orElseThrow());
		assertThat(stored.kind()).isEqualTo(AppointmentKind.TEST);
		assertThat(stored.status()).isEqualTo(AppointmentStatus.BOOKED);
		assertThat(stored.practitioner()).isEqualTo("Dr. James Okafor");
		assertThat(stored.place()).isEqualTo("Lakeshore Heart Center");
		assertThat(stored.reason()).isEqualTo("Echocardiogram");
		assertThat(stored.start()).isEqualTo(start);
		assertThat(stored.minutes()).isEqualTo(45);

		HttpResponse<String> read = reader.get("/fhir/Appointment/" + id);
		assertThat(read.statusCode()).isEqualTo(200);
		Appointment a = FHIR.newJsonParser().parseResource(Appointment.class, read.body());
		assertThat(a.getStatus()).isEqualTo(Appointment.AppointmentStatus.BOOKED);
		assertThat(a.getServiceTypeFirstRep().getText()).isEqualTo("Test");
		assertThat(a.getReasonCodeFirstRep().getText()).isEqualTo("Echocardiogram");
		assertThat(a.getStart().toInstant()).isEqualTo(start);
		assertThat(a.getEnd().toInstant()).isEqualTo(start.plusSeconds(2700));
		assertThat(a.getParticipant()).extracting(p -> p.getActor().getReference()).contains("Patient/" + patient.value());
		assertThat(a.getParticipant()).extracting(p -> p.getActor().getDisplay()).contains("Dr. James Okafor", "Lakeshore Heart Center");
		assertValid(a);

		// arrived, no-show and cancelled read as FHIR's statuses
		actors.run("casemanager", () -> appointments.apply(UUID.fromString(id), AppointmentStatus.Action.NO_SHOW, null));
		Appointment missed = FHIR.newJsonParser().parseResource(Appointment.class, reader.get("/fhir/Appointment/" + id).body());
		assertThat(missed.getStatus()).isEqualTo(Appointment.AppointmentStatus.NOSHOW);
		assertValid(missed);
		UUID moved = actors.as("casemanager", () -> appointments.record(AppointmentFixtures.visit(patient, start.plus(Duration.ofDays(1)), false)));
		actors.run("casemanager", () -> appointments.reschedule(moved, start.plus(Duration.ofDays(2)), start.plus(Duration.ofDays(2)).plusSeconds(600), null));
		Appointment rescheduled = FHIR.newJsonParser().parseResource(Appointment.class, reader.get("/fhir/Appointment/" + moved).body());
		assertThat(rescheduled.getStatus()).isEqualTo(Appointment.AppointmentStatus.CANCELLED);
		assertThat(rescheduled.getCancelationReason().getText()).isEqualTo("Moved to another time");
		assertValid(rescheduled);
	}

	@Test
	void searchesByPatientAndDateFindWhatTheDatabaseHolds() {
		Instant base = Instant.now().plus(Duration.ofDays(20)).truncatedTo(ChronoUnit.SECONDS);
		for (int i = 0; i < 3; i++) {
			assertThat(writer.post("/fhir/Appointment", create(base.plus(Duration.ofDays(i * 10L)), i == 0 ? "proposed" : "booked", ""))
				.statusCode()).isEqualTo(201);
		}
		Set<String> all = ids(reader.get("/fhir/Appointment?patient=Patient/" + patient.value() + "&_count=50"));
		assertThat(all).isEqualTo(db("select id from appointment where patient_id = ?", patient.value())).hasSize(3);
		Set<String> window = ids(reader.get("/fhir/Appointment?patient=" + patient.value() + "&date=ge" + base.plus(Duration.ofDays(5))
				+ "&date=lt" + base.plus(Duration.ofDays(15)) + "&_count=50"));
		assertThat(window).isEqualTo(db("select id from appointment where patient_id = ? and starts_at >= ? and starts_at < ?",
				patient.value(), base.plus(Duration.ofDays(5)).atOffset(java.time.ZoneOffset.UTC),
				base.plus(Duration.ofDays(15)).atOffset(java.time.ZoneOffset.UTC))).hasSize(1);
		assertThat(ids(reader.get("/fhir/Appointment?patient=" + patient.value() + "&status=proposed"))).hasSize(1);
		assertThat(ids(reader.get("/fhir/Appointment?actor=Patient/" + patient.value()))).isEqualTo(all);
		// demo appointments are there too, for every readable patient
		assertThat(jdbc.sql("select count(*) from appointment where patient_id <> ?").param(patient.value()).query(Long.class).single())
			.isPositive();
	}

	@Test
	void badCreatesAreRefusedWithAnOperationOutcomeAndNothingIsStored() {
		long before = jdbc.sql("select count(*) from appointment").query(Long.class).single();
		Instant start = Instant.now().plus(Duration.ofDays(3)).truncatedTo(ChronoUnit.SECONDS);
		List<String> bad = List.of(
				// no patient
				"""
				{"resourceType": "Appointment", "status": "booked", "start": "%s", "end": "%s",
				 "participant": [{"actor": {"display": "Dr. A"}, "status": "accepted"}]}""".formatted(start, start.plusSeconds(600)),
				// ends before it starts
				create(start, "booked", "").replace("\"end\": \"" + start.plusSeconds(2700) + "\"", "\"end\": \"" + start.minusSeconds(60) + "\""),
				// a status a new appointment cannot have
				create(start, "fulfilled", ""),
				// an unknown kind
				create(start, "booked", "").replace("\"text\": \"Test\"", "\"text\": \"Haircut\""),
				// a patient that does not exist
				create(start, "booked", "").replace(patient.value().toString(), UUID.randomUUID().toString()),
				// not an Appointment at all
				"{\"resourceType\": \"Appointment\", \"status\": \"booked\", \"start\": 12}");
		for (String body : bad) {
			HttpResponse<String> response = writer.post("/fhir/Appointment", body);
			assertThat(response.statusCode()).as(body + " -> " + response.body()).isBetween(400, 499);
			OperationOutcome outcome = FHIR.newJsonParser().parseResource(OperationOutcome.class, response.body());
			assertThat(outcome.getIssueFirstRep().getDiagnostics()).as(body).isNotBlank();
		}
		HttpResponse<String> readOnly = reader.post("/fhir/Appointment", create(start, "booked", ""));
		assertThat(readOnly.statusCode()).isEqualTo(403);
		assertThat(jdbc.sql("select count(*) from appointment").query(Long.class).single()).isEqualTo(before);
	}

	private Set<String> ids(HttpResponse<String> response) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		Bundle bundle = FHIR.newJsonParser().parseResource(Bundle.class, response.body());
		return bundle.getEntry().stream().map(e -> e.getResource().getIdElement().getIdPart()).collect(Collectors.toSet());
	}

	private Set<String> db(String sql, Object... params) {
		return jdbc.sql(sql).params(params).query(UUID.class).list().stream().map(UUID::toString).collect(Collectors.toSet());
	}

	private static void assertValid(Appointment resource) {
		List<SingleValidationMessage> errors = validator().validateWithResult(resource).getMessages().stream()
			.filter(m -> m.getSeverity() == ResultSeverityEnum.ERROR || m.getSeverity() == ResultSeverityEnum.FATAL).toList();
		assertThat(errors).as(FHIR.newJsonParser().setPrettyPrint(true).encodeResourceToString(resource)).isEmpty();
	}

	private static synchronized FhirValidator validator() {
		if (validator == null) {
			ValidationSupportChain support = new ValidationSupportChain(new DefaultProfileValidationSupport(FHIR),
					new SnapshotGeneratingValidationSupport(FHIR), new InMemoryTerminologyServerValidationSupport(FHIR),
					new CommonCodeSystemsTerminologyService(FHIR));
			validator = FHIR.newValidator().registerValidatorModule(new FhirInstanceValidator(support));
		}
		return validator;
	}
}
