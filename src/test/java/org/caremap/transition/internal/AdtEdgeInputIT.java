package org.caremap.transition.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

import org.caremap.organization.Organizations;
import org.caremap.patient.PatientRegistry;
import org.caremap.shared.DomainException;
import org.caremap.shared.PatientId;
import org.caremap.support.Actors;
import org.caremap.support.AdtApplied;
import org.caremap.support.IntegrationTest;
import org.caremap.support.Mllp;
import org.caremap.transition.Transitions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UserDetailsService;

/**
 * Input that used to end badly, over the real MLLP socket with the default limits: every message is kept with its
 * exact bytes, a NUL byte and a message beyond a size limit are answered AE with an ERR segment naming why, and
 * none of them changes anything else (the known patient's admissions below would otherwise open encounters); a
 * discharge of a visit the feed never gave an admission time is applied instead of being answered "not now" forever.
 */
class AdtEdgeInputIT extends IntegrationTest {

	@Autowired MllpListener listener;
	@Autowired JdbcClient jdbc;
	@Autowired PatientRegistry patients;
	@Autowired Organizations organizations;
	@Autowired Transitions transitions;
	@Autowired UserDetailsService users;

	private final String token = UUID.randomUUID().toString().substring(0, 8);

	private String knownMrn() {
		PatientId patient = Actors.newPatient(patients, organizations.primary().orElseThrow().id(), "Rawbytes");
		return jdbc.sql("select value from patient_identifier where patient_id = ? and type = 'MR'").param(patient.value())
			.query(String.class).single();
	}

	private static String a01(String control, String mrn, String visit, String extra) {
		return "MSH|^~\\&|EPIC|RIVERSIDE GENERAL|CAREMAP|RCP|20261120103000||ADT^A01|" + control + "|P|2.5.1\r"
				+ "EVN|A01|20261120103000\r"
				+ "PID|1||" + mrn + "^^^Test Hospital^MR||RAW^RITA||19500517|F\r"
				+ "PV1|1|I|4W^401^1^RGH||||||||||||||||" + visit + "|||||||||||||||||||||||||20261120090000\r" + extra;
	}

	@Test
	void aDischargeOfAVisitWithoutAnAdmissionTimeIsAppliedRatherThanPutOffForever() throws Exception {
		String control = "NOADMIT-" + token;
		String visit = "VA-" + token;
		String a03 = "MSH|^~\\&|EPIC|RIVERSIDE GENERAL|CAREMAP|RCP|20261122140000||ADT^A03|" + control + "|P|2.5.1\r"
				+ "EVN|A03|20261122140000\r"
				+ "PID|1||" + knownMrn() + "^^^Test Hospital^MR||RAW^RITA||19500517|F\r"
				+ "PV1|1|I|4W^401^1^RGH||||||||||||||||" + visit + "||||||||||||||||||||||||||20261122140000\r";
		String ack = send(a03.getBytes(StandardCharsets.UTF_8));
		assertThat(Mllp.code(ack)).as(ack).isEqualTo("AA");
		assertThat(AdtApplied.status(jdbc, control)).isEqualTo("APPLIED");
		assertThat(jdbc.sql("select status || ' ' || (admitted_at is null) || ' ' || (discharged_at is not null) from encounter where visit_number = ?")
			.param(visit).query(String.class).single()).isEqualTo("FINISHED true true");
	}

	private String send(byte[] message) throws Exception {
		return Mllp.send(listener.port(), message);
	}

	private List<Object> kept(String control) {
		return jdbc.sql("select status, ack_code, coalesce(error, ''), raw, payload from adt_message where control_id = ?").param(control)
			.query((rs, n) -> List.<Object>of(rs.getString(1), rs.getString(2), rs.getString(3), rs.getBytes(4), rs.getString(5)))
			.single();
	}

	private long encounters(String visit) {
		return jdbc.sql("select count(*) from encounter where visit_number = ?").param(visit).query(Long.class).single();
	}

