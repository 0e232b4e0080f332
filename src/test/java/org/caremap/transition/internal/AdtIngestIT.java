package org.caremap.transition.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.UUID;

import org.caremap.caseload.Acuity;
import org.caremap.caseload.Cases;
import org.caremap.caseload.Consent;
import org.caremap.caseload.ConsentMethod;
import org.caremap.caseload.Enrolment;
import org.caremap.identity.UserAccounts;
import org.caremap.organization.BusinessCalendar;
import org.caremap.organization.Organizations;
import org.caremap.patient.PatientRegistry;
import org.caremap.program.Programs;
import org.caremap.shared.PatientId;
import org.caremap.support.Actors;
import org.caremap.support.AdtApplied;
import org.caremap.support.Eventually;
import org.caremap.support.IntegrationTest;
import org.caremap.support.Mllp;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UserDetailsService;

/**
 * ADT over a real MLLP socket: the ACK codes for good, bad and foreign input, resends not applied twice, reused
 * control ids applied and flagged, and a Friday discharge of an enrolled patient turning into the transition
 * tasks with business-day clocks.
 */
class AdtIngestIT extends IntegrationTest {

	@Autowired MllpListener listener;
	@Autowired AdtBatch batch;
	@Autowired org.caremap.transition.Transitions transitions;
	@Autowired Cases cases;
	@Autowired Programs programs;
	@Autowired PatientRegistry patients;
	@Autowired Organizations organizations;
	@Autowired UserAccounts accounts;
	@Autowired UserDetailsService users;
	@Autowired JdbcClient jdbc;
	@Autowired org.caremap.demo.DemoLogins demo;

	ZoneId zone;
	BusinessCalendar calendar;

	@BeforeEach
	void setUp() {
		zone = organizations.primary().orElseThrow().zone();
		calendar = organizations.calendar(organizations.primary().orElseThrow().id());
	}

	private String send(String message) throws Exception {
		return Mllp.send(listener.port(), message);
	}

	private static String code(String ack) {
		return Mllp.code(ack);
	}

	private String mrn(PatientId patient) {
		return jdbc.sql("select value from patient_identifier where patient_id = ? and type = 'MR'").param(patient.value())
			.query(String.class).single();
	}

	private static String adt(String event, String control, String pid3, String pv1) {
		return "MSH|^~\\&|EPIC|RIVERSIDE GENERAL|CAREMAP|RCP|20261120103000||ADT^" + event + "|" + control + "|P|2.5.1\r"
				+ "EVN|" + event + "|20261120103000\r"
				+ "PID|1||" + pid3 + "||TEST^PATIENT||19500517|F\r" + pv1;
	}

	@Test
	void acksSayWhatHappenedAndNothingHalfAppliedStays() throws Exception {
		String stranger = "S-" + UUID.randomUUID().toString().substring(0, 8);
		String a01 = adt("A01", "C-" + stranger, stranger + "^^^ELSEWHERE^MR",
				"PV1|1|I|4W^401^1^RGH||||||||||||||||V-" + stranger + "|||||||||||||||||||||||||20261120090000\r");
		String ack = send(a01);
		assertThat(code(ack)).isEqualTo("AA");
		assertThat(ack).contains("MSA|AA|C-" + stranger);
		assertThat(AdtApplied.status(jdbc, "C-" + stranger)).isEqualTo("UNMATCHED");
		// the same message again is a resend: acknowledged, counted, not stored twice
		assertThat(code(send(a01))).isEqualTo("AA");
		assertThat(jdbc.sql("select resends from adt_message where control_id = ?").param("C-" + stranger).query(Integer.class)
			.single()).isEqualTo(1);
		// a different payload under the same control id is a new message, flagged
		assertThat(code(send(a01.replace("4W^401", "4W^402")))).isEqualTo("AA");
		assertThat(jdbc.sql("select count(*) from adt_message where control_id = ? and reused_control_id")
			.param("C-" + stranger).query(Long.class).single()).isEqualTo(1);

		assertThat(code(send("this is not HL7"))).isEqualTo("AR");
		String oru = a01.replace("ADT^A01", "ORU^R01").replace("C-" + stranger, "O-" + stranger);
		String oruAck = send(oru);
		assertThat(code(oruAck)).isEqualTo("AR");
		assertThat(oruAck).contains("ERR|||200^Unsupported message type^HL70357|E");
		assertThat(code(send(a01.replace("|2.5.1", "|3.0").replace("C-" + stranger, "V-" + stranger)))).isEqualTo("AR");
		String noPid = "MSH|^~\\&|EPIC|RIVERSIDE GENERAL|CAREMAP|RCP|20261120103000||ADT^A01|N-" + stranger + "|P|2.5.1\rEVN|A01|20261120103000\r";
		String noPidAck = send(noPid);
		assertThat(code(noPidAck)).isEqualTo("AE");
		assertThat(noPidAck).contains("MSA|AE|N-" + stranger).contains("ERR|||101^Required field missing^HL70357|E");
		// every refused message is kept, raw, with its reason; none of them made an encounter
		assertThat(jdbc.sql("select count(*) from adt_message where status = 'REJECTED' and control_id like ?")
			.param("%" + stranger).query(Long.class).single()).isEqualTo(3);
		assertThat(jdbc.sql("select count(*) from encounter where visit_number = ?").param("V-" + stranger)
			.query(Long.class).single()).isZero();
	}

