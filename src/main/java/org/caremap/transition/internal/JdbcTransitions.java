package org.caremap.transition.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.caremap.access.AccessPurpose;
import org.caremap.access.PatientAccess;
import org.caremap.audit.AuditEntry;
import org.caremap.audit.AuditOutcome;
import org.caremap.audit.AuditTrail;
import org.caremap.patient.IdentifierType;
import org.caremap.patient.PatientHeader;
import org.caremap.patient.PatientIdentifier;
import org.caremap.patient.PatientRegistry;
import org.caremap.shared.DomainException;
import org.caremap.shared.NotFoundException;
import org.caremap.shared.PatientId;
import org.caremap.shared.SystemActor;
import org.caremap.transition.AdtMessage;
import org.caremap.transition.AdtMessageView;
import org.caremap.transition.EncounterPage;
import org.caremap.transition.EncounterQuery;
import org.caremap.transition.EncounterRecord;
import org.caremap.transition.EncounterView;
import org.caremap.transition.OutreachRow;
import org.caremap.transition.TransitionClocks;
import org.caremap.transition.Transitions;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
@Transactional
class JdbcTransitions implements Transitions {

	private final JdbcClient jdbc;
	private final AdtEffects effects;
	private final PatientRegistry patients;
	private final List<TransitionClocks> clocks;
	private final AuditTrail audit;
	private final PatientAccess access;
	/** The columns of a message's view, its text aside (a list reads neither the text nor the raw bytes). */
	private static final String MESSAGE = """
			id, received_at, channel, sending_app, sending_facility, control_id, event, version, status, ack_code, error,
			reused_control_id, resends, patient_id""";

	private final AdtParser parser;
	private final org.springframework.context.MessageSource messages;

	JdbcTransitions(JdbcClient jdbc, AdtEffects effects, PatientRegistry patients, List<TransitionClocks> clocks, AuditTrail audit,
			PatientAccess access, AdtProperties properties, org.springframework.context.MessageSource messages) {
		this.messages = messages;
		this.parser = new AdtParser(properties.limits());
		this.access = access;
		this.jdbc = jdbc;
		this.effects = effects;
		this.patients = patients;
		this.clocks = clocks;
		this.audit = audit;
	}

	@Override
	@Transactional(readOnly = true)
	@PreAuthorize("hasAnyRole('ADMIN', 'INTAKE', 'SUPERVISOR')")
	public List<AdtMessageView> messages(@Nullable String status, int limit) {
		return jdbc.sql("""
				select %s from adt_message where (cast(? as text) is null or status = ?)
				order by received_at desc limit ?""".formatted(MESSAGE))
			.params(status, status, Math.min(Math.max(limit, 1), 1000))
			.query((rs, n) -> view(rs, false)).list();
	}

	@Override
	@Transactional(readOnly = true)
	@PreAuthorize("hasAnyRole('INTAKE', 'SUPERVISOR')")
	public List<AdtMessageView> unmatched(int limit) {
		List<AdtMessageView> rows = jdbc.sql("""
				select %s, payload from adt_message where status = 'UNMATCHED' order by received_at desc limit ?""".formatted(MESSAGE))
			.param(Math.min(Math.max(limit, 1), 500)).query((rs, n) -> view(rs, true)).list();
		audit.record(new AuditEntry("READ", "AdtMessage", null, null, AuditOutcome.SUCCESS, rows.size() + " unmatched messages"));
		return rows;
	}

	@Override
	@Transactional(readOnly = true)
	@PreAuthorize("hasAnyRole('ADMIN', 'INTAKE', 'SUPERVISOR')")
	public Optional<AdtMessageView> message(UUID id) {
		boolean text = org.caremap.identity.CurrentUser.get().map(u -> u.hasRole("INTAKE") || u.hasRole("SUPERVISOR"))
			.orElse(false);
		Optional<AdtMessageView> found = jdbc.sql("select " + MESSAGE + ", payload from adt_message where id = ?").param(id)
			.query((rs, n) -> view(rs, text)).optional();
		found.ifPresent(m -> audit.record(new AuditEntry("READ", "AdtMessage", id.toString(),
				m.patient() == null ? null : new PatientId(m.patient()), AuditOutcome.SUCCESS, text ? "with text" : "metadata")));
		return found;
	}

	@Override
	@PreAuthorize("hasAnyRole('ADMIN', 'INTAKE', 'SUPERVISOR')")
	public String reprocess(UUID message) {
		return again(message, null);
	}

