package org.caremap.patient.fhir;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.caremap.access.AccessPurpose;
import org.caremap.access.PatientAccess;
import org.caremap.access.Part2Labels;
import org.caremap.audit.AuditEntry;
import org.caremap.audit.AuditTrail;
import org.caremap.fhir.BundleImporter;
import org.caremap.fhir.ImportContext;
import org.caremap.fhir.ImportOutcome;
import org.caremap.patient.CodedCondition;
import org.caremap.patient.PatientRegistry;
import org.caremap.shared.CurrentActor;
import org.caremap.shared.Ids;
import org.caremap.shared.PatientId;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Coverage;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Resource;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What an EHR's bundle says about a registered patient's conditions (any code system: ICD-10-CM, SNOMED CT) and
 * insurance. A condition already recorded with the same code and onset, or a coverage with the same member id at
 * the same payer, is the same one.
 */
@Component
class PatientRecordImporter implements BundleImporter {

	private static final Set<String> STATUSES = Set.of("active", "recurrence", "relapse", "inactive", "remission", "resolved");

	private final JdbcClient jdbc;
	private final PatientAccess access;
	private final AuditTrail audit;
	private final PatientRegistry registry;
	private final org.springframework.context.ApplicationEventPublisher events;

	PatientRecordImporter(JdbcClient jdbc, PatientAccess access, AuditTrail audit, PatientRegistry registry,
			org.springframework.context.ApplicationEventPublisher events) {
		this.events = events;
		this.jdbc = jdbc;
		this.access = access;
		this.audit = audit;
		this.registry = registry;
	}

	@Override
	public Set<String> types() {
		return Set.of("Condition", "Coverage");
	}

	@Override
	public int rank() {
		return 20;
	}

	@Override
	public ImportOutcome take(Resource resource, ImportContext context) {
		if (resource instanceof Condition condition) return condition(condition, context);
		return coverage((Coverage) resource, context);
	}

