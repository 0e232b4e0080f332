package org.caremap.measure.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.caremap.access.AccessPurpose;
import org.caremap.access.PatientAccess;
import org.caremap.audit.AuditEntry;
import org.caremap.audit.AuditOutcome;
import org.caremap.audit.AuditTrail;
import org.caremap.caseload.CaseStatus;
import org.caremap.caseload.Cases;
import org.caremap.identity.CurrentUser;
import org.caremap.identity.PortalPrincipal;
import org.caremap.measure.MeasureKind;
import org.caremap.measure.MeasureLimit;
import org.caremap.measure.MeasureOutOfRange;
import org.caremap.measure.MeasureSource;
import org.caremap.measure.Measures;
import org.caremap.measure.NewReading;
import org.caremap.measure.ReadingView;
import org.caremap.program.ProgramId;
import org.caremap.shared.CurrentActor;
import org.caremap.shared.DomainException;
import org.caremap.shared.PatientId;
import org.caremap.shared.Texts;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
@Transactional
class JdbcMeasures implements Measures {

	private static final String RESOURCE = "Observation";
	private static final BigDecimal POUND = new BigDecimal("0.45359237");
	private static final BigDecimal MMOL_TO_MG = new BigDecimal("18.0");

	private final JdbcClient jdbc;
	private final PatientAccess access;
	private final AuditTrail audit;
	private final Cases cases;
	private final ApplicationEventPublisher events;

	JdbcMeasures(JdbcClient jdbc, PatientAccess access, AuditTrail audit, Cases cases, ApplicationEventPublisher events) {
		this.jdbc = jdbc;
		this.access = access;
		this.audit = audit;
		this.cases = cases;
		this.events = events;
	}

