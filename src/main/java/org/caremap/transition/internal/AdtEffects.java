package org.caremap.transition.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.caremap.assessment.Answers;
import org.caremap.assessment.Instruments;
import org.caremap.assessment.ScoreResult;
import org.caremap.assessment.Scorer;
import org.caremap.organization.Organizations;
import org.caremap.patient.CodedCondition;
import org.caremap.patient.Demographics;
import org.caremap.patient.FeedMatch;
import org.caremap.patient.PatientDetails;
import org.caremap.patient.PatientRegistry;
import org.caremap.patient.Sex;
import org.caremap.shared.DomainException;
import org.caremap.shared.Ids;
import org.caremap.shared.PatientId;
import org.caremap.transition.AdmissionCancelled;
import org.caremap.transition.AdtMessage;
import org.caremap.transition.DischargeCancelled;
import org.caremap.transition.EdVisitRecorded;
import org.caremap.transition.PatientAdmitted;
import org.caremap.transition.PatientDischarged;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What each ADT event does to the records this module keeps: match the patient, keep the encounter, score LACE at
 * discharge, find readmissions, and publish what happened (admitted, ED visit, discharged, cancelled) for the
 * modules that turn it into work and alerts. Replayed history (a visit whose 30 days are over) is recorded without
 * an event.
 */
@Component
class AdtEffects {

	/** What became of a message: its status, the patient and encounter it touched, and a note. */
	record Applied(String status, @Nullable UUID patient, @Nullable UUID encounter, @Nullable String note) {
	}

	static final Duration TCM_PERIOD = Duration.ofDays(30);

	private final JdbcClient jdbc;
	private final PatientRegistry patients;
	private final Organizations organizations;
	private final org.springframework.context.ApplicationEventPublisher events;
	private final Instruments instruments;
	private final AdtProperties properties;

	AdtEffects(JdbcClient jdbc, PatientRegistry patients, Organizations organizations,
			org.springframework.context.ApplicationEventPublisher events, Instruments instruments, AdtProperties properties) {
		this.jdbc = jdbc;
		this.patients = patients;
		this.organizations = organizations;
		this.events = events;
		this.instruments = instruments;
		this.properties = properties;
	}

	/** The organisation's zone, read at most every few seconds (several times per message otherwise). */
	private volatile @Nullable Zone zone;

	private record Zone(ZoneId id, long readAtNanos) {
	}

	ZoneId feedZone() {
		if (properties.feedZone() != null) return properties.feedZone();
		Zone z = zone;
		long now = System.nanoTime();
		if (z == null || now - z.readAtNanos() > java.util.concurrent.TimeUnit.SECONDS.toNanos(5)) {
			var org = organizations.primary().orElseThrow(() -> new DomainException("organization.missing", "no organisation"));
			z = new Zone(org.zone(), now);
			zone = z;
		}
		return z.id();
	}

	Applied apply(UUID messageId, AdtMessage m) {
		return apply(messageId, m, null);
	}

	/** Applies the message to the patient it names, or to the one a person chose for it. */
	Applied apply(UUID messageId, AdtMessage m, @Nullable PatientId chosen) {
		PatientId patient = chosen;
		if (patient == null) {
			FeedMatch.Result match = patients.match(new FeedMatch.Query(
					m.identifiers().stream().map(i -> new FeedMatch.Identifier(i.value(), i.authority())).toList(), m.familyName(),
					m.givenName(), m.birthDate()));
			if (!match.matched()) {
				return new Applied("UNMATCHED", null, null, match.how() == FeedMatch.How.AMBIGUOUS
						? match.candidates().size() + " patients could be this one" : "no patient with these identifiers or demographics");
			}
			patient = java.util.Objects.requireNonNull(match.patient());
		}
		return switch (m.event()) {
			case "A01", "A04", "A05" -> admit(messageId, patient, m);
			case "A02", "A06", "A07" -> update(messageId, patient, m);
			case "A03" -> discharge(messageId, patient, m);
			case "A08", "A28", "A31" -> demographics(patient, m);
			case "A11" -> cancelAdmit(messageId, patient, m);
			case "A13" -> cancelDischarge(messageId, patient, m);
			case "A40" -> merge(patient, m);
			default -> new Applied("STORED", patient.value(), null, "event " + m.event() + " is kept without effect");
		};
	}

	private String facility(AdtMessage m) {
		return m.sendingFacility().isBlank() ? m.sendingApplication() : m.sendingFacility();
	}

