package org.caremap.medication.internal;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.caremap.access.AccessPurpose;
import org.caremap.access.PatientAccess;
import org.caremap.audit.AuditEntry;
import org.caremap.audit.AuditOutcome;
import org.caremap.audit.AuditTrail;
import org.caremap.medication.Decision;
import org.caremap.medication.Discrepancy;
import org.caremap.medication.DrugClass;
import org.caremap.medication.ListedMedication;
import org.caremap.medication.MedicationEntry;
import org.caremap.medication.MedicationSource;
import org.caremap.medication.ReconciliationLine;
import org.caremap.medication.ReconciliationSigned;
import org.caremap.medication.ReconciliationStatus;
import org.caremap.medication.ReconciliationView;
import org.caremap.medication.Reconciliations;
import org.caremap.shared.CurrentActor;
import org.caremap.shared.DomainException;
import org.caremap.shared.Ids;
import org.caremap.shared.NotFoundException;
import org.caremap.shared.PatientId;
import org.caremap.shared.Texts;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
@Transactional
class JdbcReconciliations implements Reconciliations {

	static final String RESOURCE = "MedicationReconciliation";

	private final JdbcClient jdbc;
	private final PatientAccess access;
	private final AuditTrail audit;
	private final JdbcMedicationList list;
	private final ApplicationEventPublisher events;
	private final org.caremap.transition.Transitions transitions;

	JdbcReconciliations(JdbcClient jdbc, PatientAccess access, AuditTrail audit, JdbcMedicationList list,
			ApplicationEventPublisher events, org.caremap.transition.Transitions transitions) {
		this.transitions = transitions;
		this.jdbc = jdbc;
		this.access = access;
		this.audit = audit;
		this.list = list;
		this.events = events;
	}

	@Override
	@Transactional(readOnly = true)
	public List<ReconciliationView> ofPatient(PatientId patient) {
		access.require(patient, AccessPurpose.READ);
		List<UUID> ids = jdbc.sql("select id from medication_reconciliation where patient_id = ? order by created_at desc, id limit 100")
			.param(patient.value()).query(UUID.class).list();
		List<ReconciliationView> found = ids.stream().map(this::load).flatMap(Optional::stream).toList();
		audit.record(new AuditEntry("READ", RESOURCE, null, patient, AuditOutcome.SUCCESS, found.size() + " reconciliations"));
		return found;
	}

	@Override
	@Transactional(readOnly = true)
	public Optional<ReconciliationView> find(UUID id) {
		Optional<ReconciliationView> found = load(id);
		found.ifPresent(r -> {
			access.require(r.patient(), AccessPurpose.READ);
			audit.record(AuditEntry.read(RESOURCE, id.toString(), r.patient()));
		});
		return found;
	}

	@Override
	public UUID start(PatientId patient, @Nullable UUID encounter, @Nullable String note) {
		access.require(patient, AccessPurpose.WRITE);
		String n = Texts.orNull(note);
		if (n != null && n.length() > 2000) throw new DomainException("medication.too-long", "the note is too long", "2000");
		if (encounter != null && transitions.encounter(encounter).filter(e -> e.patient().equals(patient)).isEmpty()) {
			throw new DomainException("reconciliation.encounter", "not a hospital stay of this patient");
		}
		UUID id = Ids.newId();
		jdbc.sql("""
				insert into medication_reconciliation (id, patient_id, encounter_id, status, note, created_by)
				values (?, ?, ?, 'DRAFT', ?, ?)""")
			.params(id, patient.value(), encounter, n, CurrentActor.name()).update();
		int position = 0;
		for (ListedMedication m : list.active(patient)) {
			MedicationEntry e = m.entry();
			jdbc.sql("""
					insert into medication_reconciliation_line (id, reconciliation_id, position, list_item_id, rxnorm_code,
					    name, drug_class, in_current, current_dose, current_route, current_frequency, prescriber)
					values (?, ?, ?, ?, ?, ?, ?, true, ?, ?, ?, ?)""")
				.params(Ids.newId(), id, ++position, m.id(), e.rxnormCode(), e.name(), className(e.name()), e.dose(),
						e.route(), e.frequency(), e.prescriber())
				.update();
		}
		findDiscrepancies(id);
		audit.record(AuditEntry.write("CREATE", RESOURCE, id.toString(), patient));
		return id;
	}

