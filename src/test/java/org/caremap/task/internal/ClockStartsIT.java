package org.caremap.task.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.caremap.support.Today;
import org.caremap.caseload.Acuity;
import org.caremap.caseload.CaseId;
import org.caremap.caseload.Cases;
import org.caremap.caseload.Consent;
import org.caremap.caseload.ConsentMethod;
import org.caremap.caseload.Enrolment;
import org.caremap.identity.UserAccounts;
import org.caremap.organization.Organizations;
import org.caremap.patient.Coverage;
import org.caremap.patient.PatientRegistry;
import org.caremap.program.Confidentiality;
import org.caremap.program.ProgramDefinition;
import org.caremap.program.ProgramId;
import org.caremap.program.ProgramType;
import org.caremap.program.Programs;
import org.caremap.referral.NewReferral;
import org.caremap.referral.ReferralId;
import org.caremap.referral.ReferralSource;
import org.caremap.referral.Referrals;
import org.caremap.referral.Urgency;
import org.caremap.shared.DomainException;
import org.caremap.shared.PatientId;
import org.caremap.shared.SystemActor;
import org.caremap.shared.UserId;
import org.caremap.support.Actors;
import org.caremap.support.Eventually;
import org.caremap.support.IntegrationTest;
import org.caremap.task.ClockAudience;
import org.caremap.task.ClockSettings;
import org.caremap.task.ClockStart;
import org.caremap.task.ClockStop;
import org.caremap.task.ClockUnit;
import org.caremap.task.ClockView;
import org.caremap.task.Clocks;
import org.caremap.utilization.Authorizations;
import org.caremap.utilization.AuthorizationView;
import org.caremap.utilization.CodeSystem;
import org.caremap.utilization.Decision;
import org.caremap.utilization.NewAuthorization;
import org.caremap.utilization.UnitKind;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UserDetailsService;

/**
 * The clocks that a referral and an authorization request start, on the running application: a referral received
 * starts its program's intake clock (with the referral, before any case) that its decision stops, met in time or
 * missed after a breach told once; another referral's decision leaves it running. An authorization request sent to the
 * payer starts the request clock in the patient's open case, which that request's decision stops (not another's).
 * A stop that does not fit the start is refused.
 */
class ClockStartsIT extends IntegrationTest {

	@Autowired Clocks clocks;
	@Autowired ClockSweepProbe sweep;
	@Autowired Referrals referrals;
	@Autowired Authorizations authorizations;
	@Autowired Cases cases;
	@Autowired Programs programs;
	@Autowired PatientRegistry patients;
	@Autowired Organizations organizations;
	@Autowired UserAccounts accounts;
	@Autowired UserDetailsService users;
	@Autowired JdbcClient jdbc;

	Actors actors() {
		return new Actors(users);
	}

	ProgramId program(String name) {
		UserId supervisor = accounts.findByUsername("supervisor").orElseThrow().id();
		return actors().as("admin", () -> {
			var p = programs.create(organizations.primary().orElseThrow().id(), new ProgramDefinition(name + " " + System.nanoTime(),
					ProgramType.COMPLEX_CARE, "", "", 14, Confidentiality.STANDARD, true));
			programs.assignSupervisors(p.id(), Set.of(supervisor));
			return p.id();
		});
	}

	ClockView clock(ProgramId program, String name, ClockStart start, ClockStop stop, ClockAudience tell) {
		return actors().as("admin", () -> clocks.add(program, new ClockSettings(name, start, stop, ClockUnit.BUSINESS_DAYS, 2, 1,
				true, false, true, tell)));
	}

	ReferralId refer(PatientId patient, ProgramId program) {
		return actors().as("intake", () -> referrals.receive(new NewReferral(patient, program, ReferralSource.PROVIDER, "Dr. Test",
				null, "clock test referral", Urgency.ROUTINE)));
	}

	List<Map<String, Object>> instances(UUID definition) {
		return jdbc.sql("select * from clock_instance where definition_id = ? order by created_at").param(definition).query().listOfRows();
	}

	Map<String, Object> instance(UUID definition, String subject) {
		return jdbc.sql("select * from clock_instance where definition_id = ? and subject = ?").params(definition, subject)
			.query().singleRow();
	}

	static Instant at(Object timestamp) {
		return ((java.sql.Timestamp) timestamp).toInstant();
	}

	long told(String title, UserId who) {
		return jdbc.sql("select count(*) from notification where recipient_id = ? and title = ?").params(who.value(), title)
			.query(Long.class).single();
	}