	private ImportOutcome condition(Condition c, ImportContext context) {
		Optional<UUID> patient = context.patient(c.getSubject());
		if (patient.isEmpty()) return ImportOutcome.skipped("patient not imported");
		Coding code = c.getCode().getCoding().stream().filter(Coding::hasCode).filter(Coding::hasSystem).findFirst().orElse(null);
		if (code == null) return ImportOutcome.skipped("a condition without a coded code");
		if (code.getCode().length() > 64 || (CodedCondition.ICD10CM.equals(code.getSystem())
				&& !code.getCode().matches(CodedCondition.PATTERN))) {
			return ImportOutcome.skipped("a condition whose code is not valid in its code system");
		}
		PatientId patientId = new PatientId(patient.get());
		access.require(patientId, AccessPurpose.WRITE);
		LocalDate onset = c.hasOnsetDateTimeType() ? day(c.getOnsetDateTimeType().getValue()) : null;
		String status = c.hasClinicalStatus() && c.getClinicalStatus().hasCoding() ? c.getClinicalStatus().getCodingFirstRep().getCode() : "active";
		if (!STATUSES.contains(status)) status = "active";
		Optional<UUID> existing = jdbc.sql("""
				select id from patient_condition where patient_id = ? and code_system = ? and code = ?
				  and onset_date is not distinct from ? and not voided limit 1""")
			.params(patientId.value(), code.getSystem(), code.getCode(), onset).query(UUID.class).optional();
		// a Condition labelled 42CFRPart2 (meta.security) is stored as a Part 2 record; an import never drops the label
		boolean part2 = Part2Labels.labelled(c);
		if (existing.isPresent()) {
			boolean labelledNow = part2 && jdbc.sql(
					"update patient_condition set part2 = true, updated_at = now(), updated_by = ? where id = ? and not part2")
				.params(CurrentActor.name(), existing.get()).update() > 0;
			int changed = jdbc.sql("update patient_condition set clinical_status = ?, updated_at = now(), updated_by = ? where id = ? and clinical_status <> ?")
				.params(status, CurrentActor.name(), existing.get(), status).update();
			if (changed > 0 || labelledNow) {
				boolean stillPart2 = part2 || jdbc.sql("select part2 from patient_condition where id = ?").param(existing.get())
					.query(Boolean.class).single();
				events.publishEvent(new org.caremap.patient.ConditionRecorded(existing.get(), patientId, code.getSystem(),
						code.getCode(), active(status), stillPart2));
			}
			return ImportOutcome.matched("Condition/" + existing.get(), patientId);
		}
		UUID id = Ids.newId();
		String display = code.hasDisplay() ? code.getDisplay() : c.getCode().hasText() ? c.getCode().getText() : code.getCode();
		jdbc.sql("""
				insert into patient_condition (id, patient_id, code_system, code, display, clinical_status, onset_date, created_by,
				                               part2)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(id, patientId.value(), code.getSystem(), code.getCode(), display, status, onset, CurrentActor.name(), part2)
			.update();
		events.publishEvent(new org.caremap.patient.ConditionRecorded(id, patientId, code.getSystem(), code.getCode(), active(status),
				part2));
		audit.record(AuditEntry.write("CREATE", "Condition", id.toString(), patientId));
		return ImportOutcome.created("Condition/" + id, patientId);
	}

	/** Whether a clinical status is one of the active ones (active, recurrence, relapse). */
	private static boolean active(String status) {
		return Set.of("active", "recurrence", "relapse").contains(status);
	}

	private ImportOutcome coverage(Coverage c, ImportContext context) {
		Optional<UUID> patient = context.patient(c.getBeneficiary());
		if (patient.isEmpty()) return ImportOutcome.skipped("patient not imported");
		String member = c.hasSubscriberId() ? c.getSubscriberId() : c.hasIdentifier() ? c.getIdentifierFirstRep().getValue() : null;
		String payer = payer(c, context);
		if (member == null || member.isBlank() || payer == null || !c.hasPeriod() || !c.getPeriod().hasStart()) {
			return ImportOutcome.skipped("a coverage without member id, payer or start date");
		}
		PatientId patientId = new PatientId(patient.get());
		access.require(patientId, AccessPurpose.REGISTER);
		Optional<UUID> existing = jdbc.sql("select id from patient_coverage where patient_id = ? and member_id = ? and payer = ? and not voided limit 1")
			.params(patientId.value(), member, payer).query(UUID.class).optional();
		if (existing.isPresent()) return ImportOutcome.matched("Coverage/" + existing.get(), patientId);
		String plan = c.getClass_().stream().filter(k -> k.getType().getCoding().stream().anyMatch(t -> "plan".equals(t.getCode())))
			.map(k -> k.hasName() ? k.getName() : k.getValue()).findFirst().orElse(null);
		String group = c.getClass_().stream().filter(k -> k.getType().getCoding().stream().anyMatch(t -> "group".equals(t.getCode())))
			.map(k -> k.getValue()).findFirst().orElse(null);
		int order = c.hasOrder() ? Math.min(Math.max(c.getOrder(), 1), 9) : 1;
		registry.addCoverage(patientId, new org.caremap.patient.Coverage(null, payer, plan, member, group,
				day(c.getPeriod().getStart()), c.getPeriod().hasEnd() ? day(c.getPeriod().getEnd()) : null, order));
		UUID id = jdbc.sql("select id from patient_coverage where patient_id = ? and member_id = ? and payer = ? and not voided limit 1")
			.params(patientId.value(), member, payer).query(UUID.class).single();
		return ImportOutcome.created("Coverage/" + id, patientId);
	}

	private static @Nullable String payer(Coverage c, ImportContext context) {
		if (!c.hasPayor()) return null;
		var payor = c.getPayorFirstRep();
		if (payor.hasDisplay()) return payor.getDisplay();
		return context.resource(payor).filter(r -> r instanceof Organization).map(r -> ((Organization) r).getName()).orElse(null);
	}

	private static LocalDate day(Date date) {
		return date.toInstant().atOffset(ZoneOffset.UTC).toLocalDate();
	}
}