	@Override
	public void add(UUID reconciliation, Column column, MedicationEntry e) {
		ReconciliationView r = draft(reconciliation, "add a line to");
		String prefix = column == Column.DISCHARGE ? "discharge" : "patient";
		Optional<ReconciliationLine> same = r.lines().stream()
			.filter(l -> (column == Column.DISCHARGE ? l.discharge() : l.patient()) == null && sameDrug(l, e))
			.findFirst();
		if (same.isPresent()) {
			jdbc.sql("update medication_reconciliation_line set in_" + prefix + " = true, " + prefix + "_dose = ?, "
					+ prefix + "_route = ?, " + prefix + "_frequency = ?, prescriber = coalesce(prescriber, ?),"
					+ " rxnorm_code = coalesce(rxnorm_code, ?), decision = null, decision_reason = null, final_dose = null,"
					+ " final_route = null, final_frequency = null, decided_at = null, decided_by = null where id = ?")
				.params(e.dose(), e.route(), e.frequency(), e.prescriber(), e.rxnormCode(), same.get().id()).update();
		}
		else {
			int position = r.lines().stream().mapToInt(ReconciliationLine::position).max().orElse(0) + 1;
			jdbc.sql("insert into medication_reconciliation_line (id, reconciliation_id, position, rxnorm_code, name,"
					+ " drug_class, in_" + prefix + ", " + prefix + "_dose, " + prefix + "_route, " + prefix + "_frequency,"
					+ " prescriber) values (?, ?, ?, ?, ?, ?, true, ?, ?, ?, ?)")
				.params(Ids.newId(), reconciliation, position, e.rxnormCode(), e.name(), className(e.name()), e.dose(),
						e.route(), e.frequency(), e.prescriber())
				.update();
		}
		touch(reconciliation);
		findDiscrepancies(reconciliation);
		audit.record(AuditEntry.write("UPDATE", RESOURCE, reconciliation.toString(), r.patient()));
	}

	@Override
	public int addFromRecords(UUID reconciliation, Column column) {
		ReconciliationView r = draft(reconciliation, "add lines to");
		List<MedicationEntry> imported = jdbc.sql("""
				select code_system, code, display, dosage from medication_statement
				where patient_id = ? and status = 'active' order by display, id limit 100""")
			.param(r.patient().value())
			.query((rs, n) -> {
				String rxnorm = "http://www.nlm.nih.gov/research/umls/rxnorm".equals(rs.getString(1)) && rs.getString(2).matches("[0-9]{1,12}")
						? rs.getString(2) : null;
				String name = rs.getString(3).length() > 200 ? rs.getString(3).substring(0, 200) : rs.getString(3);
				String dosage = rs.getString(4);
				if (dosage != null && dosage.length() > 120) dosage = dosage.substring(0, 120);
				return new MedicationEntry(rxnorm, name, dosage, null, null, null, MedicationSource.EHR);
			})
			.list();
		int added = 0;
		for (MedicationEntry e : imported) {
			ReconciliationView now = current(reconciliation);
			boolean held = now.lines().stream()
				.anyMatch(l -> (column == Column.DISCHARGE ? l.discharge() : l.patient()) != null && sameDrug(l, e));
			if (held) continue;
			add(reconciliation, column, e);
			added++;
		}
		return added;
	}