	@Test
	void aReferralReceivedStartsTheIntakeClockThatItsDecisionStopsAsMet() {
		ProgramId program = program("Referral clock");
		ClockView intake = clock(program, "Referral decided within 2 business days", ClockStart.REFERRAL_RECEIVED,
				ClockStop.REFERRAL_DECIDED, ClockAudience.NOBODY);
		PatientId patient = Actors.newPatient(patients, organizations.primary().orElseThrow().id(), "Intakeclock");
		ReferralId accepted = refer(patient, program);
		ReferralId other = refer(patient, program);

		// started with the referral, in its transaction: no case yet, timed on the business calendar
		Map<String, Object> started = instance(intake.id(), "referral:" + accepted.value());
		assertThat(started.get("status")).isEqualTo("RUNNING");
		assertThat(started.get("case_id")).isNull();
		assertThat(started.get("patient_id")).isEqualTo(patient.value());
		Instant receivedAt = jdbc.sql("select received_at from referral where id = ?").param(accepted.value())
			.query((rs, n) -> rs.getTimestamp(1).toInstant()).single();
		assertThat(at(started.get("started_at"))).isCloseTo(receivedAt, within(1, ChronoUnit.MILLIS));
		var calendar = organizations.calendar(organizations.primary().orElseThrow().id());
		assertThat(at(started.get("due_at"))).isAfter(receivedAt.plus(Duration.ofDays(1)));
		assertThat(instances(intake.id())).hasSize(2);

		// accepted (the patient enrolled from the referral): that referral's clock met; the other runs on
		UserId dana = accounts.findByUsername("casemanager").orElseThrow().id();
		actors().run("intake", () -> {
			referrals.claim(accepted);
			cases.enrol(new Enrolment(patient, program, accepted, dana, LocalDate.now(calendar.zone()),
					new Consent(LocalDate.now(calendar.zone()), ConsentMethod.VERBAL, "Ida Intakeclock", true, true, true, true),
					Acuity.MODERATE, "referral clock test"));
		});
		Map<String, Object> met = instance(intake.id(), "referral:" + accepted.value());
		assertThat(met.get("status")).isEqualTo("MET");
		assertThat(met.get("stop_reason")).isEqualTo("referral accepted");
		assertThat(instance(intake.id(), "referral:" + other.value()).get("status")).isEqualTo("RUNNING");

		// withdrawn: the other one's clock stops too
		actors().run("intake", () -> referrals.withdraw(other, "sent twice"));
		assertThat(instance(intake.id(), "referral:" + other.value()).get("status")).isEqualTo("MET");
		assertThat(instances(intake.id())).extracting(r -> r.get("status")).containsOnly("MET");
	}

	@Test
	void aReferralDecidedAfterItsClockBreachedIsMissedAndTheBreachIsToldOnce() {
		ProgramId program = program("Referral breach");
		String name = "Referral screened in time " + System.nanoTime();
		ClockView intake = clock(program, name, ClockStart.REFERRAL_RECEIVED, ClockStop.REFERRAL_DECIDED, ClockAudience.SUPERVISOR);
		PatientId patient = Actors.newPatient(patients, organizations.primary().orElseThrow().id(), "Lateintake");
		ReferralId referral = refer(patient, program);
		UUID id = (UUID) instance(intake.id(), "referral:" + referral.value()).get("id");
		UserId supervisor = accounts.findByUsername("supervisor").orElseThrow().id();

		jdbc.sql("update clock_instance set warn_at = null, due_at = now() - interval '1 minute' where id = ?").param(id).update();
		for (int run = 0; run < 3; run++) sweep.sweep();
		Eventually.until("the breach told", () -> told("Missed: " + name, supervisor) == 1);
		for (int run = 0; run < 3; run++) sweep.sweep();
		assertThat(told("Missed: " + name, supervisor)).isEqualTo(1);

		actors().run("intake", () -> {
			referrals.claim(referral);
			referrals.decline(referral, "not eligible");
		});
		Map<String, Object> row = jdbc.sql("select * from clock_instance where id = ?").param(id).query().singleRow();
		assertThat(row.get("status")).isEqualTo("MISSED");
		assertThat(row.get("stop_reason")).isEqualTo("referral declined");
		assertThat(row.get("breached_at")).isNotNull();
		for (int run = 0; run < 2; run++) sweep.sweep();
		assertThat(told("Missed: " + name, supervisor)).isEqualTo(1);
	}

