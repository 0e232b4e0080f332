package org.caremap.utilization;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.caremap.identity.NewUser;
import org.caremap.identity.Role;
import org.caremap.identity.UserAccounts;
import org.caremap.identity.UserView;
import org.caremap.organization.Organizations;
import org.caremap.patient.Coverage;
import org.caremap.patient.PatientRegistry;
import org.caremap.shared.PatientId;
import org.caremap.shared.SystemActor;
import org.caremap.support.Actors;
import org.caremap.support.AdtApplied;
import org.caremap.support.Eventually;
import org.caremap.support.Mllp;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What the concurrent review tests share: a patient with (or without) a coverage, a reviewer of their own who reviews
 * the test payer's stays (the supervisor's per-payer setting), the hospital's admission and discharge sent over MLLP.
 */
public final class StayReviewFixtures {

	private static final DateTimeFormatter HL7 = DateTimeFormatter.ofPattern("yyyyMMddHHmm");

	private final JdbcClient jdbc;
	private final PatientRegistry patients;
	private final Organizations organizations;
	private final int mllpPort;

	public StayReviewFixtures(JdbcClient jdbc, PatientRegistry patients, Organizations organizations, int mllpPort) {
		this.jdbc = jdbc;
		this.patients = patients;
		this.organizations = organizations;
		this.mllpPort = mllpPort;
	}

	public ZoneId zone() {
		return organizations.primary().orElseThrow().zone();
	}

	/** A patient (family name given, first name Test) with a current coverage of this payer, or none when null. */
	public PatientId patient(String family, String payer) {
		PatientId patient = Actors.newPatient(patients, organizations.primary().orElseThrow().id(), family);
		if (payer != null) {
			SystemActor.run("test", List.of("SYSTEM"), () -> patients.addCoverage(patient, new Coverage(null, payer, "Test Advantage HMO",
					"M-" + UUID.randomUUID().toString().substring(0, 8), null, LocalDate.now(zone()).minusYears(1), null, 1)));
		}
		return patient;
	}

	/** A new account that reviews stays. */
	public static UserView reviewer(UserAccounts accounts, String name, String password) {
		String suffix = UUID.randomUUID().toString().substring(0, 6);
		return SystemActor.call("test", List.of("ADMIN"), () -> accounts.create(new NewUser("ur." + suffix, name, null,
				Set.of(Role.UTILIZATION_REVIEW), password, false)));
	}

	/** The supervisor's setting: this payer's stays go to this reviewer. */
	public void payerGoesTo(String payer, UserView reviewer) {
		jdbc.sql("""
				insert into stay_review_payer_reviewer (payer, reviewer_id, updated_by) values (?, ?, 'test')
				on conflict (payer) do update set reviewer_id = excluded.reviewer_id""")
			.params(payer, reviewer.id().value()).update();
	}

	public String mrn(PatientId patient) {
		return jdbc.sql("select value from patient_identifier where patient_id = ? and type = 'MR'").param(patient.value())
			.query(String.class).single();
	}

	private static String pv1(String visit) {
		return "PV1|1|I|5E^510^2^RGH|E|||||||||||||||" + visit + "|||||||||||||||||";
	}

	private String pid(PatientId patient, String family) {
		return "PID|1||" + mrn(patient) + "^^^Test Hospital^MR||" + family.toUpperCase(java.util.Locale.ROOT) + "^TEST||19500517|F\r";
	}

	/** The hospital's A01 (inpatient, emergency admission, heart failure), sent over MLLP and applied. */
	public void admit(PatientId patient, String family, String visit, ZonedDateTime at) throws Exception {
		String msg = "MSH|^~\\&|EPIC|RIVERSIDE GENERAL|CAREMAP|RCP|" + HL7.format(at) + "||ADT^A01^ADT_A01|A-" + visit + "|P|2.5.1\r"
				+ "EVN|A01|" + HL7.format(at) + "\r" + pid(patient, family) + pv1(visit) + "||||||||" + HL7.format(at) + "\r"
				+ "DG1|1||I50.9^Heart failure, unspecified^I10\r";
		send(msg, "A-" + visit);
	}

	/** The hospital's A03 for that stay, sent over MLLP and applied. */
	public void discharge(PatientId patient, String family, String visit, ZonedDateTime admitted, ZonedDateTime at) throws Exception {
		String msg = "MSH|^~\\&|EPIC|RIVERSIDE GENERAL|CAREMAP|RCP|" + HL7.format(at) + "||ADT^A03^ADT_A03|D-" + visit + "|P|2.5.1\r"
				+ "EVN|A03|" + HL7.format(at) + "\r" + pid(patient, family) + pv1(visit) + "01||||||||" + HL7.format(admitted) + "|"
				+ HL7.format(at) + "\rDG1|1||I50.9^Heart failure, unspecified^I10\r";
		send(msg, "D-" + visit);
	}

	/** The hospital's A13: the discharge of that stay was a mistake. */
	public void cancelDischarge(PatientId patient, String family, String visit, ZonedDateTime at) throws Exception {
		String msg = "MSH|^~\\&|EPIC|RIVERSIDE GENERAL|CAREMAP|RCP|" + HL7.format(at) + "||ADT^A13^ADT_A01|C-" + visit + "|P|2.5.1\r"
				+ "EVN|A13|" + HL7.format(at) + "\r" + pid(patient, family) + pv1(visit) + "\r";
		send(msg, "C-" + visit);
	}

	private void send(String message, String control) throws Exception {
		String ack = Mllp.send(mllpPort, message);
		if (!"AA".equals(Mllp.code(ack))) throw new AssertionError("ADT " + control + " answered " + ack);
		String status = AdtApplied.status(jdbc, control);
		if (!"APPLIED".equals(status)) throw new AssertionError("ADT " + control + " is " + status);
	}

	/** Waits until a listener (its class named) has handled an event naming this id (the encounter, the review). */
	public void handled(String listener, UUID about) {
		Eventually.until(listener + " handled the event of " + about, () -> jdbc.sql("""
				select count(*) from event_publication
				where listener_id like ? and serialized_event like ? and completion_date is not null""")
			.params("%" + listener + "%", "%" + about + "%").query(Long.class).single() > 0);
	}

	public UUID reviewOf(UUID encounter) {
		return Eventually.value("the stay's review", () -> jdbc.sql("select id from stay_review where encounter_id = ?").param(encounter)
			.query(UUID.class).optional(), java.util.Optional::isPresent).orElseThrow();
	}

	public UUID encounter(String visit) {
		return jdbc.sql("select id from encounter where visit_number = ?").param(visit).query(UUID.class).single();
	}
}