	@Override
	@PreAuthorize("hasAnyRole('INTAKE', 'SUPERVISOR')")
	public String link(UUID message, PatientId patient) {
		// intake links any registered patient (they see every patient's header, audited), cared for or not yet
		if (!patients.headers(List.of(patient)).containsKey(patient)) throw new NotFoundException("patient", patient.value());
		return again(message, patient);
	}

	private record Kept(String payload, byte @Nullable [] raw, String status) {
	}

	private String again(UUID id, @Nullable PatientId chosen) {
		Kept row = jdbc.sql("select payload, raw, status from adt_message where id = ? for update").param(id)
			.query((rs, n) -> new Kept(rs.getString(1), rs.getBytes(2), rs.getString(3))).optional()
			.orElseThrow(() -> new NotFoundException("message", id));
		if ("APPLIED".equals(row.status())) throw new DomainException("adt.applied", "the message was applied already");
		AdtMessage m;
		try {
			// read again from the bytes as they came when they were kept: the text may have lost what made it refused
			m = row.raw() != null ? parser.parse(row.raw()) : parser.parse(row.payload());
		}
		catch (AdtParser.Refusal refusal) {
			throw new DomainException("adt.unreadable", refusal.getMessage(), refusal.getMessage());
		}
		String by = org.caremap.shared.CurrentActor.name();
		AdtEffects.Applied applied = SystemActor.call("adt-feed", List.of("SYSTEM"), () -> {
			if (chosen != null) remember(chosen, m);
			return effects.apply(id, m, chosen);
		});
		jdbc.sql("""
				update adt_message set status = ?, ack_code = 'AA', patient_id = ?, encounter_id = ?, error = ?,
				       processed_at = now(), reprocessed_by = ? where id = ?""")
			.params(applied.status(), applied.patient(), applied.encounter(), applied.note(), by, id).update();
		audit.record(new AuditEntry("UPDATE", "AdtMessage", id.toString(),
				applied.patient() == null ? null : new PatientId(applied.patient()), AuditOutcome.SUCCESS,
				(chosen != null ? "linked, " : "reprocessed, ") + applied.status()));
		return applied.status();
	}

	/** The hospital's record number goes on the patient, so its next messages match by themselves. */
	private void remember(PatientId patient, AdtMessage m) {
		for (AdtMessage.Identifier i : m.identifiers()) {
			String authority = i.authority() == null ? m.sendingFacility() : i.authority();
			IdentifierType type = "MR".equals(i.type()) || i.type() == null ? IdentifierType.MR
					: Set.of("MB", "SS", "DL", "PI", "AN").contains(i.type()) ? IdentifierType.valueOf(i.type()) : IdentifierType.MR;
			String system = "urn:caremap:" + type.name().toLowerCase(Locale.ROOT) + ":"
					+ authority.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
			var holder = patients.match(new org.caremap.patient.FeedMatch.Query(
					List.of(new org.caremap.patient.FeedMatch.Identifier(i.value(), authority)), null, null, null));
			if (holder.how() == org.caremap.patient.FeedMatch.How.NONE) {
				patients.addIdentifier(patient, new PatientIdentifier(type, system, i.value(), authority));
			}
			else if (!patient.equals(holder.patient())) {
				throw new DomainException("adt.identifier-taken", i.value() + " belongs to another patient", i.value());
			}
			return;
		}
	}

	@Override
	@Transactional(readOnly = true)
	public List<EncounterView> encounters(PatientId patient) {
		access.require(patient, AccessPurpose.READ);
		List<UUID> ids = jdbc.sql("select id from encounter where patient_id = ? order by coalesce(admitted_at, created_at) desc")
			.param(patient.value()).query(UUID.class).list();
		List<EncounterView> list = load(ids).stream().map(EncounterRecord::encounter).toList();
		audit.record(new AuditEntry("READ", "Encounter", null, patient, AuditOutcome.SUCCESS, list.size() + " encounters"));
		return list;
	}

	@Override
	@Transactional(readOnly = true)
	public Optional<EncounterRecord> encounter(UUID id) {
		Optional<EncounterRecord> found = load(List.of(id)).stream().findFirst();
		found.ifPresent(e -> {
			access.require(e.patient(), AccessPurpose.READ);
			audit.record(AuditEntry.read("Encounter", id.toString(), e.patient()));
		});
		return found;
	}