	@Test
	void aFridayDischargeOfAnEnrolledPatientGivesATuesdayCallAndTheVisitAndMedicationTasks() throws Exception {
		var program = programs.active().get(0);
		PatientId patient = Actors.newPatient(patients, organizations.primary().orElseThrow().id(), "Discharged");
		var dana = accounts.findByUsername("casemanager").orElseThrow().id();
		new Actors(users).as("supervisor", () -> cases.enrol(new Enrolment(patient, program.id(), null, dana,
				LocalDate.now(zone).minusDays(40), new Consent(LocalDate.now(zone).minusDays(40), ConsentMethod.VERBAL,
						"Dana Whitfield, RN", true, true, true, true), Acuity.MODERATE, "test")));
		// the latest Friday (within the 30-day period) followed by a business Monday and Tuesday
		LocalDate friday = LocalDate.now(zone).minusDays(1);
		while (friday.getDayOfWeek() != DayOfWeek.FRIDAY || !calendar.isBusinessDay(friday.plusDays(3))
				|| !calendar.isBusinessDay(friday.plusDays(4))) {
			friday = friday.minusDays(1);
		}
		assertThat(friday).isAfter(LocalDate.now(zone).minusDays(28));
		DateTimeFormatter hl7 = DateTimeFormatter.ofPattern("yyyyMMdd");
		String visit = "V-" + UUID.randomUUID().toString().substring(0, 8);
		String pid3 = "OTHER^^^NOWHERE^PI~" + mrn(patient) + "^^^Test Hospital^MR";
		String a01 = adt("A01", "A-" + visit, pid3, "PV1|1|I|4W^401^1^RGH|E|||||||||||||||" + visit
				+ "|||||||||||||||||||||||||" + hl7.format(friday.minusDays(3)) + "0800\r");
		assertThat(code(send(a01))).isEqualTo("AA");
		String a03 = adt("A03", "D-" + visit, pid3, "PV1|1|I|4W^401^1^RGH|E|||||||||||||||" + visit
				+ "|||||||||||||||||01||||||||" + hl7.format(friday.minusDays(3)) + "0800|" + hl7.format(friday) + "1400\r");
		assertThat(code(send(a03))).isEqualTo("AA");
		assertThat(AdtApplied.status(jdbc, "D-" + visit)).isEqualTo("APPLIED");

		var encounter = jdbc.sql("select status, lace, admit_notified_at from encounter where visit_number = ?").param(visit)
			.query((rs, n) -> List.of(rs.getString(1), rs.getInt(2), rs.getTimestamp(3) != null)).single();
		assertThat(encounter.get(0)).isEqualTo("FINISHED");
		// LACE: 3 days -> L 3; emergency -> A 3; I10 and E11.9 -> C 1; no ED visits -> E 0
		assertThat(encounter.get(1)).isEqualTo(7);
		assertThat(encounter.get(2)).isEqualTo(true);
		Instant tuesdayEnd = calendar.endOfDay(friday.plusDays(4));
		assertThat(due("transition:%:contact", patient)).isEqualTo(tuesdayEnd);
		assertThat(due("transition:%:visit", patient)).isEqualTo(calendar.endOfDay(friday.plusDays(14)));
		assertThat(due("transition:%:medrec", patient)).isEqualTo(calendar.endOfDay(friday.plusDays(14)));
		assertThat(jdbc.sql("select owner_user_id from task where patient_id = ? and source like 'transition:%:contact'")
			.param(patient.value()).query(UUID.class).single()).isEqualTo(dana.value());

		// the discharge is cancelled (A13): the clocks stop
		String a13 = adt("A13", "X-" + visit, pid3, "PV1|1|I|4W^401^1^RGH|E|||||||||||||||" + visit + "\r");
		assertThat(code(send(a13))).isEqualTo("AA");
		assertThat(AdtApplied.status(jdbc, "X-" + visit)).isEqualTo("APPLIED");
		org.caremap.support.Eventually.until("the three transition tasks are cancelled", () -> jdbc
			.sql("select count(*) from task where patient_id = ? and source like 'transition:%' and status = 'CANCELLED'")
			.param(patient.value()).query(Long.class).single() == 3);
		assertThat(jdbc.sql("select status from encounter where visit_number = ?").param(visit).query(String.class).single())
			.isEqualTo("IN_PROGRESS");
	}

