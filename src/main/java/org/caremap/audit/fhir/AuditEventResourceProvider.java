package org.caremap.audit.fhir;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Date;
import java.util.Optional;
import java.util.UUID;

import ca.uhn.fhir.rest.annotation.Count;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Offset;
import ca.uhn.fhir.rest.annotation.OptionalParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.param.DateRangeParam;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.StringParam;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import org.caremap.audit.AuditEntry;
import org.caremap.audit.AuditOutcome;
import org.caremap.audit.AuditTrail;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Reference;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * The audit trail as FHIR AuditEvents (who did what to which record, when, from where, with what outcome), for
 * compliance systems. Open to systems acting for the organisation and to administrators, as the audit page is.
 * Reading the trail is itself audited (one row per search or read). Read; search by patient, agent (the actor's
 * name), action, date.
 */
@Component
class AuditEventResourceProvider implements IResourceProvider {

	private static final String DCM = "http://dicom.nema.org/resources/ontology/DCM";

	private final JdbcClient jdbc;
	private final AuditTrail audit;

	AuditEventResourceProvider(JdbcClient jdbc, AuditTrail audit) {
		this.jdbc = jdbc;
		this.audit = audit;
	}

	@Override
	public Class<AuditEvent> getResourceType() {
		return AuditEvent.class;
	}

	@Read
	public AuditEvent read(@IdParam IdType id) {
		requireAuditor();
		long key;
		try {
			key = Long.parseLong(id.getIdPart());
		}
		catch (NumberFormatException ex) {
			throw new ResourceNotFoundException(id);
		}
		AuditEvent event = load(key).orElseThrow(() -> new ResourceNotFoundException(id));
		audit.record(new AuditEntry("READ", "AuditEvent", Long.toString(key), null, AuditOutcome.SUCCESS, null));
		return event;
	}

	@Search
	public IBundleProvider search(@OptionalParam(name = AuditEvent.SP_PATIENT) @Nullable ReferenceParam patient,
			@OptionalParam(name = AuditEvent.SP_AGENT_NAME) @Nullable StringParam agentName,
			@OptionalParam(name = AuditEvent.SP_ACTION) @Nullable TokenParam action,
			@OptionalParam(name = AuditEvent.SP_DATE) @Nullable DateRangeParam date,
			@Offset @Nullable Integer offset, @Count @Nullable Integer count) {
		requireAuditor();
		StringBuilder where = new StringBuilder(" from audit_event e where true");
		java.util.List<Object> params = new java.util.ArrayList<>();
		UUID patientId = patient == null ? null : patientOf(patient);
		if (patientId != null) {
			where.append(" and e.patient_id = ?");
			params.add(patientId);
		}
		if (agentName != null) {
			where.append(" and e.actor = ?");
			params.add(agentName.getValue());
		}
		if (action != null) {
			String code = action.getValue();
			if (!code.matches("[CRUDE]")) throw new InvalidRequestException("action is one of C, R, U, D, E");
			where.append(" and (case e.action when 'CREATE' then 'C' when 'READ' then 'R' when 'UPDATE' then 'U' "
					+ "when 'DELETE' then 'D' else 'E' end) = ?");
			params.add(code);
		}
		if (date != null && date.getLowerBoundAsInstant() != null) {
			where.append(" and e.occurred_at >= ?");
			params.add(date.getLowerBoundAsInstant().toInstant().atOffset(java.time.ZoneOffset.UTC));
		}
		if (date != null && date.getUpperBoundAsInstant() != null) {
			where.append(" and e.occurred_at <= ?");
			params.add(date.getUpperBoundAsInstant().toInstant().atOffset(java.time.ZoneOffset.UTC));
		}
		int size = count == null ? 20 : Math.min(Math.max(count, 0), 500);
		int from = offset == null ? 0 : Math.max(offset, 0);
		long total = jdbc.sql("select count(*)" + where).params(params).query(Long.class).single();
		java.util.List<Object> paged = new java.util.ArrayList<>(params);
		paged.add(size);
		paged.add(from);
		java.util.List<org.hl7.fhir.instance.model.api.IBaseResource> events = new java.util.ArrayList<>(
				jdbc.sql("select e.*" + where + " order by e.occurred_at desc, e.id desc limit ? offset ?").params(paged)
					.query(AuditEventResourceProvider::toFhir).list());
		audit.record(new AuditEntry("READ", "AuditEvent", null,
				patientId == null ? null : new org.caremap.shared.PatientId(patientId), AuditOutcome.SUCCESS, "search"));
		ca.uhn.fhir.rest.server.SimpleBundleProvider bundle = new ca.uhn.fhir.rest.server.SimpleBundleProvider(events);
		bundle.setSize((int) Math.min(total, Integer.MAX_VALUE));
		bundle.setCurrentPageOffset(from);
		bundle.setCurrentPageSize(size);
		return bundle;
	}