	@Test
	void anAuthorizationRequestedStartsAClockThatItsDecisionStops() {
		ProgramId program = program("Authorization clock");
		ClockView decided = clock(program, "Payer decides within 2 business days", ClockStart.AUTHORIZATION_REQUESTED,
				ClockStop.AUTHORIZATION_DECIDED, ClockAudience.NOBODY);
		String unique = UUID.randomUUID().toString().substring(0, 8);
		PatientId patient = Actors.newPatient(patients, organizations.primary().orElseThrow().id(), "Authclock");
		SystemActor.run("test", List.of("SYSTEM"), () -> patients.addCoverage(patient, new Coverage(null, "Clock Health Plan",
				"Test plan", "M-" + unique, null, Today.date().minusYears(1), null, 1)));
		UUID coverage = SystemActor.call("test", List.of("SYSTEM"), () -> patients.details(patient).orElseThrow().coverage().get(0).id());
		UserId dana = accounts.findByUsername("casemanager").orElseThrow().id();
		CaseId caseId = actors().as("supervisor", () -> cases.enrol(new Enrolment(patient, program, null, dana, Today.date(),
				new Consent(Today.date(), ConsentMethod.WRITTEN, "Ada Authclock", true, true, true, true), Acuity.HIGH,
				"authorization clock test")));

		UUID first = actors().as("casemanager", () -> authorizations.draft(request(patient, coverage)));
		UUID second = actors().as("casemanager", () -> authorizations.draft(request(patient, coverage)));
		assertThat(instances(decided.id())).as("a draft is not a request yet").isEmpty();
		Instant sent = Instant.now().minus(Duration.ofHours(2)).truncatedTo(ChronoUnit.SECONDS);
		actors().run("casemanager", () -> {
			authorizations.submit(first, sent);
			authorizations.submit(second, sent);
		});
		Map<String, Object> started = instance(decided.id(), "authorization:" + first);
		assertThat(started.get("status")).isEqualTo("RUNNING");
		assertThat(started.get("case_id")).isEqualTo(caseId.value());
		assertThat(at(started.get("started_at"))).isEqualTo(sent);

		// the payer decides the first: its clock is met, the second request's runs on
		Instant decidedAt = Instant.now().minus(Duration.ofMinutes(5)).truncatedTo(ChronoUnit.SECONDS);
		actors().run("casemanager", () -> {
			AuthorizationView a = authorizations.find(first).orElseThrow();
			authorizations.decide(first, new Decision("REF-" + unique, decidedAt, null, a.lines().stream()
				.map(l -> new Decision.LineAnswer(l.id(), l.unitsRequested(), Today.date(), Today.date().plusDays(60), null))
				.toList()));
		});
		Eventually.until("the decided request's clock met",
				() -> "MET".equals(instance(decided.id(), "authorization:" + first).get("status")));
		Map<String, Object> met = instance(decided.id(), "authorization:" + first);
		assertThat(at(met.get("stopped_at"))).isEqualTo(decidedAt);
		assertThat(instance(decided.id(), "authorization:" + second).get("status")).isEqualTo("RUNNING");

		// withdrawn, the second request's clock stops as well
		actors().run("casemanager", () -> authorizations.withdraw(second, "the patient declined the service"));
		Eventually.until("the withdrawn request's clock stopped",
				() -> !"RUNNING".equals(instance(decided.id(), "authorization:" + second).get("status")));
	}

	NewAuthorization request(PatientId patient, UUID coverage) {
		return new NewAuthorization(patient, coverage, "Home health nursing", List.of("I50.9"), "Dr. Maria Alvarez",
				"Riverside Home Health", Today.date(), Today.date().plusDays(60), org.caremap.utilization.Urgency.STANDARD,
				"Clock test.", List.of(new NewAuthorization.Line(CodeSystem.HCPCS, "G0299", "RN visit", 6, UnitKind.VISIT)), null);
	}

	@Test
	void aStopThatDoesNotFitTheStartIsRefused() {
		ProgramId program = program("Pairs");
		for (ClockStart start : ClockStart.values()) {
			for (ClockStop stop : ClockStop.values()) {
				if (stop == ClockStop.STEP_MET) continue;
				ClockSettings s = new ClockSettings("Pair " + start + " " + stop, start, stop, ClockUnit.CALENDAR_DAYS, 3, null, true,
						false, true, ClockAudience.NOBODY);
				boolean fits = switch (start) {
					case REFERRAL_RECEIVED -> stop == ClockStop.REFERRAL_DECIDED;
					case AUTHORIZATION_REQUESTED -> stop == ClockStop.AUTHORIZATION_DECIDED;
					case ENROLMENT, DISCHARGE, SAFETY_FLAG -> stop != ClockStop.REFERRAL_DECIDED;
				};
				if (fits) {
					assertThat(actors().as("admin", () -> clocks.add(program, s)).settings().stop()).isEqualTo(stop);
				}
				else {
					assertThatThrownBy(() -> actors().run("admin", () -> clocks.add(program, s)))
						.as(start + " until " + stop).isInstanceOf(DomainException.class).hasMessageContaining("does not stop on");
				}
			}
		}
	}
}