	@Test
	void aBackfillFileIsTakenMessageByMessageAsOverMllp() {
		String token = UUID.randomUUID().toString().substring(0, 8);
		String one = adt("A04", "B1-" + token, "B-" + token + "^^^ELSEWHERE^MR", "PV1|1|E|ED^1^1^RGH\r");
		String two = adt("A08", "B2-" + token, "B-" + token + "^^^ELSEWHERE^MR", "PV1|1|E|ED^1^1^RGH\r");
		String oru = one.replace("ADT^A04", "ORU^R01").replace("B1-", "B3-");
		// LF line ends, a blank line between messages, one message MLLP-framed
		String file = (one + "\n" + two).replace("\r", "\n") + "\n\n\u000B" + oru + "\u001C\r";
		var counts = new Actors(users).as("admin", () -> batch.load(file.getBytes(StandardCharsets.UTF_8)));
		assertThat(counts).containsEntry("AA", 2).containsEntry("AE", 0).containsEntry("AR", 1);
		assertThat(jdbc.sql("select count(*) from adt_message where channel = 'FILE' and control_id like ?").param("%-" + token)
			.query(Long.class).single()).isEqualTo(3);
	}

	@Test
	void anUnmatchedMessageIsLinkedByAPersonAndTheNextOneFindsThePatientItself() throws Exception {
		PatientId patient = Actors.newPatient(patients, organizations.primary().orElseThrow().id(), "Unlinked");
		String token = UUID.randomUUID().toString().substring(0, 8);
		String hospitalNumber = "H-" + token;
		String first = adt("A04", "U1-" + token, hospitalNumber + "^^^ST MARY^MR", "PV1|1|E|ED^1^1^SMH\r");
		assertThat(code(send(first))).isEqualTo("AA");
		assertThat(AdtApplied.status(jdbc, "U1-" + token)).isEqualTo("UNMATCHED");
		UUID message = jdbc.sql("select id from adt_message where control_id = ?").param("U1-" + token).query(UUID.class).single();
		Actors actors = new Actors(users);
		var waiting = actors.as("intake", () -> transitions.unmatched(500));
		assertThat(waiting).anySatisfy(m -> {
			assertThat(m.id()).isEqualTo(message);
			assertThat(m.payload()).contains(hospitalNumber);
		});
		// the message log shows no message text to an administrator, only what happened
		assertThat(actors.as("admin", () -> transitions.messages("UNMATCHED", 500))).allSatisfy(m -> assertThat(m.payload()).isNull());
		assertThat(actors.as("intake", () -> transitions.link(message, patient))).isEqualTo("APPLIED");
		assertThat(jdbc.sql("select count(*) from encounter where patient_id = ?").param(patient.value()).query(Long.class).single())
			.isEqualTo(1);
		// the hospital's number is now on the patient: its next message matches without anyone
		String second = adt("A08", "U2-" + token, hospitalNumber + "^^^ST MARY^MR", "PV1|1|E|ED^1^1^SMH\r");
		assertThat(code(send(second))).isEqualTo("AA");
		assertThat(AdtApplied.status(jdbc, "U2-" + token)).isEqualTo("APPLIED");
		// an applied message is not applied again
		org.assertj.core.api.Assertions.assertThatThrownBy(() -> actors.run("intake", () -> transitions.reprocess(message)))
			.isInstanceOfSatisfying(org.caremap.shared.DomainException.class, ex -> assertThat(ex.code()).isEqualTo("adt.applied"));
	}