	@Override
	public void decide(UUID reconciliation, UUID lineId, Decision decision, String reason,
			ReconciliationLine.@Nullable Column result) {
		ReconciliationView r = draft(reconciliation, "decide a line of");
		ReconciliationLine line = r.lines().stream().filter(l -> l.id().equals(lineId)).findFirst()
			.orElseThrow(() -> new NotFoundException("reconciliation line", lineId));
		String why = Texts.orNull(reason);
		if (why == null) throw new DomainException("reconciliation.reason-required", "say why");
		if (why.length() > 1000) throw new DomainException("medication.too-long", "the reason is too long", "1000");
		ReconciliationLine.Column outcome = switch (decision) {
			case STOP, UNCLEAR -> null;
			case CHANGE -> {
				if (result == null || result.how().isEmpty()) {
					throw new DomainException("reconciliation.change-needs-dose", "a change needs the new dose");
				}
				yield result;
			}
			case CONTINUE, NEW -> result != null && !result.how().isEmpty() ? result
					: line.discharge() != null ? line.discharge() : line.patient() != null ? line.patient() : line.current();
		};
		jdbc.sql("""
				update medication_reconciliation_line set decision = ?, decision_reason = ?, final_dose = ?, final_route = ?,
				    final_frequency = ?, decided_at = now(), decided_by = ?
				where id = ? and reconciliation_id = ?""")
			.params(decision.name(), why, outcome == null ? null : outcome.dose(), outcome == null ? null : outcome.route(),
					outcome == null ? null : outcome.frequency(), CurrentActor.name(), lineId, reconciliation)
			.update();
		touch(reconciliation);
		audit.record(new AuditEntry("UPDATE", RESOURCE, reconciliation.toString(), r.patient(), AuditOutcome.SUCCESS,
				"line " + line.position() + " " + decision.name().toLowerCase(Locale.ROOT)));
	}

	@Override
	public void sign(UUID reconciliation) {
		ReconciliationView r = current(reconciliation);
		access.require(r.patient(), AccessPurpose.WRITE);
		if (r.status() != ReconciliationStatus.DRAFT) throw illegal(r.status(), "sign");
		if (r.undecided() > 0) {
			throw new DomainException("reconciliation.undecided", r.undecided() + " lines are not decided",
					String.valueOf(r.undecided()));
		}
		for (ReconciliationLine line : r.lines()) apply(r, line);
		Optional<OffsetDateTime> signedAt = jdbc.sql("""
				update medication_reconciliation r set status = t.to_status, signed_at = now(), signed_by = ?,
				    updated_at = now(), updated_by = ?
				from medication_reconciliation_transition t
				where r.id = ? and t.action = 'sign' and t.from_status = r.status
				  and not exists (select 1 from medication_reconciliation_line l
				                  where l.reconciliation_id = r.id and l.decision is null)
				returning r.signed_at""")
			.params(CurrentActor.name(), CurrentActor.name(), reconciliation).query(OffsetDateTime.class).optional();
		if (signedAt.isEmpty()) throw illegal(current(reconciliation).status(), "sign");
		audit.record(AuditEntry.write("SIGN", RESOURCE, reconciliation.toString(), r.patient()));
		events.publishEvent(new ReconciliationSigned(r.patient(), reconciliation, r.encounter(), signedAt.get().toInstant(),
				CurrentActor.name()));
	}

	@Override
	public void cancel(UUID reconciliation, String reason) {
		ReconciliationView r = current(reconciliation);
		access.require(r.patient(), AccessPurpose.WRITE);
		String why = Texts.orNull(reason);
		if (why == null) throw new DomainException("reconciliation.reason-required", "say why");
		if (why.length() > 1000) throw new DomainException("medication.too-long", "the reason is too long", "1000");
		int updated = jdbc.sql("""
				update medication_reconciliation r set status = t.to_status, cancel_reason = ?, updated_at = now(), updated_by = ?
				from medication_reconciliation_transition t
				where r.id = ? and t.action = 'cancel' and t.from_status = r.status""")
			.params(why, CurrentActor.name(), reconciliation).update();
		if (updated == 0) throw illegal(current(reconciliation).status(), "cancel");
		audit.record(new AuditEntry("CANCEL", RESOURCE, reconciliation.toString(), r.patient(), AuditOutcome.SUCCESS, why));
	}

