package org.caremap.demo.internal;

import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

import org.caremap.patient.IdentifierType;
import org.caremap.patient.NewPatient;
import org.caremap.patient.PatientIdentifier;
import org.caremap.transition.AdtInbox;
import org.springframework.stereotype.Component;

/**
 * The demo hospital feed: Riverside General sends admissions and discharges for a few patients (some enrolled,
 * so their case managers get transition work; most not, so the outreach list has rows) and an ED visit, through
 * the same inbox a real feed uses.
 */
@Component
class DemoTransitions {

	private static final DateTimeFormatter HL7 = DateTimeFormatter.ofPattern("yyyyMMddHHmm");
	private static final String[] DIAGNOSES = { "I50.9^Heart failure, unspecified", "J44.1^COPD with acute exacerbation",
			"J18.9^Pneumonia, unspecified organism", "E11.65^Type 2 diabetes with hyperglycemia", "N39.0^Urinary tract infection" };

	private final AdtInbox inbox;

	DemoTransitions(AdtInbox inbox) {
		this.inbox = inbox;
	}

	/** Stays for these patients, ending between 1 and 20 days ago; every fifth one an ED visit. */
	void create(List<NewPatient> patients, ZoneId zone) {
		ZonedDateTime now = ZonedDateTime.now(zone).withSecond(0).withNano(0);
		int n = 0;
		for (NewPatient p : patients) {
			PatientIdentifier mrn = p.identifiers().stream()
				.filter(i -> i.type() == IdentifierType.MR && i.assigner().startsWith("Riverside")).findFirst().orElse(null);
			if (mrn == null) continue;
			n++;
			String pid = "PID|1||" + mrn.value() + "^^^" + mrn.assigner() + "^MR||" + p.familyName().toUpperCase(Locale.ROOT) + "^"
					+ p.givenName().toUpperCase(Locale.ROOT) + "||" + p.birthDate().toString().replace("-", "") + "|"
					+ (p.sex().name().startsWith("F") ? "F" : "M") + "\r";
			String dg1 = "DG1|1||" + DIAGNOSES[n % DIAGNOSES.length] + "^I10\r";
			ZonedDateTime end = now.minusDays(1 + (n * 3L) % 20).withHour(11 + n % 5);
			String visit = "RGH-V" + (700_000 + n);
			if (n % 5 == 0) {
				send("A04", visit, end, pid, "PV1|1|E|ED^12^1^RGH|E|||||||||||||||" + visit + "|||||||||||||||||||||||||"
						+ HL7.format(end.minusHours(5)) + "\r" + dg1);
				continue;
			}
			ZonedDateTime start = end.minusDays(2 + n % 6);
			String bed = "PV1|1|I|" + (n % 2 == 0 ? "4W^40" : "6E^61") + n % 10 + "^1^RGH|" + (n % 3 == 0 ? "C" : "E")
					+ "|||||||||||||||" + visit + "|||||||||||||||||";
			send("A01", visit + "-a", start, pid, bed + "||||||||" + HL7.format(start) + "\r" + dg1);
			send("A03", visit + "-d", end, pid, bed + "01||||||||" + HL7.format(start) + "|" + HL7.format(end) + "\r" + dg1);
		}
	}

	/**
	 * Patients in hospital now: admitted (A01, inpatient) 1 to 4 days ago and not yet discharged, so that their stays
	 * are under concurrent review (the demo patients are all covered).
	 */
	void admit(List<NewPatient> patients, ZoneId zone) {
		ZonedDateTime now = ZonedDateTime.now(zone).withSecond(0).withNano(0);
		int n = 0;
		for (NewPatient p : patients) {
			PatientIdentifier mrn = p.identifiers().stream()
				.filter(i -> i.type() == IdentifierType.MR && i.assigner().startsWith("Riverside")).findFirst().orElse(null);
			if (mrn == null) continue;
			n++;
			String pid = "PID|1||" + mrn.value() + "^^^" + mrn.assigner() + "^MR||" + p.familyName().toUpperCase(Locale.ROOT) + "^"
					+ p.givenName().toUpperCase(Locale.ROOT) + "||" + p.birthDate().toString().replace("-", "") + "|"
					+ (p.sex().name().startsWith("F") ? "F" : "M") + "\r";
			String dg1 = "DG1|1||" + DIAGNOSES[(n + 2) % DIAGNOSES.length] + "^I10\r";
			ZonedDateTime start = now.minusDays(n).withHour(9 + 2 * n % 8);
			String visit = "RGH-V" + (800_000 + n);
			String bed = "PV1|1|I|" + (n % 2 == 0 ? "5E^52" : "3N^31") + n % 10 + "^1^RGH|" + (n % 3 == 0 ? "U" : "E")
					+ "|||||||||||||||" + visit + "|||||||||||||||||";
			send("A01", visit + "-a", start, pid, bed + "||||||||" + HL7.format(start) + "\r" + dg1);
		}
	}

	private void send(String event, String control, ZonedDateTime at, String pid, String rest) {
		String message = "MSH|^~\\&|EPIC|RIVERSIDE GENERAL|CAREMAP|RCP|" + HL7.format(at) + "||ADT^" + event + "|" + control
				+ "|P|2.5.1\rEVN|" + event + "|" + HL7.format(at) + "\r" + pid + rest;
		inbox.receive(message.getBytes(StandardCharsets.UTF_8), AdtInbox.Channel.FILE);
	}
}