	/**
	 * When the stay began: PV1-44; an admission (A01) or registration (A04) without it began when the event was
	 * recorded (EVN-2), as a discharge without PV1-45 ended then.
	 */
	static AdtMessage.@Nullable Time admitTime(AdtMessage m) {
		if (m.admitTime() != null) return m.admitTime();
		boolean begins = "A01".equals(m.event()) || "A04".equals(m.event());
		return begins && m.recordedAt() != null ? new AdtMessage.Time(m.recordedAt(), null) : null;
	}

	private @Nullable Instant at(AdtMessage.@Nullable Time t) {
		return t == null ? null : t.in(feedZone()).toInstant();
	}

	/** The encounter the message is about: by visit number, else the patient's latest open one at that facility. */
	private Optional<UUID> encounter(PatientId patient, AdtMessage m) {
		if (m.visitNumber() != null) {
			return jdbc.sql("select id from encounter where patient_id = ? and facility = ? and visit_number = ? for update")
				.params(patient.value(), facility(m), m.visitNumber()).query(UUID.class).optional();
		}
		return jdbc.sql("""
				select id from encounter where patient_id = ? and facility = ? and status in ('PLANNED', 'IN_PROGRESS')
				order by coalesce(admitted_at, created_at) desc limit 1 for update""")
			.params(patient.value(), facility(m)).query(UUID.class).optional();
	}