	/** The signed line's effect on the current list. */
	private void apply(ReconciliationView r, ReconciliationLine line) {
		Optional<ListedMedication> item = line.listItem() == null ? Optional.empty()
				: Optional.of(list.owned(r.patient(), line.listItem()));
		String why = line.reason();
		Decision decision = line.decision();
		if (decision == null) throw new IllegalStateException("undecided line");
		switch (decision) {
			case UNCLEAR -> { }
			case STOP -> item.filter(ListedMedication::active)
				.ifPresent(m -> list.update(m, m.entry(), false, why, r.id()));
			case CONTINUE, NEW, CHANGE -> {
				ReconciliationLine.Column result = line.result();
				MedicationSource source = item.map(m -> m.entry().source())
					.orElse(line.discharge() != null ? MedicationSource.DISCHARGE_LIST : MedicationSource.PATIENT_REPORTED);
				MedicationEntry entry = new MedicationEntry(line.rxnormCode(), line.name(), result == null ? null : result.dose(),
						result == null ? null : result.route(), result == null ? null : result.frequency(), line.prescriber(),
						source);
				if (item.isEmpty()) list.insert(r.patient(), entry, why, r.id());
				else if (!item.get().active() || !item.get().entry().equals(entry)) list.update(item.get(), entry, true, why, r.id());
			}
		}
	}

	/** Finds the discrepancies of every line again (see {@link Discrepancy}). */
	private void findDiscrepancies(UUID reconciliation) {
		List<ReconciliationLine> lines = lines(reconciliation);
		for (ReconciliationLine l : lines) {
			Set<Discrepancy> found = discrepancies(l, lines);
			if (!found.equals(l.discrepancies())) {
				jdbc.sql("update medication_reconciliation_line set discrepancies = ? where id = ?")
					.params(found.stream().map(Enum::name).sorted().toArray(String[]::new), l.id()).update();
			}
		}
	}

	static Set<Discrepancy> discrepancies(ReconciliationLine l, List<ReconciliationLine> all) {
		Set<Discrepancy> found = EnumSet.noneOf(Discrepancy.class);
		boolean anyDischarge = all.stream().anyMatch(x -> x.discharge() != null);
		boolean anyPatient = all.stream().anyMatch(x -> x.patient() != null);
		if (anyDischarge && l.discharge() == null && (l.current() != null || l.patient() != null)) found.add(Discrepancy.OMISSION);
		if (!anyDischarge && anyPatient && l.current() != null && l.patient() == null) found.add(Discrepancy.OMISSION);
		if (l.drugClass() != null) {
			boolean twiceDischarge = l.discharge() != null && all.stream().anyMatch(x -> x != l && x.discharge() != null
					&& x.drugClass() == l.drugClass());
			boolean twicePatient = l.patient() != null && all.stream().anyMatch(x -> x != l && x.patient() != null
					&& x.drugClass() == l.drugClass());
			if (twiceDischarge || twicePatient) found.add(Discrepancy.DUPLICATION);
			if (l.drugClass().highRisk() && l.current() == null) found.add(Discrepancy.NEW_HIGH_RISK);
		}
		List<ReconciliationLine.Column> columns = new ArrayList<>();
		for (ReconciliationLine.Column c : new ReconciliationLine.Column[] { l.current(), l.discharge(), l.patient() }) {
			if (c != null) columns.add(c);
		}
		for (int i = 1; i < columns.size(); i++) {
			if (!columns.get(i).sameAs(columns.get(0))) found.add(Discrepancy.DOSE_CHANGE);
		}
		return found;
	}

	private static boolean sameDrug(ReconciliationLine l, MedicationEntry e) {
		if (l.rxnormCode() != null && e.rxnormCode() != null) return l.rxnormCode().equals(e.rxnormCode());
		String a = l.name().toLowerCase(Locale.ROOT).trim();
		String b = e.name().toLowerCase(Locale.ROOT).trim();
		return a.equals(b) || a.startsWith(b + " ") || b.startsWith(a + " ");
	}