	@Override
	public ReadingView record(NewReading r) {
		Checked c = check(r);
		access.require(r.patient(), AccessPurpose.CONTRIBUTE);
		MeasureSource source;
		String by;
		String byName;
		Optional<PortalPrincipal> portal = PortalPrincipal.get();
		if (portal.isPresent()) {
			source = portal.get().proxy() ? MeasureSource.PROXY : MeasureSource.PATIENT;
			by = portal.get().accountId().toString();
			byName = portal.get().displayName();
		}
		else {
			source = MeasureSource.STAFF;
			Optional<CurrentUser> user = CurrentUser.get();
			by = user.map(u -> u.id().value().toString()).orElse(CurrentActor.name());
			byName = user.map(CurrentUser::displayName).orElse(CurrentActor.name());
		}
		UUID id = UUID.randomUUID();
		ReadingView reading = new ReadingView(id, r.patient(), r.kind(), c.systolic(), c.diastolic(), c.value(),
				r.kind().unit(), r.takenAt(), source, by, byName, c.note(), false, Instant.now());
		Optional<MeasureLimit> breached = limitsFor(r.patient()).stream().filter(l -> l.breachedBy(reading)).findFirst();
		jdbc.sql("""
				insert into measure_reading (id, patient_id, kind, systolic, diastolic, value, unit, taken_at, source,
				    entered_by, entered_by_name, note, out_of_range, created_by)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(id, r.patient().value(), r.kind().name(), c.systolic(), c.diastolic(), c.value(), r.kind().unit(),
					r.takenAt().atOffset(ZoneOffset.UTC), source.name(), by, byName, c.note(), breached.isPresent(),
					CurrentActor.name())
			.update();
		audit.record(AuditEntry.write("CREATE", RESOURCE, id.toString(), r.patient()));
		breached.ifPresent(l -> events.publishEvent(new MeasureOutOfRange(id, r.patient(), l.program(), r.kind(),
				reading.figures(), r.kind().unit(), l.describe(), r.takenAt(), source)));
		return new ReadingView(id, reading.patient(), reading.kind(), reading.systolic(), reading.diastolic(),
				reading.value(), reading.unit(), reading.takenAt(), source, by, byName, reading.note(), breached.isPresent(),
				reading.createdAt());
	}

	private record Checked(@Nullable Integer systolic, @Nullable Integer diastolic, @Nullable BigDecimal value,
			@Nullable String note) {
	}

	/** The reading in the kept unit, or the refusal naming the field at fault. */
	static Checked check(NewReading r) {
		if (r.takenAt().isAfter(Instant.now().plus(Duration.ofMinutes(10)))) {
			throw new DomainException("measure.takenAt-future", "a reading cannot be taken in the future");
		}
		if (r.takenAt().isBefore(Instant.now().minus(Duration.ofDays(366 * 5)))) {
			throw new DomainException("measure.takenAt-old", "a reading more than five years old");
		}
		String note = Texts.orNull(r.note());
		if (note != null && note.length() > 1000) {
			throw new DomainException("measure.note-too-long", "the note is longer than 1000 characters");
		}
		MeasureKind kind = r.kind();
		if (kind == MeasureKind.BLOOD_PRESSURE) {
			Integer s = r.systolic();
			Integer d = r.diastolic();
			if (s == null) throw new DomainException("measure.systolic-required", "the top number is missing");
			if (d == null) throw new DomainException("measure.diastolic-required", "the bottom number is missing");
			if (s < kind.min().intValue() || s > kind.max().intValue()) {
				throw new DomainException("measure.systolic-range", "systolic out of 50-300: " + s, "50", "300");
			}
			if (d < MeasureKind.DIASTOLIC_MIN || d > MeasureKind.DIASTOLIC_MAX) {
				throw new DomainException("measure.diastolic-range", "diastolic out of 30-200: " + d, "30", "200");
			}
			if (d >= s) throw new DomainException("measure.diastolic-order", "the bottom number is not below the top one");
			return new Checked(s, d, null, note);
		}
		BigDecimal v = r.value();
		if (v == null) throw new DomainException("measure.value-required", "the value is missing");
		String unit = Texts.orNull(r.unit());
		if (unit != null && !unit.equals(kind.unit())) {
			if (kind == MeasureKind.WEIGHT && unit.equals("lb")) v = v.multiply(POUND);
			else if (kind == MeasureKind.GLUCOSE && unit.equals("mmol/L")) v = v.multiply(MMOL_TO_MG);
			else throw new DomainException("measure.unit-unknown", "not a unit for " + kind + ": " + unit, unit);
		}
		v = v.setScale(kind.whole() ? 0 : 1, RoundingMode.HALF_UP);
		if (kind.whole() && r.value() != null && r.value().stripTrailingZeros().scale() > 0) {
			throw new DomainException("measure.value-whole", "a whole number is expected");
		}
		if (v.compareTo(kind.min()) < 0 || v.compareTo(kind.max()) > 0) {
			throw new DomainException("measure.value-range", "out of the plausible range: " + v, kind.min().toPlainString(),
					kind.max().toPlainString());
		}
		return new Checked(null, null, v, note);
	}

	@Override
	@Transactional(readOnly = true)
	public List<ReadingView> readings(PatientId patient, int max) {
		access.require(patient, AccessPurpose.READ);
		List<ReadingView> list = jdbc.sql("""
				select * from measure_reading where patient_id = ? and not voided
				order by taken_at desc, created_at desc, id limit ?""")
			.params(patient.value(), Math.max(0, Math.min(max, 1000))).query(JdbcMeasures::read).list();
		audit.record(new AuditEntry("READ", RESOURCE, null, patient, AuditOutcome.SUCCESS, list.size() + " measures"));
		return list;
	}

	@Override
	@Transactional(readOnly = true)
	public Optional<ReadingView> reading(UUID id) {
		Optional<ReadingView> found = jdbc.sql("select * from measure_reading where id = ? and not voided").param(id)
			.query(JdbcMeasures::read).optional();
		found.ifPresent(r -> {
			access.require(r.patient(), AccessPurpose.READ);
			audit.record(AuditEntry.read(RESOURCE, id.toString(), r.patient()));
		});
		return found;
	}

	@Override
	@Transactional(readOnly = true)
	public List<MeasureLimit> limitsFor(PatientId patient) {
		Set<UUID> programs = cases.ofPatient(patient).stream().filter(c -> c.status() != CaseStatus.CLOSED)
			.map(c -> c.program().value()).collect(Collectors.toSet());
		List<MeasureLimit> out = new ArrayList<>();
		for (UUID program : programs) out.addAll(limits(new ProgramId(program)));
		return out;
	}

	@Override
	@Transactional(readOnly = true)
	public List<MeasureLimit> limits(ProgramId program) {
		return jdbc.sql("select * from program_measure_limit where program_id = ? order by kind").param(program.value())
			.query((rs, n) -> new MeasureLimit(new ProgramId(rs.getObject("program_id", UUID.class)),
					MeasureKind.valueOf(rs.getString("kind")), rs.getBigDecimal("low"), rs.getBigDecimal("high"),
					rs.getBigDecimal("diastolic_low"), rs.getBigDecimal("diastolic_high")))
			.list();
	}

	@Override
	@PreAuthorize("hasRole('ADMIN')")
	public void setLimit(MeasureLimit l) {
		boolean none = l.low() == null && l.high() == null && l.diastolicLow() == null && l.diastolicHigh() == null;
		if (none) {
			jdbc.sql("delete from program_measure_limit where program_id = ? and kind = ?")
				.params(l.program().value(), l.kind().name()).update();
			audit.record(AuditEntry.write("DELETE", "MeasureLimit", l.program().value() + ":" + l.kind(), null));
			return;
		}
		bounded("low", l.low(), l.kind());
		bounded("high", l.high(), l.kind());
		if (l.kind() == MeasureKind.BLOOD_PRESSURE) {
			bounded("diastolicLow", l.diastolicLow(), null);
			bounded("diastolicHigh", l.diastolicHigh(), null);
		}
		else if (l.diastolicLow() != null || l.diastolicHigh() != null) {
			throw new DomainException("measure.limit-diastolicLow-only-bp", "only blood pressure has a diastolic limit");
		}
		if (l.low() != null && l.high() != null && l.low().compareTo(l.high()) >= 0) {
			throw new DomainException("measure.limit-high-order", "the upper limit is not above the lower one");
		}
		if (l.diastolicLow() != null && l.diastolicHigh() != null && l.diastolicLow().compareTo(l.diastolicHigh()) >= 0) {
			throw new DomainException("measure.limit-diastolicHigh-order", "the upper limit is not above the lower one");
		}
		jdbc.sql("""
				insert into program_measure_limit (program_id, kind, low, high, diastolic_low, diastolic_high, updated_by)
				values (?, ?, ?, ?, ?, ?, ?)
				on conflict (program_id, kind) do update set low = excluded.low, high = excluded.high,
				    diastolic_low = excluded.diastolic_low, diastolic_high = excluded.diastolic_high,
				    updated_at = now(), updated_by = excluded.updated_by""")
			.params(l.program().value(), l.kind().name(), l.low(), l.high(), l.diastolicLow(), l.diastolicHigh(),
					CurrentActor.name())
			.update();
		audit.record(AuditEntry.write("UPDATE", "MeasureLimit", l.program().value() + ":" + l.kind(), null));
	}

	private static void bounded(String field, @Nullable BigDecimal v, @Nullable MeasureKind kind) {
		if (v == null) return;
		BigDecimal min = kind == null ? BigDecimal.valueOf(MeasureKind.DIASTOLIC_MIN) : kind.min();
		BigDecimal max = kind == null ? BigDecimal.valueOf(MeasureKind.DIASTOLIC_MAX) : kind.max();
		if (v.compareTo(min) < 0 || v.compareTo(max) > 0) {
			String code = switch (field) {
				case "low" -> "measure.limit-low-range";
				case "high" -> "measure.limit-high-range";
				case "diastolicLow" -> "measure.limit-diastolicLow-range";
				default -> "measure.limit-diastolicHigh-range";
			};
			throw new DomainException(code, "limit out of the plausible range: " + v, min.toPlainString(), max.toPlainString());
		}
	}

	static ReadingView read(ResultSet rs, int n) throws SQLException {
		return new ReadingView(rs.getObject("id", UUID.class), new PatientId(rs.getObject("patient_id", UUID.class)),
				MeasureKind.valueOf(rs.getString("kind")), (Integer) rs.getObject("systolic"),
				(Integer) rs.getObject("diastolic"), rs.getBigDecimal("value"), rs.getString("unit"),
				rs.getObject("taken_at", OffsetDateTime.class).toInstant(), MeasureSource.valueOf(rs.getString("source")),
				rs.getString("entered_by"), rs.getString("entered_by_name"), rs.getString("note"),
				rs.getBoolean("out_of_range"), rs.getObject("created_at", OffsetDateTime.class).toInstant());
	}
}
