package org.caremap.careplan.fhir;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import ca.uhn.fhir.model.api.Include;
import ca.uhn.fhir.rest.annotation.Count;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.IncludeParam;
import ca.uhn.fhir.rest.annotation.Offset;
import ca.uhn.fhir.rest.annotation.OptionalParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import org.caremap.access.Part2Labels;
import org.caremap.access.Part2Segment;
import org.caremap.access.Segmentation;
import org.caremap.careplan.CarePlanContent;
import org.caremap.careplan.CarePlans;
import org.caremap.fhir.FhirPage;
import org.caremap.patient.PatientResources;
import org.caremap.shared.PatientId;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Goal;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The goals of care plans as FHIR (US Core Goal): every goal in the current version of a plan, with its progress
 * notes. Read, and search by patient ({@code patient} or {@code subject}) and {@code lifecycle-status} with
 * {@code _count}/{@code _offset} paging, through the care-plan API (authorized and audited as goal reads).
 */
@Component
class GoalResourceProvider implements IResourceProvider {

	private final CarePlans plans;
	private final CarePlanFhir fhir;
	private final JdbcClient jdbc;
	private final PatientResources patients;
	private final org.caremap.access.PatientAccess access;
	private final Segmentation segmentation;
	private final Part2Labels labels;

	GoalResourceProvider(CarePlans plans, CarePlanFhir fhir, JdbcClient jdbc, PatientResources patients,
			org.caremap.access.PatientAccess access, Segmentation segmentation, Part2Labels labels) {
		this.segmentation = segmentation;
		this.labels = labels;
		this.access = access;
		this.plans = plans;
		this.fhir = fhir;
		this.jdbc = jdbc;
		this.patients = patients;
	}

	@Override
	public Class<Goal> getResourceType() {
		return Goal.class;
	}

	@Read
	public Goal read(@IdParam IdType id) {
		UUID goal = CarePlanResourceProvider.uuid(id.getIdPart()).orElseThrow(() -> new ResourceNotFoundException(id));
		return toFhir(goal).orElseThrow(() -> new ResourceNotFoundException(id));
	}

	/** The goal (the plan of a case in a Part 2 program: refused to a reader outside it, labelled for the others). */
	private java.util.Optional<Goal> toFhir(UUID goal) {
		return plans.withGoal(goal).flatMap(plan -> plan.content().goal(goal).map(g -> CarePlanResourceProvider.label(
				fhir.goal(plan, g), segmentation.part2(plan.patient()).labels(plan.caseId().value()))));
	}

	@Search
	public IBundleProvider search(@OptionalParam(name = Goal.SP_PATIENT) @Nullable ReferenceParam patient,
			@OptionalParam(name = Goal.SP_SUBJECT) @Nullable ReferenceParam subject,
			@OptionalParam(name = Goal.SP_LIFECYCLE_STATUS) @Nullable TokenParam lifecycle,
			@IncludeParam(allow = { "Goal:subject", "Goal:patient" }) @Nullable Set<Include> include,
			@Offset @Nullable Integer offset, @Count @Nullable Integer count) {
		StringBuilder where = new StringBuilder(" " + """
				from care_plan p join care_plan_version v on v.plan_id = p.id and v.version = p.current_version
				cross join lateral jsonb_array_elements(v.content -> 'goals') with ordinality as g(goal, n)
				where true""");
		List<Object> params = new ArrayList<>();
		// only the plans of the patients the caller may read are counted and paged (null: all, for a system)
		java.util.Set<org.caremap.shared.PatientId> readable = access.readableScope();
		if (readable != null) {
			where.append(" and p.patient_id = any(?)");
			params.add(readable.stream().map(org.caremap.shared.PatientId::value).toArray(UUID[]::new));
		}
		for (ReferenceParam who : new ReferenceParam[] { patient, subject }) {
			if (who == null) continue;
			where.append(" and p.patient_id = ?");
			params.add(CarePlanResourceProvider.patientId(who));
		}
		if (lifecycle != null) {
			where.append(" and g.goal ->> 'lifecycle' = ?");
			params.add(lifecycle(lifecycle.getValue()));
		}
		// the goals of Part 2 cases' plans the reader is outside of leave the count and the pages (counted in the outcome)
		Map<PatientId, Part2Segment> every = segmentation.part2(jdbc.sql("select distinct p.patient_id" + where).params(params)
			.query((rs, n) -> new PatientId(rs.getObject(1, UUID.class))).list());
		UUID[] hidden = every.values().stream().flatMap(g -> g.withheldCases().stream()).toArray(UUID[]::new);
		int left = 0;
		if (hidden.length > 0) {
			long before = jdbc.sql("select count(*)" + where).params(params).query(Long.class).single();
			where.append(" and not (p.case_id = any(?))");
			params.add(hidden);
			left = (int) (before - jdbc.sql("select count(*)" + where).params(params).query(Long.class).single());
		}
		FhirPage page = FhirPage.of(offset, count);
		long total = jdbc.sql("select count(*)" + where).params(params).query(Long.class).single();
		List<Object> paged = new ArrayList<>(params);
		paged.add(page.size());
		paged.add(page.from());
		List<UUID[]> rows = jdbc.sql("select (g.goal ->> 'id')::uuid, p.patient_id, p.case_id" + where
				+ " order by p.created_at, p.id, g.n limit ? offset ?")
			.params(paged)
			.query((rs, n) -> new UUID[] { rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getObject(3, UUID.class) })
			.list();
		// the goals of plans of cases in Part 2 programs the reader is outside of are left out and counted
		Map<PatientId, Part2Segment> segments = segmentation.part2(rows.stream().map(r -> new PatientId(r[1])).toList());
		List<Goal> found = new ArrayList<>();
		int withheld = 0;
		boolean notice = false;
		for (UUID[] row : rows) {
			Part2Segment segment = segments.get(new PatientId(row[1]));
			if (segment.withholds(row[2])) {
				withheld++;
				continue;
			}
			notice |= segment.needsNotice() && segment.labels(row[2]);
			toFhir(row[0]).ifPresent(found::add);
		}
		if (FhirPage.wants(include, "Goal:subject", "Goal:patient")) patients.resolve(found.stream().map(Goal::getSubject).toList());
		List<org.hl7.fhir.instance.model.api.IBaseResource> entries = new ArrayList<>(found);
		OperationOutcome outcome = labels.outcome(withheld + left, notice);
		if (outcome != null) entries.add(outcome);
		return page.bundle(entries, total - withheld);
	}

	private static String lifecycle(String code) {
		for (CarePlanContent.Lifecycle l : CarePlanContent.Lifecycle.values()) {
			if (CarePlanFhir.code(l.name()).equals(code)) return l.name();
		}
		try {
			Goal.GoalLifecycleStatus.fromCode(code);
			return "";
		}
		catch (org.hl7.fhir.exceptions.FHIRException ex) {
			throw new InvalidRequestException("Unknown Goal lifecycle-status: " + code);
		}
	}

}