	private UUID upsert(UUID messageId, PatientId patient, AdtMessage m, String status) {
		Optional<UUID> found = encounter(patient, m);
		String patientClass = m.patientClass() == null ? "U" : m.patientClass();
		if (found.isPresent()) {
			jdbc.sql("""
					update encounter set patient_class = ?, location = coalesce(?, location),
					       admission_type = coalesce(?, admission_type), admit_source = coalesce(?, admit_source),
					       admitted_at = coalesce(?, admitted_at), status = ?, diagnoses = ?, updated_at = now(),
					       last_message_id = ? where id = ?""")
				.params(patientClass, m.location(), m.admissionType(), m.admitSource(), ts(at(admitTime(m))), status,
						m.diagnoses().toArray(String[]::new), messageId, found.get())
				.update();
			return found.get();
		}
		UUID id = Ids.newId();
		jdbc.sql("""
				insert into encounter (id, patient_id, facility, visit_number, patient_class, location, admission_type,
				                       admit_source, admitted_at, status, diagnoses, last_message_id)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(id, patient.value(), facility(m), m.visitNumber(), patientClass, m.location(), m.admissionType(),
					m.admitSource(), ts(at(admitTime(m))), status, m.diagnoses().toArray(String[]::new), messageId)
			.update();
		return id;
	}

	private static java.sql.@Nullable Timestamp ts(@Nullable Instant i) {
		return i == null ? null : java.sql.Timestamp.from(i);
	}

	private Applied admit(UUID messageId, PatientId patient, AdtMessage m) {
		UUID encounter = upsert(messageId, patient, m, "A05".equals(m.event()) ? "PLANNED" : "IN_PROGRESS");
		Instant admitted = at(admitTime(m));
		boolean recent = admitted == null || admitted.isAfter(Instant.now().minus(TCM_PERIOD));
		if (!recent || "A05".equals(m.event())) return new Applied("APPLIED", patient.value(), encounter, null);
		if ("I".equals(m.patientClass())) {
			events.publishEvent(new PatientAdmitted(patient, encounter, facility(m), m.location(), admitted));
		}
		else if ("E".equals(m.patientClass())) {
			events.publishEvent(new EdVisitRecorded(patient, encounter, facility(m), m.location(), admitted));
		}
		else {
			return new Applied("APPLIED", patient.value(), encounter, null);
		}
		jdbc.sql("update encounter set admit_notified_at = coalesce(admit_notified_at, now()) where id = ?").param(encounter).update();
		return new Applied("APPLIED", patient.value(), encounter, "announced to the care team");
	}

	private Applied update(UUID messageId, PatientId patient, AdtMessage m) {
		UUID encounter = upsert(messageId, patient, m, "IN_PROGRESS");
		return new Applied("APPLIED", patient.value(), encounter, null);
	}

	private Applied discharge(UUID messageId, PatientId patient, AdtMessage m) {
		UUID encounter = upsert(messageId, patient, m, "FINISHED");
		Instant discharged = at(m.dischargeTime());
		if (discharged == null) discharged = at(m.recordedAt() == null ? null : new AdtMessage.Time(m.recordedAt(), null));
		if (discharged == null) throw new DomainException("adt.discharge-time", "PV1-45 (discharge date/time) is missing");
		// a visit the feed never gave an admission time has none: a row mapped to null would read as "no row"
		Instant admitted = jdbc.sql("select admitted_at from encounter where id = ?").param(encounter)
			.query((rs, n) -> Optional.ofNullable(rs.getTimestamp(1)).map(java.sql.Timestamp::toInstant)).single().orElse(null);
		jdbc.sql("update encounter set discharged_at = ?, disposition = ? where id = ?")
			.params(ts(discharged), m.dischargeDisposition(), encounter).update();
		// readmission: admitted within 30 days of an earlier discharge
		UUID previous = admitted == null ? null : jdbc.sql("""
				select id from encounter where patient_id = ? and id <> ? and status = 'FINISHED' and patient_class = 'I'
				  and discharged_at <= ? and discharged_at > ? order by discharged_at desc limit 1""")
			.params(patient.value(), encounter, ts(admitted), ts(admitted.minus(TCM_PERIOD))).query(UUID.class).optional().orElse(null);
		Lace lace = lace(patient, encounter, admitted, discharged, m);
		jdbc.sql("update encounter set lace = ?, lace_detail = ?, readmission_of = ? where id = ?")
			.params(lace.total(), lace.detail(), previous, encounter).update();
		boolean open = discharged.isAfter(Instant.now().minus(TCM_PERIOD));
		if (!open) return new Applied("APPLIED", patient.value(), encounter, "history: the 30-day period is over");
		if ("I".equals(m.patientClass()) || "E".equals(m.patientClass())) {
			events.publishEvent(new PatientDischarged(patient, encounter, java.util.Objects.requireNonNull(m.patientClass()),
					facility(m), discharged, lace.inputs(), previous));
		}
		return new Applied("APPLIED", patient.value(), encounter, previous != null ? "readmission within 30 days" : null);
	}

	/** LACE at discharge from the stay: length, acuity (PV1-4), ED visits in the 6 months before, coded conditions. */
	record Lace(@Nullable Integer total, @Nullable String detail, PatientDischarged.@Nullable Lace inputs) {
	}

	private Lace lace(PatientId patient, UUID encounter, @Nullable Instant admitted, Instant discharged, AdtMessage m) {
		var instrument = instruments.current("lace").orElse(null);
		if (instrument == null || admitted == null) return new Lace(null, null, null);
		ZoneId zone = feedZone();
		long days = ChronoUnit.DAYS.between(admitted.atZone(zone).toLocalDate(), discharged.atZone(zone).toLocalDate());
		boolean acute = m.admissionType() != null && List.of("E", "U", "A").contains(m.admissionType());
		long ed = jdbc.sql("""
				select count(*) from encounter where patient_id = ? and id <> ? and patient_class = 'E'
				  and admitted_at >= ? and admitted_at < ?""")
			.params(patient.value(), encounter, ts(admitted.atZone(zone).minusMonths(6).toInstant()), ts(admitted))
			.query(Long.class).single();
		String acuteCode = instrument.question("acute").flatMap(q -> q.options().stream()
			.filter(o -> (o.ordinal() != null && o.ordinal().signum() > 0) == acute).findFirst()).map(o -> o.code()).orElse(null);
		if (acuteCode == null) return new Lace(null, null, null);
		PatientDetails details = patients.details(patient).orElseThrow();
		Sex sex = details.header().sex();
		ScoreResult r = Scorer.score(instrument, Answers.of(Map.of("los", List.of(String.valueOf(Math.max(0, days))), "acute",
				List.of(acuteCode), "ed-visits", List.of(String.valueOf(ed)))),
				new Scorer.PatientFacts(sex, details.conditions().stream().map(CodedCondition::code).toList()));
		Integer total = r.primary().map(ScoreResult.Score::intValue).orElse(null);
		String detail = "L " + r.score("L").map(ScoreResult.Score::intValue).orElse(null) + " (" + days + " days), A "
				+ r.score("A").map(ScoreResult.Score::intValue).orElse(null) + ", C "
				+ r.score("C").map(ScoreResult.Score::intValue).orElse(null) + " ("
				+ r.score("C").map(ScoreResult.Score::detail).orElse("") + "), E "
				+ r.score("E").map(ScoreResult.Score::intValue).orElse(null) + " (" + ed + " ED visits)";
		return new Lace(total, detail, total == null ? null : new PatientDischarged.Lace(total, Math.max(0, days), acute, ed));
	}

	private Applied demographics(PatientId patient, AdtMessage m) {
		PatientDetails d = patients.details(patient).orElseThrow();
		var h = d.header();
		Sex sex = h.sex();
		if (m.sex() != null) {
			sex = switch (m.sex()) {
				case "F" -> Sex.FEMALE;
				case "M" -> Sex.MALE;
				case "O", "A", "N" -> Sex.OTHER;
				default -> h.sex();
			};
		}
		// names and details as the hospital sent them; a value longer than Caremap keeps is left out (the one held stays)
		AdtMessage.Contact c = m.contact();
		List<String> skipped = new java.util.ArrayList<>();
		patients.update(patient, new Demographics(or(m.familyName(), h.familyName(), 200, "family name", skipped),
				or(m.givenName(), h.givenName(), 200, "given name", skipped), or(c.middleName(), d.middleName(), 200, "middle name", skipped),
				m.birthDate() == null ? h.birthDate() : m.birthDate(), sex, or(valid(c.phone(), true, skipped), d.phone(), 40, "phone", skipped),
				or(valid(c.email(), false, skipped), d.email(), 200, "e-mail", skipped), or(c.addressLine(), d.addressLine(), 300, "address", skipped),
				or(c.city(), d.city(), 100, "city", skipped), or(c.state(), d.state(), 50, "state", skipped),
				or(c.postalCode(), d.postalCode(), 20, "ZIP code", skipped), c.language() == null ? h.preferredLanguage() : c.language(),
				d.contactMethod(), d.contactTimes(), d.interpreterNeeded()));
		return new Applied("APPLIED", patient.value(), null, "demographics updated"
				+ (skipped.isEmpty() ? "" : "; not taken: " + String.join(", ", skipped)));
	}

	/** A phone or e-mail address Caremap can keep; one it cannot read as such is left out (null). */
	private static @Nullable String valid(@Nullable String sent, boolean phone, List<String> skipped) {
		if (sent == null) return null;
		boolean ok = phone ? org.caremap.patient.ContactDetails.phone(sent) : org.caremap.patient.ContactDetails.email(sent);
		if (!ok) skipped.add(phone ? "phone (not a number)" : "e-mail (not an address)");
		return ok ? sent : null;
	}

	private static <T extends @Nullable String> T or(@Nullable String sent, T held, int max, String what, List<String> skipped) {
		if (sent == null) return held;
		if (sent.length() > max) {
			skipped.add(what + " (too long)");
			return held;
		}
		@SuppressWarnings("unchecked")
		T value = (T) sent;
		return value;
	}

	private Applied cancelAdmit(UUID messageId, PatientId patient, AdtMessage m) {
		Optional<UUID> e = encounter(patient, m);
		if (e.isEmpty()) return new Applied("STORED", patient.value(), null, "no open visit to cancel");
		jdbc.sql("update encounter set status = 'CANCELLED', updated_at = now(), last_message_id = ? where id = ?")
			.params(messageId, e.get()).update();
		events.publishEvent(new AdmissionCancelled(patient, e.get()));
		return new Applied("APPLIED", patient.value(), e.get(), "visit cancelled");
	}

	private Applied cancelDischarge(UUID messageId, PatientId patient, AdtMessage m) {
		UUID e = m.visitNumber() == null ? null : jdbc.sql("""
				select id from encounter where patient_id = ? and facility = ? and visit_number = ?""")
			.params(patient.value(), facility(m), m.visitNumber()).query(UUID.class).optional().orElse(null);
		if (e == null) {
			e = jdbc.sql("""
					select id from encounter where patient_id = ? and facility = ? and status = 'FINISHED'
					order by discharged_at desc limit 1""")
				.params(patient.value(), facility(m)).query(UUID.class).optional().orElse(null);
		}
		if (e == null) return new Applied("STORED", patient.value(), null, "no discharge to cancel");
		jdbc.sql("""
				update encounter set status = 'IN_PROGRESS', discharged_at = null, disposition = null, lace = null,
				       lace_detail = null, updated_at = now(), last_message_id = ? where id = ?""")
			.params(messageId, e).update();
		events.publishEvent(new DischargeCancelled(patient, e));
		return new Applied("APPLIED", patient.value(), e, "discharge cancelled");
	}

	private Applied merge(PatientId survivor, AdtMessage m) {
		FeedMatch.Result prior = patients.match(new FeedMatch.Query(
				m.priorIdentifiers().stream().map(i -> new FeedMatch.Identifier(i.value(), i.authority())).toList(), null, null, null));
		if (!prior.matched()) return new Applied("STORED", survivor.value(), null, "the prior record is not known here");
		if (survivor.equals(prior.patient())) return new Applied("STORED", survivor.value(), null, "already one record");
		patients.merge(survivor, java.util.Objects.requireNonNull(prior.patient()), "Hospital merge (A40) from " + facility(m));
		return new Applied("APPLIED", survivor.value(), null, "records merged");
	}
}