	@Test
	void aMessageWithANulByteIsAnsweredAeAndKeptWithItsExactBytes() throws Exception {
		String control = "NUL-" + token;
		String visit = "VN-" + token;
		byte[] raw = a01(control, knownMrn(), visit, "").replace("RAW^RITA", "RAW\0^RITA").getBytes(StandardCharsets.UTF_8);
		String ack = send(raw);
		assertThat(Mllp.code(ack)).isEqualTo("AE");
		assertThat(ack).contains("MSA|AE|" + control).contains("ERR|||102^Data type error^HL70357|E").contains("NUL");
		List<Object> row = kept(control);
		assertThat(row.get(0)).isEqualTo("REJECTED");
		assertThat(row.get(1)).isEqualTo("AE");
		assertThat((String) row.get(2)).contains("NUL");
		assertThat((byte[]) row.get(3)).isEqualTo(raw);
		assertThat((String) row.get(4)).contains("RAW\uFFFD^RITA");
		assertThat(encounters(visit)).isZero();
		// reprocessing reads the bytes again, and refuses them again
		Actors actors = new Actors(users);
		UUID id = jdbc.sql("select id from adt_message where control_id = ?").param(control).query(UUID.class).single();
		assertThatThrownBy(() -> actors.run("intake", () -> transitions.reprocess(id)))
			.isInstanceOfSatisfying(DomainException.class, ex -> assertThat(ex.code()).isEqualTo("adt.unreadable"));
		assertThat(encounters(visit)).isZero();
	}

	@Test
	void bytesThatAreNotUtf8AreKeptAsTheyCame() throws Exception {
		String control = "LATIN1-" + token;
		byte[] raw = a01(control, "NOBODY-" + token, "VL-" + token, "").replace("RAW^RITA", "MU\u00D1OZ^RITA")
			.getBytes(StandardCharsets.ISO_8859_1);
		assertThat(Mllp.code(send(raw))).isEqualTo("AA");
		assertThat(AdtApplied.status(jdbc, control)).isEqualTo("UNMATCHED");
		List<Object> row = kept(control);
		assertThat((byte[]) row.get(3)).isEqualTo(raw);
		assertThat((String) row.get(4)).contains("MU\uFFFDOZ");
	}

	@Test
	void aFieldOverTheLimitIsAnsweredAeNamingItAndNothingIsApplied() throws Exception {
		String control = "FIELD-" + token;
		String visit = "VF-" + token;
		String note = "NTE|1||" + "x".repeat(70_000) + "\r";
		byte[] raw = a01(control, knownMrn(), visit, note).getBytes(StandardCharsets.UTF_8);
		String ack = send(raw);
		assertThat(Mllp.code(ack)).isEqualTo("AE");
		assertThat(ack).contains("MSA|AE|" + control).contains("NTE-3").contains("65536").contains("max-field-length")
			.contains("ERR|||102^");
		List<Object> row = kept(control);
		assertThat(row.get(0)).isEqualTo("REJECTED");
		assertThat((byte[]) row.get(3)).isEqualTo(raw);
		assertThat(encounters(visit)).isZero();
	}

	@Test
	void tooManySegmentsAreAnsweredAeNamingTheLimitAndNothingIsApplied() throws Exception {
		String control = "SEGS-" + token;
		String visit = "VS-" + token;
		String notes = "NTE|1||note\r".repeat(1_000);
		String ack = send(a01(control, knownMrn(), visit, notes).getBytes(StandardCharsets.UTF_8));
		assertThat(Mllp.code(ack)).isEqualTo("AE");
		assertThat(ack).contains("more than 1000 segments").contains("max-segments");
		assertThat(kept(control).get(0)).isEqualTo("REJECTED");
		assertThat(encounters(visit)).isZero();
	}

	@Test
	void aMessageOverTheSizeLimitIsAnsweredAeOnTheSameConnectionAndItsStartIsKept() throws Exception {
		String control = "HUGE-" + token;
		String visit = "VH-" + token;
		ByteArrayOutputStream big = new ByteArrayOutputStream();
		big.writeBytes(a01(control, knownMrn(), visit, "").getBytes(StandardCharsets.UTF_8));
		String note = "NTE|1||" + "y".repeat(60_000) + "\r";
		while (big.size() <= 1_200_000) big.writeBytes(note.getBytes(StandardCharsets.UTF_8));
		byte[] raw = big.toByteArray();
		try (Mllp.Connection connection = new Mllp.Connection(listener.port())) {
			String ack = connection.send(raw);
			assertThat(Mllp.code(ack)).isEqualTo("AE");
			assertThat(ack).contains("MSA|AE|" + control).contains("larger than the limit of 1048576 bytes");
			// the connection goes on
			String next = "NEXT-" + token;
			assertThat(Mllp.code(connection.send(a01(next, "NOBODY-" + token, "VX-" + token, "").getBytes(StandardCharsets.UTF_8))))
				.isEqualTo("AA");
		}
		List<Object> row = kept(control);
		assertThat(row.get(0)).isEqualTo("REJECTED");
		byte[] start = (byte[]) row.get(3);
		assertThat(start.length).isGreaterThan(1_048_576).isLessThan(raw.length);
		assertThat(start).isEqualTo(java.util.Arrays.copyOf(raw, start.length));
		assertThat(encounters(visit)).isZero();
	}
}
