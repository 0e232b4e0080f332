package org.caremap.transition.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.UUID;

import org.caremap.organization.Organizations;
import org.caremap.patient.DemographicsChange;
import org.caremap.patient.PatientDetails;
import org.caremap.patient.PatientRegistry;
import org.caremap.shared.PatientId;
import org.caremap.shared.SystemActor;
import org.caremap.support.Actors;
import org.caremap.support.AdtApplied;
import org.caremap.support.IntegrationTest;
import org.caremap.support.Mllp;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UserDetailsService;

/**
 * What a hospital's feed says about the patient besides the stay: an A08, A28 or A31 updates the address, phone,
 * e-mail, middle name and language it carries, HL7 escapes decoded and names as sent, and the values it replaced are
 * kept in the patient's history; an A01 or A04 without PV1-44 takes the admission time from EVN-2. Over a real MLLP
 * socket.
 */
class AdtDemographicsIT extends IntegrationTest {

	@Autowired MllpListener listener;
	@Autowired PatientRegistry patients;
	@Autowired Organizations organizations;
	@Autowired AdtEffects effects;
	@Autowired JdbcClient jdbc;
	@Autowired UserDetailsService users;

	private String mrn(PatientId patient) {
		return jdbc.sql("select value from patient_identifier where patient_id = ? and type = 'MR'").param(patient.value())
			.query(String.class).single();
	}

	private static String msh(String event, String control) {
		return "MSH|^~\\&|EPIC|RIVERSIDE GENERAL|CAREMAP|RCP|20261120103000||ADT^" + event + "|" + control + "|P|2.5.1\r"
				+ "EVN|" + event + "|20261120103000\r";
	}

	private PatientDetails details(PatientId patient) {
		return SystemActor.call("test", List.of("SYSTEM"), () -> patients.details(patient).orElseThrow());
	}

	@Test
	void anA08UpdatesTheContactDetailsAsSentAndKeepsWhatItReplaced() throws Exception {
		PatientId patient = Actors.newPatient(patients, organizations.primary().orElseThrow().id(), "Feedable");
		PatientDetails before = details(patient);
		String token = UUID.randomUUID().toString().substring(0, 8);
		// escapes: \T\ is "&", \F\ is "|", \S\ is "^"; a name in capitals with a particle, kept as the hospital wrote it
		String a08 = msh("A08", "D1-" + token)
				+ "PID|1||" + mrn(patient) + "^^^Test Hospital^MR||McDONALD-O'NEIL^ANNE^Marie||19500517|F|||"
				+ "12 Oak St \\T\\ Elm Ave^Apt 3\\F\\B^Springfield^IL^62704||^PRN^PH^^1^217^5550142~^NET^Internet^anne@example.org|"
				+ "^WPN^PH^^1^217^5550199|SPA\r"
				+ "PV1|1|O|CLINIC^1^1^RGH\r";
		assertThat(Mllp.code(Mllp.send(listener.port(), a08))).isEqualTo("AA");
		assertThat(AdtApplied.status(jdbc, "D1-" + token)).isEqualTo("APPLIED");
		PatientDetails after = details(patient);
		assertThat(after.header().familyName()).isEqualTo("McDONALD-O'NEIL");
		assertThat(after.header().givenName()).isEqualTo("ANNE");
		assertThat(after.middleName()).isEqualTo("Marie");
		assertThat(after.addressLine()).isEqualTo("12 Oak St & Elm Ave, Apt 3|B");
		assertThat(after.city()).isEqualTo("Springfield");
		assertThat(after.state()).isEqualTo("IL");
		assertThat(after.postalCode()).isEqualTo("62704");
		assertThat(after.phone()).isEqualTo("(217) 5550142");
		assertThat(after.email()).isEqualTo("anne@example.org");
		assertThat(after.header().preferredLanguage()).isEqualTo("es");
		// what the feed replaced is kept, by the hospital's feed
		var history = SystemActor.call("test", List.of("SYSTEM"), () -> patients.demographicsHistory(patient));
		assertThat(history).hasSize(1);
		DemographicsChange change = history.get(0);
		assertThat(change.replacedBy()).startsWith("system:adt");
		assertThat(change.previous()).containsEntry("familyName", before.header().familyName())
			.containsEntry("city", before.city() == null ? "" : before.city())
			.containsKey("phone").doesNotContainKey("birthDate").doesNotContainKey("sex");
		// the same message again changes nothing and adds no history
		String again = a08.replace("D1-" + token, "D2-" + token);
		assertThat(Mllp.code(Mllp.send(listener.port(), again))).isEqualTo("AA");
		assertThat(AdtApplied.status(jdbc, "D2-" + token)).isEqualTo("APPLIED");
		assertThat(SystemActor.call("test", List.of("SYSTEM"), () -> patients.demographicsHistory(patient))).hasSize(1);
		// an A31 with only a new phone leaves the rest as it is
		String a31 = msh("A31", "D3-" + token) + "PID|1||" + mrn(patient) + "^^^Test Hospital^MR||McDONALD-O'NEIL^ANNE||19500517|F|||||"
				+ "(217)555-0100\r";
		assertThat(Mllp.code(Mllp.send(listener.port(), a31))).isEqualTo("AA");
		assertThat(AdtApplied.status(jdbc, "D3-" + token)).isEqualTo("APPLIED");
		PatientDetails last = details(patient);
		assertThat(last.phone()).isEqualTo("(217)555-0100");
		assertThat(last.addressLine()).isEqualTo("12 Oak St & Elm Ave, Apt 3|B");
		assertThat(last.middleName()).isEqualTo("Marie");
	}

	@Test
	void anAdmissionWithoutPv144BeganWhenTheEventWasRecorded() throws Exception {
		PatientId patient = Actors.newPatient(patients, organizations.primary().orElseThrow().id(), "Admittable");
		String token = UUID.randomUUID().toString().substring(0, 8);
		String a01 = msh("A01", "D4-" + token) + "PID|1||" + mrn(patient) + "^^^Test Hospital^MR||TEST^PATIENT||19500517|F\r"
				+ "PV1|1|I|4W^401^1^RGH||||||||||||||||V-" + token + "\r";
		assertThat(Mllp.code(Mllp.send(listener.port(), a01))).isEqualTo("AA");
		assertThat(AdtApplied.status(jdbc, "D4-" + token)).isEqualTo("APPLIED");
		Instant admitted = jdbc.sql("select admitted_at from encounter where visit_number = ?").param("V-" + token)
			.query((rs, n) -> rs.getTimestamp(1).toInstant()).single();
		assertThat(admitted).isEqualTo(LocalDateTime.of(2026, 11, 20, 10, 30).atZone(effects.feedZone()).toInstant());
	}

	@Test
	void languageCodesAreReadInTheirCommonForms() {
		assertThat(AdtParser.language("es")).isEqualTo("es");
		assertThat(AdtParser.language("SPA")).isEqualTo("es");
		assertThat(AdtParser.language("vie")).isEqualTo("vi");
		assertThat(AdtParser.language("chi")).isEqualTo("zh");
		assertThat(AdtParser.language("Spanish")).isNull();
		assertThat(AdtParser.language("xx")).isNull();
	}
}
