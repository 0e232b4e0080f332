package org.caremap.task.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import org.caremap.caseload.Acuity;
import org.caremap.caseload.CaseId;
import org.caremap.caseload.Cases;
import org.caremap.caseload.Consent;
import org.caremap.caseload.ConsentMethod;
import org.caremap.caseload.Enrolment;
import org.caremap.identity.UserAccounts;
import org.caremap.organization.Organizations;
import org.caremap.patient.PatientRegistry;
import org.caremap.program.Programs;
import org.caremap.shared.PatientId;
import org.caremap.support.Actors;
import org.caremap.support.AdtApplied;
import org.caremap.support.Eventually;
import org.caremap.support.Mllp;
import org.caremap.transition.internal.MllpPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UserDetailsService;

/**
 * Discharges for the tests of the transitions work: a new patient enrolled with the demo case manager, admitted three
 * days ago and discharged an hour ago by an A01 and an A03 over the running application's MLLP socket, once the
 * transition and its three tasks exist.
 */
final class Discharges {

	record Discharge(PatientId patient, CaseId caseId, UUID encounter, Instant dischargedAt) {
	}

	private final ApplicationContext context;
	private final JdbcClient jdbc;
	private final Organizations organizations;

	Discharges(ApplicationContext context) {
		this.context = context;
		this.jdbc = context.getBean(JdbcClient.class);
		this.organizations = context.getBean(Organizations.class);
	}

	private ZoneId zone() {
		return organizations.calendar(organizations.primary().orElseThrow().id()).zone();
	}

	private String mrn(PatientId patient) {
		return jdbc.sql("select value from patient_identifier where patient_id = ? and type = 'MR'").param(patient.value())
			.query(String.class).single();
	}

	Discharge discharged(String family) throws Exception {
		Programs programs = context.getBean(Programs.class);
		PatientRegistry patients = context.getBean(PatientRegistry.class);
		Cases cases = context.getBean(Cases.class);
		UserAccounts accounts = context.getBean(UserAccounts.class);
		UserDetailsService users = context.getBean(UserDetailsService.class);
		var program = programs.active().get(0);
		PatientId patient = Actors.newPatient(patients, organizations.primary().orElseThrow().id(), family);
		var dana = accounts.findByUsername("casemanager").orElseThrow().id();
		ZoneId zone = zone();
		CaseId caseId = new Actors(users).as("supervisor", () -> cases.enrol(new Enrolment(patient, program.id(), null, dana,
				LocalDate.now(zone).minusDays(40), new Consent(LocalDate.now(zone).minusDays(40), ConsentMethod.VERBAL,
						"Dana Whitfield, RN", true, true, true, true), Acuity.MODERATE, "test")));
		DateTimeFormatter hl7 = DateTimeFormatter.ofPattern("yyyyMMddHHmm");
		ZonedDateTime out = ZonedDateTime.now(zone).minusHours(1).truncatedTo(ChronoUnit.MINUTES);
		String visit = "V-" + UUID.randomUUID().toString().substring(0, 8);
		String pid = "PID|1||" + mrn(patient) + "^^^Test Hospital^MR||TEST^PATIENT||19500517|F\r";
		String head = "MSH|^~\\&|EPIC|RIVERSIDE GENERAL|CAREMAP|RCP|" + hl7.format(out) + "||ADT^";
		String a01 = head + "A01|A-" + visit + "|P|2.5.1\rEVN|A01|" + hl7.format(out.minusDays(3)) + "\r" + pid
				+ "PV1|1|I|4W^401^1^RGH|E|||||||||||||||" + visit + "|||||||||||||||||||||||||" + hl7.format(out.minusDays(3)) + "\r";
		assertThat(Mllp.code(Mllp.send(MllpPort.of(context), a01))).isEqualTo("AA");
		String a03 = head + "A03|D-" + visit + "|P|2.5.1\rEVN|A03|" + hl7.format(out) + "\r" + pid
				+ "PV1|1|I|4W^401^1^RGH|E|||||||||||||||" + visit + "|||||||||||||||||01||||||||" + hl7.format(out.minusDays(3)) + "|"
				+ hl7.format(out) + "\r";
		assertThat(Mllp.code(Mllp.send(MllpPort.of(context), a03))).isEqualTo("AA");
		assertThat(AdtApplied.status(jdbc, "D-" + visit)).isEqualTo("APPLIED");
		UUID encounter = jdbc.sql("select id from encounter where visit_number = ?").param(visit).query(UUID.class).single();
		Eventually.until("the transition and its three tasks", () -> jdbc
			.sql("select count(*) from task where source like ? and status <> 'CANCELLED'").param("transition:" + encounter + ":%")
			.query(Long.class).single() == 3);
		return new Discharge(patient, caseId, encounter, out.toInstant());
	}
}