	@Test
	void aMessageWhoseContentCannotBeAppliedIsAcknowledgedThenShownAsAnErrorAndDoesNotHoldUpThePatient() throws Exception {
		PatientId patient = Actors.newPatient(patients, organizations.primary().orElseThrow().id(), "Timeless");
		String token = UUID.randomUUID().toString().substring(0, 8);
		String pid3 = mrn(patient) + "^^^Test Hospital^MR";
		// a discharge with neither PV1-45 nor EVN-2: it reads well, but cannot be applied without its time
		String a03 = adt("A03", "E1-" + token, pid3, "PV1|1|I|4W^401^1^RGH||||||||||||||||V-" + token + "\r")
			.replace("EVN|A03|20261120103000", "EVN|A03");
		String ack = send(a03);
		assertThat(code(ack)).isEqualTo("AA");
		assertThat(AdtApplied.status(jdbc, "E1-" + token)).isEqualTo("ERROR");
		var row = jdbc.sql("select ack_code, error, processed_at is not null from adt_message where control_id = ?")
			.param("E1-" + token).query((rs, n) -> List.of(rs.getString(1), rs.getString(2), rs.getBoolean(3))).single();
		assertThat(row.get(0)).isEqualTo("AA");
		assertThat((String) row.get(1)).contains("PV1-45");
		assertThat(row.get(2)).isEqualTo(true);
		assertThat(jdbc.sql("select count(*) from encounter where visit_number = ?").param("V-" + token).query(Long.class).single())
			.isZero();
		// the patient's next message is applied: the failed one does not hold up its key
		assertThat(code(send(adt("A04", "E2-" + token, pid3, "PV1|1|O|CLINIC^1^1^RGH||||||||||||||||W-" + token + "\r"))))
			.isEqualTo("AA");
		assertThat(AdtApplied.status(jdbc, "E2-" + token)).isEqualTo("APPLIED");
		// processing it again from the log says why it still cannot be applied, and it stays an error
		UUID id = jdbc.sql("select id from adt_message where control_id = ?").param("E1-" + token).query(UUID.class).single();
		org.assertj.core.api.Assertions.assertThatThrownBy(() -> new Actors(users).run("admin", () -> transitions.reprocess(id)))
			.isInstanceOfSatisfying(org.caremap.shared.DomainException.class,
					ex -> assertThat(ex.code()).isEqualTo("adt.discharge-time"));
		assertThat(jdbc.sql("select status from adt_message where id = ?").param(id).query(String.class).single()).isEqualTo("ERROR");
		assertThat(new Actors(users).as("admin", () -> transitions.messages("ERROR", 1000))).anySatisfy(m -> {
			assertThat(m.id()).isEqualTo(id);
			assertThat(m.error()).contains("PV1-45");
		});
	}