	private static @Nullable String className(String name) {
		return DrugClass.of(name).map(Enum::name).orElse(null);
	}

	private void touch(UUID reconciliation) {
		jdbc.sql("update medication_reconciliation set updated_at = now(), updated_by = ? where id = ?")
			.params(CurrentActor.name(), reconciliation).update();
	}

	/** The reconciliation, which must be a draft the current user may change. */
	private ReconciliationView draft(UUID id, String action) {
		ReconciliationView r = current(id);
		access.require(r.patient(), AccessPurpose.WRITE);
		if (r.status() != ReconciliationStatus.DRAFT) throw illegal(r.status(), action);
		return r;
	}

	private ReconciliationView current(UUID id) {
		return load(id).orElseThrow(() -> new NotFoundException("reconciliation", id));
	}

	private static DomainException illegal(ReconciliationStatus status, String action) {
		return new DomainException("reconciliation.illegal-transition", "cannot " + action + " a reconciliation that is " + status,
				status.name().toLowerCase(Locale.ROOT), action);
	}

	private Optional<ReconciliationView> load(UUID id) {
		return jdbc.sql("select * from medication_reconciliation where id = ?").param(id)
			.query((rs, n) -> new ReconciliationView(id, new PatientId(rs.getObject("patient_id", UUID.class)),
					rs.getObject("encounter_id", UUID.class), ReconciliationStatus.valueOf(rs.getString("status")),
					rs.getString("note"), instant(rs, "created_at"), rs.getString("created_by"), instant(rs, "signed_at"),
					rs.getString("signed_by"), rs.getString("cancel_reason"), List.of()))
			.optional()
			.map(r -> new ReconciliationView(r.id(), r.patient(), r.encounter(), r.status(), r.note(), r.createdAt(),
					r.createdBy(), r.signedAt(), r.signedBy(), r.cancelReason(), lines(id)));
	}

	private List<ReconciliationLine> lines(UUID reconciliation) {
		return jdbc.sql("select * from medication_reconciliation_line where reconciliation_id = ? order by position")
			.param(reconciliation).query(JdbcReconciliations::line).list();
	}

	private static ReconciliationLine line(ResultSet rs, int n) throws SQLException {
		String klass = rs.getString("drug_class");
		String decision = rs.getString("decision");
		Set<Discrepancy> found = EnumSet.noneOf(Discrepancy.class);
		Array array = rs.getArray("discrepancies");
		if (array != null) for (String d : (String[]) array.getArray()) found.add(Discrepancy.valueOf(d));
		return new ReconciliationLine(rs.getObject("id", UUID.class), rs.getInt("position"),
				rs.getObject("list_item_id", UUID.class), rs.getString("rxnorm_code"), rs.getString("name"),
				klass == null ? null : DrugClass.valueOf(klass), column(rs, "current"), column(rs, "discharge"),
				column(rs, "patient"), rs.getString("prescriber"), found,
				decision == null ? null : Decision.valueOf(decision), rs.getString("decision_reason"),
				decision == null || "STOP".equals(decision) || "UNCLEAR".equals(decision) ? null
						: new ReconciliationLine.Column(rs.getString("final_dose"), rs.getString("final_route"),
								rs.getString("final_frequency")),
				instant(rs, "decided_at"), rs.getString("decided_by"));
	}

	private static ReconciliationLine.@Nullable Column column(ResultSet rs, String prefix) throws SQLException {
		if (!rs.getBoolean("in_" + prefix)) return null;
		return new ReconciliationLine.Column(rs.getString(prefix + "_dose"), rs.getString(prefix + "_route"),
				rs.getString(prefix + "_frequency"));
	}

	private static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
		OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
		return t == null ? null : t.toInstant();
	}
}