	@Override
	@Transactional(readOnly = true)
	public EncounterPage findEncounters(EncounterQuery query, int offset, int limit) {
		StringBuilder where = new StringBuilder(" from encounter e where true");
		Map<String, Object> params = new java.util.HashMap<>();
		if (query.patient() != null) {
			access.require(query.patient(), AccessPurpose.READ);
			where.append(" and e.patient_id = :patient");
			params.put("patient", query.patient().value());
		}
		if (query.from() != null) {
			where.append(" and (e.discharged_at is null or e.discharged_at >= :from)");
			params.put("from", time(query.from()));
		}
		if (query.to() != null) {
			where.append(" and coalesce(e.admitted_at, e.created_at) <= :to");
			params.put("to", time(query.to()));
		}
		if (!query.patientClasses().isEmpty()) {
			where.append(" and e.patient_class = any(:classes)");
			params.put("classes", query.patientClasses().toArray(String[]::new));
		}
		if (query.changedFrom() != null) {
			where.append(" and coalesce(e.updated_at, e.created_at) >= :changedFrom");
			params.put("changedFrom", time(query.changedFrom()));
		}
		if (query.changedTo() != null) {
			where.append(" and coalesce(e.updated_at, e.created_at) <= :changedTo");
			params.put("changedTo", time(query.changedTo()));
		}
		if (query.patient() == null) {
			List<PatientId> concerned = jdbc.sql("select distinct e.patient_id" + where).params(params)
				.query((rs, n) -> new PatientId(rs.getObject(1, UUID.class))).list();
			Set<PatientId> readable = access.readable(concerned);
			if (readable.size() < concerned.size()) {
				where.append(" and e.patient_id = any(:readable)");
				params.put("readable", readable.stream().map(PatientId::value).toArray(UUID[]::new));
			}
		}
		long total = jdbc.sql("select count(*)" + where).params(params).query(Long.class).single();
		params.put("limit", Math.max(limit, 0));
		params.put("offset", Math.max(offset, 0));
		List<UUID> ids = jdbc.sql("select e.id" + where
				+ " order by coalesce(e.admitted_at, e.created_at) desc, e.id limit :limit offset :offset")
			.params(params).query(UUID.class).list();
		List<EncounterRecord> page = load(ids);
		audit.recordAll(page.stream()
			.map(e -> AuditEntry.read("Encounter", e.encounter().id().toString(), e.patient())).toList());
		return new EncounterPage(page, total);
	}

	/** These stays and visits with their clocks and checklists, in the order given. */
	private List<EncounterRecord> load(List<UUID> ids) {
		if (ids.isEmpty()) return List.of();
		UUID[] wanted = ids.toArray(UUID[]::new);
		Map<UUID, Map<EncounterView.ChecklistItem, EncounterView.Check>> checks = new java.util.HashMap<>();
		jdbc.sql("""
				select encounter_id, item, done, note, updated_at, updated_by from discharge_checklist_item
				where encounter_id = any(:ids)""")
			.param("ids", wanted)
			.query((rs, n) -> checks.computeIfAbsent(rs.getObject(1, UUID.class), k -> new java.util.EnumMap<>(
					EncounterView.ChecklistItem.class))
				.put(EncounterView.ChecklistItem.valueOf(rs.getString(2)),
						new EncounterView.Check(rs.getBoolean(3), rs.getString(4),
								rs.getTimestamp(5).toInstant(), rs.getString(6))))
			.list();
		Map<UUID, EncounterView.Clocks> clock = new java.util.HashMap<>();
		for (TransitionClocks source : clocks) clock.putAll(source.of(ids));
		Map<UUID, EncounterRecord> found = new java.util.HashMap<>();
		jdbc.sql("select * from encounter e where e.id = any(:ids)")
			.param("ids", wanted)
			.query((rs, n) -> {
				UUID id = rs.getObject("id", UUID.class);
				EncounterView view = new EncounterView(id, rs.getString("facility"), rs.getString("visit_number"),
						rs.getString("patient_class"), EncounterPlace.words(rs.getString("location"), messages,
								org.springframework.context.i18n.LocaleContextHolder.getLocale()), rs.getString("admission_type"),
						rs.getString("status"), instant(rs, rs.findColumn("admitted_at")), instant(rs, rs.findColumn("discharged_at")),
						rs.getString("disposition"), (Integer) rs.getObject("lace"), rs.getString("lace_detail"),
						rs.getObject("readmission_of") != null, List.of((String[]) rs.getArray("diagnoses").getArray()),
						instant(rs, rs.findColumn("admit_notified_at")), clock.get(id), checks.getOrDefault(id, Map.of()));
				java.sql.Timestamp changed = rs.getTimestamp("updated_at");
				return found.put(id, new EncounterRecord(new PatientId(rs.getObject("patient_id", UUID.class)), view,
						(changed != null ? changed : rs.getTimestamp("created_at")).toInstant()));
			})
			.list();
		return ids.stream().map(found::get).filter(java.util.Objects::nonNull).toList();
	}