	private static UUID patientOf(ReferenceParam reference) {
		try {
			return UUID.fromString(reference.getIdPart());
		}
		catch (IllegalArgumentException | NullPointerException ex) {
			throw new InvalidRequestException("The patient parameter does not name a Caremap patient: " + reference.getValue());
		}
	}

	private static void requireAuditor() {
		Authentication auth = SecurityContextHolder.getContext().getAuthentication();
		boolean allowed = auth != null && (auth.getName().startsWith("system:")
				|| auth.getAuthorities().stream().anyMatch(a -> a.getAuthority().equals("ROLE_ADMIN")));
		if (!allowed) throw new ForbiddenOperationException("The audit trail is open to administrators and organisation systems only.");
	}

	private Optional<AuditEvent> load(Long id) {
		return jdbc.sql("select * from audit_event where id = ?").param(id).query(AuditEventResourceProvider::toFhir).optional();
	}

	private static AuditEvent toFhir(ResultSet rs, int n) throws SQLException {
		AuditEvent e = new AuditEvent();
		e.setId(Long.toString(rs.getLong("id")));
		String action = rs.getString("action");
		boolean rest = action.equals("CREATE") || action.equals("READ") || action.equals("UPDATE") || action.equals("DELETE");
		e.setType(rest ? new Coding("http://terminology.hl7.org/CodeSystem/audit-event-type", "rest", "RESTful Operation")
				: new Coding(DCM, "110100", "Application Activity"));
		e.addSubtype(new Coding().setSystem("urn:caremap:audit-action").setCode(action));
		e.setAction(actionCode(action));
		Date recorded = Date.from(rs.getObject("occurred_at", OffsetDateTime.class).toInstant());
		e.setRecorded(recorded);
		e.getPeriod().setStart(recorded).setEnd(recorded);
		String outcome = rs.getString("outcome");
		e.setOutcome(outcome.equals("SUCCESS") ? AuditEvent.AuditEventOutcome._0
				: outcome.equals("DENIED") ? AuditEvent.AuditEventOutcome._4 : AuditEvent.AuditEventOutcome._8);
		String detail = rs.getString("detail");
		if (detail != null) e.setOutcomeDesc(detail);
		AuditEvent.AuditEventAgentComponent agent = e.addAgent().setRequestor(true);
		agent.setWho(new Reference().setDisplay(rs.getString("actor")));
		agent.setName(rs.getString("actor"));
		String ip = rs.getString("source_ip");
		if (ip != null) agent.getNetwork().setAddress(ip).setType(AuditEvent.AuditEventAgentNetworkType._2);
		String node = rs.getString("node");
		e.getSource().setSite("Caremap").setObserver(new Reference().setDisplay(node == null ? "Caremap" : node));
		UUID patient = rs.getObject("patient_id", UUID.class);
		if (patient != null) {
			e.addEntity().setWhat(new Reference("Patient/" + patient))
				.setType(new Coding("http://terminology.hl7.org/CodeSystem/audit-entity-type", "1", "Person"));
		}
		String type = rs.getString("resource_type");
		String resourceId = rs.getString("resource_id");
		if (!type.equals("Patient") || patient == null) {
			AuditEvent.AuditEventEntityComponent entity = e.addEntity()
				.setType(new Coding("http://terminology.hl7.org/CodeSystem/audit-entity-type", "2", "System Object"));
			entity.setName(type);
			entity.setWhat(new Reference().setDisplay(type + (resourceId == null ? "" : " " + resourceId)));
		}
		return e;
	}

	private static AuditEvent.AuditEventAction actionCode(String action) {
		switch (action) {
			case "CREATE":
				return AuditEvent.AuditEventAction.C;
			case "READ":
				return AuditEvent.AuditEventAction.R;
			case "UPDATE":
				return AuditEvent.AuditEventAction.U;
			case "DELETE":
				return AuditEvent.AuditEventAction.D;
			default:
				return AuditEvent.AuditEventAction.E;
		}
	}
}