	/**
	 * Order per patient: while the applying of one patient's transfer is held up (the test holds its stay's row),
	 * her discharge, sent next on another connection, waits, and another patient's message sent after both is
	 * applied meanwhile; once released, the transfer is applied and then the discharge. An applier that took
	 * messages in arrival order without regard to their key would take the discharge next and stall behind the same
	 * row, and the other patient's message would not be applied while the row is held.
	 */
	@Test
	void onePatientsMessagesAreAppliedInTheOrderTheyArrivedWhileOtherPatientsGoOn(
			@Autowired javax.sql.DataSource dataSource) throws Exception {
		PatientId patient = Actors.newPatient(patients, organizations.primary().orElseThrow().id(), "Ordered");
		String token = UUID.randomUUID().toString().substring(0, 8);
		String pid3 = mrn(patient) + "^^^Test Hospital^MR";
		String visit = "VO-" + token;
		String pv1 = "PV1|1|I|4W^401^1^RGH|E|||||||||||||||" + visit + "|||||||||||||||||||||||||20261120080000";
		try (Mllp.Connection first = new Mllp.Connection(listener.port());
				Mllp.Connection second = new Mllp.Connection(listener.port())) {
			assertThat(code(first.send(utf8(adt("A01", "O1-" + token, pid3, pv1 + "\r"))))).isEqualTo("AA");
			assertThat(AdtApplied.status(jdbc, "O1-" + token)).isEqualTo("APPLIED");
			try (java.sql.Connection holder = dataSource.getConnection()) {
				holder.setAutoCommit(false);
				try (var lock = holder.prepareStatement("select id from encounter where visit_number = ? for update")) {
					lock.setString(1, visit);
					lock.executeQuery().close();
				}
				assertThat(code(first.send(utf8(adt("A02", "O2-" + token, pid3, pv1.replace("4W^401", "5E^510") + "\r")))))
					.isEqualTo("AA");
				// the transfer is being applied (its row is taken) and waits for the stay's row
				Eventually.until("the transfer taken by an applier", () -> jdbc.sql("""
						select id from adt_message where control_id = ? and status = 'RECEIVED' for update skip locked""")
					.param("O2-" + token).query(UUID.class).list().isEmpty());
				assertThat(code(second.send(utf8(adt("A03", "O3-" + token, pid3,
						pv1.replace("4W^401", "5E^510") + "|20261121140000\r"))))).isEqualTo("AA");
				String other = "OTHER-" + token;
				assertThat(code(second.send(utf8(adt("A04", "O4-" + token, other + "^^^ELSEWHERE^MR", "PV1|1|E|ED^1^1^RGH\r")
						.replace("TEST^PATIENT||19500517", "NOBODY^KNOWN||19010101")))))
					.isEqualTo("AA");
				assertThat(AdtApplied.status(jdbc, "O4-" + token)).isEqualTo("UNMATCHED");
				assertThat(jdbc.sql("select status from adt_message where control_id = ?").param("O3-" + token).query(String.class)
					.single()).as("the discharge waits for the transfer sent before it").isEqualTo("RECEIVED");
				holder.rollback();
			}
		}
		assertThat(AdtApplied.status(jdbc, "O3-" + token)).isEqualTo("APPLIED");
		assertThat(AdtApplied.status(jdbc, "O2-" + token)).isEqualTo("APPLIED");
		List<String> order = jdbc.sql("select control_id from adt_message where control_id in (?, ?, ?) order by processed_at")
			.params("O1-" + token, "O2-" + token, "O3-" + token).query(String.class).list();
		assertThat(order).containsExactly("O1-" + token, "O2-" + token, "O3-" + token);
		// a discharge applied before the transfer would have left the stay in progress
		assertThat(jdbc.sql("select status from encounter where visit_number = ?").param(visit).query(String.class).single())
			.isEqualTo("FINISHED");
	}

	@Test
	void theMessageLogSaysHowManyMessagesWaitAndSinceWhen() throws Exception {
		String token = UUID.randomUUID().toString().substring(0, 8);
		UUID id = org.caremap.shared.Ids.newId();
		// a message kept as waiting, put off for an hour so that no applier takes it while the page is looked at
		jdbc.sql("""
				insert into adt_message (id, received_at, channel, sending_app, sending_facility, control_id, event, version, payload,
				                         payload_sha256, status, ack_code, order_key, apply_after)
				values (?, now() - interval '3 seconds', 'MLLP', 'TEST', 'TEST', ?, 'A08', '2.5.1', 'MSH|', ?, 'RECEIVED', 'AA', ?,
				        now() + interval '1 hour')""")
			.params(id, "WAIT-" + token, token, "TEST|" + token).update();
		try {
			org.caremap.support.Browserless admin = client();
			admin.login("admin", demo.password("admin").orElseThrow());
			String page = admin.get("/transitions/messages").body();
			assertThat(page).containsPattern("1 message is waiting to be applied; the oldest arrived [0-9]+ s ago\\.");
			String waiting = admin.get("/transitions/messages?status=RECEIVED").body();
			assertThat(waiting).contains("WAIT-" + token).contains("Waiting to be applied");
		}
		finally {
			jdbc.sql("delete from adt_message where id = ?").param(id).update();
		}
		org.caremap.support.Browserless admin = client();
		admin.login("admin", demo.password("admin").orElseThrow());
		assertThat(admin.get("/transitions/messages").body()).contains("Every message received has been applied.");
	}

	private static byte[] utf8(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	/** The due time of the task the discharge's event makes (the task module's listener, after the feed's commit). */
	private Instant due(String source, PatientId patient) {
		return org.caremap.support.Eventually.value("a task " + source, () -> jdbc
			.sql("select due_at from task where patient_id = ? and source like ? and status <> 'CANCELLED'")
			.params(patient.value(), source).query((rs, n) -> rs.getTimestamp(1).toInstant()).optional().orElse(null),
				java.util.Objects::nonNull);
	}
}