	private static java.time.OffsetDateTime time(Instant instant) {
		return java.time.OffsetDateTime.ofInstant(instant, java.time.ZoneOffset.UTC);
	}

	@Override
	public void check(UUID encounter, EncounterView.ChecklistItem item, boolean done,
			@Nullable String note) {
		PatientId patient = jdbc.sql("select patient_id from encounter where id = ?").param(encounter)
			.query((rs, n) -> new PatientId(rs.getObject(1, UUID.class))).optional()
			.orElseThrow(() -> new NotFoundException("encounter", encounter));
		access.require(patient, AccessPurpose.WRITE);
		jdbc.sql("""
				insert into discharge_checklist_item (encounter_id, item, done, note, updated_by) values (?, ?, ?, ?, ?)
				on conflict (encounter_id, item) do update set done = excluded.done, note = excluded.note,
				    updated_at = now(), updated_by = excluded.updated_by""")
			.params(encounter, item.name(), done, note == null || note.isBlank() ? null : note.trim(),
					org.caremap.shared.CurrentActor.name())
			.update();
		audit.record(new AuditEntry("UPDATE", "Encounter", encounter.toString(), patient, AuditOutcome.SUCCESS,
				"checklist " + item + (done ? " done" : " not done")));
	}

	@Override
	@Transactional(readOnly = true)
	@PreAuthorize("hasAnyRole('INTAKE', 'SUPERVISOR')")
	public List<OutreachRow> outreach(int days, @Nullable Integer minLace, @Nullable String patientClass,
			java.util.function.Function<java.util.Collection<PatientId>, Set<PatientId>> leaveOut) {
		record Raw(UUID encounter, PatientId patient, String facility, String patientClass, @Nullable Instant admitted,
				@Nullable Instant discharged, @Nullable Integer lace, @Nullable String detail, List<String> diagnoses) {
		}
		List<Raw> raw = jdbc.sql("""
				select id, patient_id, facility, patient_class, admitted_at, discharged_at, lace, lace_detail, diagnoses
				from encounter
				where status <> 'CANCELLED'
				  and ((status = 'FINISHED' and discharged_at > now() - make_interval(days => ?))
				       or (patient_class = 'E' and admitted_at > now() - make_interval(days => ?)))
				  and (cast(? as int) is null or lace >= ?)
				  and (cast(? as text) is null or patient_class = ?)
				order by coalesce(discharged_at, admitted_at) desc limit 500""")
			.params(days, days, minLace, minLace, patientClass, patientClass)
			.query((rs, n) -> new Raw(rs.getObject(1, UUID.class), new PatientId(rs.getObject(2, UUID.class)), rs.getString(3),
					rs.getString(4), instant(rs, 5), instant(rs, 6), (Integer) rs.getObject(7), rs.getString(8),
					List.of((String[]) rs.getArray(9).getArray())))
			.list();
		Set<PatientId> enrolled = leaveOut.apply(raw.stream().map(Raw::patient).distinct().toList());
		List<Raw> open = raw.stream().filter(r -> !enrolled.contains(r.patient())).toList();
		Map<PatientId, PatientHeader> headers = patients.headers(open.stream().map(Raw::patient).distinct().toList());
		java.time.LocalDate today = java.time.LocalDate.now();
		List<OutreachRow> rows = new ArrayList<>();
		for (Raw r : open) {
			PatientHeader h = headers.get(r.patient());
			if (h == null) continue;
			rows.add(new OutreachRow(r.encounter(), r.patient(), h.displayName(), h.ageOn(today), r.facility(), r.patientClass(),
					r.admitted(), r.discharged(), r.lace(), r.detail(), r.diagnoses()));
		}
		return rows;
	}

	private static @Nullable Instant instant(ResultSet rs, int column) throws SQLException {
		java.sql.Timestamp t = rs.getTimestamp(column);
		return t == null ? null : t.toInstant();
	}

	private static AdtMessageView view(ResultSet rs, boolean text) throws SQLException {
		UUID patient = rs.getObject("patient_id", UUID.class);
		return new AdtMessageView(rs.getObject("id", UUID.class), rs.getTimestamp("received_at").toInstant(),
				rs.getString("channel"), rs.getString("sending_app"), rs.getString("sending_facility"), rs.getString("control_id"),
				rs.getString("event"), rs.getString("version"), rs.getString("status"), rs.getString("ack_code"),
				rs.getString("error"), rs.getBoolean("reused_control_id"), rs.getInt("resends"), patient,
				text ? rs.getString("payload") : null);
	}
}
