package org.caremap.patient.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.caremap.access.AccessPurpose;
import org.caremap.access.CareRelationships;
import org.caremap.patient.DuplicateCandidate;
import org.caremap.patient.PatientsMerged;
import org.caremap.patient.internal.matching.MatchScorer;
import org.caremap.shared.CurrentActor;
import org.caremap.shared.DomainException;
import org.springframework.context.ApplicationEventPublisher;
import org.caremap.access.Part2Segment;
import org.caremap.access.PatientAccess;
import org.caremap.access.Segmentation;
import org.caremap.audit.AuditEntry;
import org.caremap.audit.AuditTrail;
import org.caremap.patient.CodedCondition;
import org.caremap.patient.IdentifierType;
import org.caremap.patient.NewPatient;
import org.caremap.patient.ContactMethod;
import org.caremap.patient.Coverage;
import org.caremap.patient.DatePrecision;
import org.caremap.patient.Demographics;
import org.caremap.patient.FeedMatch;
import org.caremap.patient.PatientProvider;
import org.caremap.patient.PatientDetails;
import org.caremap.patient.PatientHeader;
import org.caremap.patient.SupportContact;
import org.caremap.patient.PatientIdentifier;
import org.caremap.patient.PatientRegistry;
import org.caremap.patient.PatientSummary;
import org.caremap.patient.Sex;
import org.caremap.shared.Ids;
import org.caremap.shared.PatientId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
@Transactional
class JdbcPatientRegistry implements PatientRegistry {

	/** Candidates below this are not shown at all. */
	private static final double POSSIBLE = 0.5;

	private final JdbcClient jdbc;
	private final PatientAccess access;
	private final CareRelationships relationships;
	private final AuditTrail audit;
	private final ApplicationEventPublisher events;
	private final Segmentation segmentation;
	private final MatchScorer scorer = new MatchScorer();

	JdbcPatientRegistry(JdbcClient jdbc, PatientAccess access, CareRelationships relationships, AuditTrail audit,
			ApplicationEventPublisher events, Segmentation segmentation) {
		this.segmentation = segmentation;
		this.jdbc = jdbc;
		this.access = access;
		this.relationships = relationships;
		this.audit = audit;
		this.events = events;
	}

	@Override
	@PreAuthorize("hasAnyRole('INTAKE', 'CASE_MANAGER', 'SUPERVISOR', 'SYSTEM')")
	public PatientId register(NewPatient p) {
		for (PatientIdentifier identifier : p.identifiers()) {
			boolean taken = jdbc.sql("select exists (select 1 from patient_identifier where system = ? and value = ?)")
				.params(identifier.system(), identifier.value()).query(Boolean.class).single();
			if (taken) {
				throw new DomainException("patient.identifier-taken", "identifier already registered", identifier.value());
			}
		}
		UUID id = Ids.newId();
		String actor = CurrentActor.name();
		jdbc.sql("""
				insert into patient (id, organization_id, family_name, given_name, middle_name, birth_date, sex, phone,
				                     email, address_line, city, state, postal_code, preferred_language, created_by,
				                     interpreter_needed, birth_date_precision)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(id, p.organization().value(), p.familyName().trim(), p.givenName().trim(), p.middleName(),
					p.birthDate(), p.sex().code(), p.phone(), p.email(), p.addressLine(), p.city(), p.state(),
					p.postalCode(), p.preferredLanguage(), actor,
					// someone who prefers a language other than English is offered an interpreter until told otherwise
					!p.preferredLanguage().equals("en"), p.birthDatePrecision().name())
			.update();
		for (PatientIdentifier identifier : p.identifiers()) {
			jdbc.sql("""
					insert into patient_identifier (id, patient_id, type, system, value, assigner, created_by)
					values (?, ?, ?, ?, ?, ?, ?)""")
				.params(Ids.newId(), id, identifier.type().name(), identifier.system(), identifier.value(),
						identifier.assigner(), actor)
				.update();
		}
		PatientId patientId = new PatientId(id);
		events.publishEvent(new org.caremap.patient.PatientRegistered(patientId));
		events.publishEvent(new org.caremap.patient.PatientHeaderChanged(patientId, p.familyName().trim(), p.givenName().trim(),
				p.birthDate(), p.preferredLanguage(), Instant.now()));
		for (CodedCondition condition : p.conditions()) {
			UUID conditionId = Ids.newId();
			jdbc.sql("""
					insert into patient_condition (id, patient_id, code_system, code, display, onset_date, created_by, part2)
					values (?, ?, ?, ?, ?, ?, ?, ?)""")
				.params(conditionId, id, CodedCondition.ICD10CM, condition.code(), condition.display(),
						condition.onset(), actor, condition.part2())
				.update();
			events.publishEvent(new org.caremap.patient.ConditionRecorded(conditionId, patientId, CodedCondition.ICD10CM,
					condition.code(), true, condition.part2()));
		}
		audit.record(AuditEntry.write("CREATE", "Patient", patientId.toString(), patientId));
		return patientId;
	}

	@Override
	public Optional<PatientSummary> find(PatientId id) {
		access.require(id, AccessPurpose.READ);
		Optional<PatientSummary> found = jdbc.sql("""
				select id, family_name, given_name, birth_date, sex, preferred_language
				from patient where id = ? and not voided""")
			.param(id.value())
			.query((rs, n) -> new PatientSummary(id, rs.getString("family_name"), rs.getString("given_name"),
					rs.getObject("birth_date", LocalDate.class), Sex.valueOf(rs.getString("sex").toUpperCase()),
					rs.getString("preferred_language"), identifiers(id), conditions(id).shown()))
			.optional();
		audit.record(AuditEntry.read("Patient", id.toString(), id));
		return found;
	}

	private List<PatientIdentifier> identifiers(PatientId id) {
		return jdbc.sql("select type, system, value, assigner from patient_identifier where patient_id = ? order by type, system")
			.param(id.value())
			.query((rs, n) -> new PatientIdentifier(IdentifierType.valueOf(rs.getString("type")), rs.getString("system"),
					rs.getString("value"), rs.getString("assigner")))
			.list();
	}

	/**
	 * The patient's coded conditions the reader sees: those labelled 42 CFR Part 2 are withheld (and counted) from a
	 * reader outside the patient's Part 2 programs (the segment is asked only when a labelled one is there).
	 */
	private Part2Segment.Filtered<CodedCondition> conditions(PatientId id) {
		List<CodedCondition> all = jdbc.sql("""
				select code, display, onset_date, part2 from patient_condition
				where patient_id = ? and not voided and code_system = ? and code ~ ? order by code""")
			.params(id.value(), CodedCondition.ICD10CM, CodedCondition.PATTERN)
			.query((rs, n) -> new CodedCondition(rs.getString("code"), rs.getString("display"),
					rs.getObject("onset_date", LocalDate.class), rs.getBoolean("part2")))
			.list();
		if (all.stream().noneMatch(CodedCondition::part2) || !segmentation.part2(id).withholdsLabelled()) {
			return new Part2Segment.Filtered<>(all, 0);
		}
		List<CodedCondition> shown = all.stream().filter(c -> !c.part2()).toList();
		return new Part2Segment.Filtered<>(shown, all.size() - shown.size());
	}

	@Override
	@Transactional(readOnly = true)
	public java.util.Map<PatientId, PatientHeader> headers(java.util.Collection<PatientId> patients) {
		if (patients.isEmpty()) return java.util.Map.of();
		return load(java.util.List.copyOf(visible(patients)));
	}

	@Override
	@Transactional(readOnly = true)
	public java.util.Set<PatientId> headersShown(java.util.Collection<PatientId> patients) {
		if (patients.isEmpty()) return java.util.Set.of();
		java.util.Set<PatientId> visible = visible(patients);
		auditHeaders(visible);
		return visible;
	}

	/** Of these patients, those whose header the current user may see in a list (the rule of {@link #headers}). */
	private java.util.Set<PatientId> visible(java.util.Collection<PatientId> patients) {
		return new java.util.LinkedHashSet<>(screening() ? patients : access.readable(patients));
	}

	private void auditHeaders(java.util.Collection<PatientId> shown) {
		audit.recordAll(shown.stream().map(id -> AuditEntry.read("PatientHeader", id.toString(), id)).toList());
	}

	/** Intake, supervisors and the system see any patient's header (name, birth date, record number) to find people. */
	private static boolean screening() {
		var auth = SecurityContextHolder.getContext().getAuthentication();
		return auth != null && auth.getAuthorities().stream().anyMatch(a -> {
			String name = a.getAuthority();
			return "ROLE_INTAKE".equals(name) || "ROLE_SUPERVISOR".equals(name) || "ROLE_SYSTEM".equals(name);
		});
	}

	/** Headers of these patients, each read audited; the caller has decided they may be shown. */
	private java.util.Map<PatientId, PatientHeader> load(java.util.List<PatientId> visible) {
		if (visible.isEmpty()) return java.util.Map.of();
		java.util.Map<PatientId, PatientHeader> out = new java.util.LinkedHashMap<>();
		jdbc.sql("""
				select p.id, p.family_name, p.given_name, p.birth_date, p.sex, p.preferred_language,
				       (select i.value from patient_identifier i where i.patient_id = p.id and i.type = 'MR'
				        order by i.created_at, i.value limit 1) as mrn
				from patient p where p.id = any(?) and not p.voided""")
			.param(visible.stream().map(PatientId::value).toArray(UUID[]::new))
			.query((rs, n) -> new PatientHeader(new PatientId(rs.getObject("id", UUID.class)), rs.getString("family_name"),
					rs.getString("given_name"), rs.getObject("birth_date", LocalDate.class),
					Sex.valueOf(rs.getString("sex").toUpperCase(java.util.Locale.ROOT)), rs.getString("preferred_language"),
					rs.getString("mrn")))
			.list()
			.forEach(h -> out.put(h.id(), h));
		auditHeaders(out.keySet());
		return out;
	}

	@Override
	@Transactional(readOnly = true)
	public java.util.List<PatientHeader> search(String query, int limit) {
		PatientQuery q = PatientQuery.parse(query);
		if (q.isEmpty()) return java.util.List.of();
		StringBuilder where = new StringBuilder("not p.voided");
		var params = new java.util.LinkedHashMap<String, Object>();
		// only the patients the user may read: searched among those, not filtered after the best matches of everyone
		// (people who screen find anyone by their header)
		java.util.Set<PatientId> scope = screening() ? null : access.readableScope();
		if (scope != null) {
			if (scope.isEmpty()) return java.util.List.of();
			where.append(" and p.id = any(:scope)");
			params.put("scope", scope.stream().map(PatientId::value).toArray(UUID[]::new));
		}
		if (q.birthDate() != null) {
			where.append(" and p.birth_date = :dob");
			params.put("dob", q.birthDate());
		}
		if (q.number() != null) {
			where.append(" ").append("""
					and (exists (select 1 from patient_identifier i where i.patient_id = p.id
					              and upper(i.value) = upper(:number))
					      or regexp_replace(coalesce(p.phone, ''), '[^0-9]', '', 'g') like '%' || :digits)""");
			params.put("number", q.number());
			params.put("digits", q.number().replaceAll("[^0-9]", "").isEmpty() ? "-" : q.number().replaceAll("[^0-9]", ""));
		}
		String order = "p.family_name, p.given_name, p.id";
		if (q.name() != null) {
			where.append(" and (lower(p.family_name || ' ' || p.given_name) % :name"
					+ " or lower(p.given_name || ' ' || p.family_name) % :name"
					+ " or lower(p.family_name) like :prefix)");
			params.put("name", q.name());
			params.put("prefix", q.name().split(" ")[0] + "%");
			order = "greatest(similarity(lower(p.family_name || ' ' || p.given_name), :name),"
					+ " similarity(lower(p.given_name || ' ' || p.family_name), :name)) desc, p.family_name, p.id";
		}
		var statement = jdbc.sql("select p.id from patient p where " + where + " order by " + order + " limit :limit");
		for (var e : params.entrySet()) statement = statement.param(e.getKey(), e.getValue());
		java.util.List<PatientId> ids = statement.param("limit", Math.max(1, Math.min(limit, 100)) * 3)
			.query((rs, n) -> new PatientId(rs.getObject(1, UUID.class)))
			.list();
		java.util.Map<PatientId, PatientHeader> visible = headers(ids);
		return ids.stream().filter(visible::containsKey).map(visible::get).limit(limit).toList();
	}

	@Override
	public java.util.Optional<PatientDetails> details(PatientId id) {
		access.require(id, AccessPurpose.READ);
		Part2Segment.Filtered<CodedCondition> conditions = conditions(id);
		java.util.Optional<PatientDetails> found = jdbc.sql("select * from patient where id = ? and not voided")
			.param(id.value())
			.query((rs, n) -> new PatientDetails(
					new PatientHeader(id, rs.getString("family_name"), rs.getString("given_name"),
							rs.getObject("birth_date", LocalDate.class),
							Sex.valueOf(rs.getString("sex").toUpperCase(java.util.Locale.ROOT)),
							rs.getString("preferred_language"), null),
					rs.getString("middle_name"), rs.getString("phone"), rs.getString("email"), rs.getString("address_line"),
					rs.getString("city"), rs.getString("state"), rs.getString("postal_code"), identifiers(id),
					conditions.shown(), contacts(id), coverages(id),
					rs.getObject("created_at", java.time.OffsetDateTime.class).toInstant(), rs.getString("created_by"),
					ContactMethod.valueOf(rs.getString("preferred_contact_method")), rs.getString("preferred_contact_times"),
					rs.getBoolean("interpreter_needed"), providers(id),
					DatePrecision.valueOf(rs.getString("birth_date_precision")), 0))
			.optional()
			.map(d -> new PatientDetails(new PatientHeader(id, d.header().familyName(), d.header().givenName(),
					d.header().birthDate(), d.header().sex(), d.header().preferredLanguage(),
					d.identifiers().stream().filter(i -> i.type() == IdentifierType.MR).map(PatientIdentifier::value)
						.findFirst().orElse(null)),
					d.middleName(), d.phone(), d.email(), d.addressLine(), d.city(), d.state(), d.postalCode(),
					d.identifiers(), d.conditions(), d.network(), d.coverage(), d.registeredAt(), d.registeredBy(),
					d.contactMethod(), d.contactTimes(), d.interpreterNeeded(), d.providers(), d.birthDatePrecision(),
					conditions.withheld()));
		audit.record(AuditEntry.read("Patient", id.toString(), id));
		return found;
	}

	private java.util.List<SupportContact> contacts(PatientId id) {
		return jdbc.sql("""
				select id, name, relationship, phone, email, caregiver, legal_representative, may_be_told
				from patient_contact where patient_id = ? and not voided order by legal_representative desc, name""")
			.param(id.value())
			.query((rs, n) -> new SupportContact(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
					rs.getString(4), rs.getString(5), rs.getBoolean(6), rs.getBoolean(7),
					SupportContact.Disclosure.valueOf(rs.getString(8))))
			.list();
	}

	private java.util.List<Coverage> coverages(PatientId id) {
		return jdbc.sql("""
				select id, payer, plan, member_id, group_number, effective_from, effective_to, priority
				from patient_coverage where patient_id = ? and not voided order by priority, effective_from desc""")
			.param(id.value())
			.query((rs, n) -> new Coverage(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getString(4),
					rs.getString(5), rs.getObject(6, LocalDate.class), rs.getObject(7, LocalDate.class), rs.getInt(8)))
			.list();
	}

	@Override
	public void addContact(PatientId patient, SupportContact c) {
		access.require(patient, AccessPurpose.REGISTER);
		if (!org.caremap.patient.ContactDetails.phone(c.phone()) || !org.caremap.patient.ContactDetails.email(c.email())) {
			throw new DomainException("patient.contact-details", "not a phone number or e-mail address");
		}
		UUID id = Ids.newId();
		jdbc.sql("""
				insert into patient_contact (id, patient_id, name, relationship, phone, email, caregiver,
				                             legal_representative, may_be_told, created_by)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(id, patient.value(), c.name().trim(), c.relationship().trim(), c.phone(), c.email(), c.caregiver(),
					c.legalRepresentative(), c.mayBeTold().name(), CurrentActor.name())
			.update();
		audit.record(AuditEntry.write("CREATE", "SupportContact", id.toString(), patient));
	}

	private java.util.List<PatientProvider> providers(PatientId id) {
		return jdbc.sql("""
				select pp.id, pp.provider_id, p.name, p.specialty, p.phone, pp.role, pp.since
				from patient_provider pp join provider p on p.id = pp.provider_id
				where pp.patient_id = ? and not pp.voided order by pp.role, p.name""")
			.param(id.value())
			.query((rs, n) -> new PatientProvider(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
					rs.getString(3), rs.getString(4), rs.getString(5), PatientProvider.Role.valueOf(rs.getString(6)),
					rs.getObject(7, LocalDate.class)))
			.list();
	}

	@Override
	public void update(PatientId patient, Demographics d) {
		access.require(patient, AccessPurpose.REGISTER);
		// the values this change replaces, kept (only the fields it alters)
		jdbc.sql("""
				insert into patient_demographics_history (id, patient_id, replaced_by, previous)
				select ?, p.id, ?, jsonb_strip_nulls(jsonb_build_object(
				    'familyName', case when p.family_name is distinct from ? then p.family_name end,
				    'givenName', case when p.given_name is distinct from ? then p.given_name end,
				    'middleName', case when p.middle_name is distinct from ? then coalesce(p.middle_name, '') end,
				    'birthDate', case when p.birth_date is distinct from ? then p.birth_date::text end,
				    'sex', case when p.sex is distinct from ? then p.sex end,
				    'phone', case when p.phone is distinct from ? then coalesce(p.phone, '') end,
				    'email', case when p.email is distinct from ? then coalesce(p.email, '') end,
				    'addressLine', case when p.address_line is distinct from ? then coalesce(p.address_line, '') end,
				    'city', case when p.city is distinct from ? then coalesce(p.city, '') end,
				    'state', case when p.state is distinct from ? then coalesce(p.state, '') end,
				    'postalCode', case when p.postal_code is distinct from ? then coalesce(p.postal_code, '') end,
				    'preferredLanguage', case when p.preferred_language is distinct from ? then p.preferred_language end))
				from patient p where p.id = ? and not p.voided
				  and (p.family_name, p.given_name, p.middle_name, p.birth_date, p.sex, p.phone, p.email, p.address_line, p.city,
				       p.state, p.postal_code, p.preferred_language)
				      is distinct from (?, ?, ?, ?::date, ?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(Ids.newId(), CurrentActor.name(), d.familyName().trim(), d.givenName().trim(), d.middleName(), d.birthDate(),
					d.sex().code(), d.phone(), d.email(), d.addressLine(), d.city(), d.state(), d.postalCode(), d.preferredLanguage(),
					patient.value(), d.familyName().trim(), d.givenName().trim(), d.middleName(), d.birthDate(), d.sex().code(),
					d.phone(), d.email(), d.addressLine(), d.city(), d.state(), d.postalCode(), d.preferredLanguage())
			.update();
		int updated = jdbc.sql("""
				update patient set family_name = ?, given_name = ?, middle_name = ?, birth_date = ?, sex = ?, phone = ?,
				       email = ?, address_line = ?, city = ?, state = ?, postal_code = ?, preferred_language = ?,
				       preferred_contact_method = ?, preferred_contact_times = ?, interpreter_needed = ?,
				       birth_date_precision = ?, updated_at = now(), updated_by = ?
				where id = ? and not voided""")
			.params(d.familyName().trim(), d.givenName().trim(), d.middleName(), d.birthDate(), d.sex().code(), d.phone(),
					d.email(), d.addressLine(), d.city(), d.state(), d.postalCode(), d.preferredLanguage(),
					d.contactMethod().name(), d.contactTimes(), d.interpreterNeeded(), d.birthDatePrecision().name(),
					CurrentActor.name(), patient.value())
			.update();
		if (updated == 0) throw new org.caremap.shared.NotFoundException("patient", patient);
		audit.record(AuditEntry.write("UPDATE", "Patient", patient.toString(), patient));
		events.publishEvent(new org.caremap.patient.PatientHeaderChanged(patient, d.familyName().trim(), d.givenName().trim(),
				d.birthDate(), d.preferredLanguage(), Instant.now()));
	}

	@Override
	public List<org.caremap.patient.DemographicsChange> demographicsHistory(PatientId patient) {
		access.require(patient, AccessPurpose.READ);
		Map<UUID, org.caremap.patient.DemographicsChange> changes = new java.util.LinkedHashMap<>();
		jdbc.sql("""
				select h.id, h.replaced_at, h.replaced_by, e.key, e.value
				from (select * from patient_demographics_history where patient_id = ? order by replaced_at desc, id limit 100) h
				cross join lateral jsonb_each_text(h.previous) e
				order by h.replaced_at desc, h.id""")
			.param(patient.value())
			.query((rs, n) -> changes.computeIfAbsent(rs.getObject(1, UUID.class),
					k -> {
						try {
							return new org.caremap.patient.DemographicsChange(rs.getTimestamp(2).toInstant(), rs.getString(3),
									new java.util.LinkedHashMap<>());
						}
						catch (java.sql.SQLException ex) {
							throw new IllegalStateException(ex);
						}
					}).previous().put(rs.getString(4), rs.getString(5)))
			.list();
		audit.record(AuditEntry.read("PatientDemographicsHistory", patient.toString(), patient));
		return List.copyOf(changes.values());
	}

	@Override
	public void addIdentifier(PatientId patient, PatientIdentifier identifier) {
		access.require(patient, AccessPurpose.REGISTER);
		long taken = jdbc.sql("select count(*) from patient_identifier where system = ? and value = ?")
			.params(identifier.system(), identifier.value()).query(Long.class).single();
		if (taken > 0) throw new DomainException("patient.identifier-taken", "already used", identifier.value());
		UUID id = Ids.newId();
		jdbc.sql("""
				insert into patient_identifier (id, patient_id, type, system, value, assigner, created_by)
				values (?, ?, ?, ?, ?, ?, ?)""")
			.params(id, patient.value(), identifier.type().name(), identifier.system(), identifier.value().trim(),
					identifier.assigner().trim(), CurrentActor.name())
			.update();
		audit.record(AuditEntry.write("CREATE", "Identifier", id.toString(), patient));
	}

	@Override
	public UUID addCondition(PatientId patient, CodedCondition condition) {
		access.require(patient, AccessPurpose.WRITE);
		if (condition.display() == null || condition.display().isBlank()) {
			throw new DomainException("patient.condition-incomplete", "a code and its description are required");
		}
		if (condition.display().length() > 500) throw new DomainException("patient.condition-too-long", "at most 500 characters");
		UUID id = Ids.newId();
		jdbc.sql("""
				insert into patient_condition (id, patient_id, code_system, code, display, onset_date, created_by, part2)
				values (?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(id, patient.value(), CodedCondition.ICD10CM, condition.code(), condition.display().trim(),
					condition.onset(), CurrentActor.name(), condition.part2())
			.update();
		events.publishEvent(new org.caremap.patient.ConditionRecorded(id, patient, CodedCondition.ICD10CM, condition.code(), true,
				condition.part2()));
		audit.record(AuditEntry.write("CREATE", "Condition", id.toString(), patient));
		return id;
	}

	@Override
	public void linkProvider(PatientId patient, UUID provider, PatientProvider.Role role, @org.jspecify.annotations.Nullable LocalDate since) {
		access.require(patient, AccessPurpose.REGISTER);
		boolean exists = jdbc.sql("select count(*) from provider where id = ? and active").param(provider)
			.query(Long.class).single() > 0;
		if (!exists) throw new org.caremap.shared.NotFoundException("provider", provider);
		if (role == PatientProvider.Role.PRIMARY_CARE) {
			// one primary care provider at a time: the previous one is kept, voided, as history
			jdbc.sql("""
					update patient_provider set voided = true, voided_by = ?, void_reason = 'replaced'
					where patient_id = ? and role = 'PRIMARY_CARE' and not voided""")
				.params(CurrentActor.name(), patient.value()).update();
		}
		UUID id = Ids.newId();
		jdbc.sql("""
				insert into patient_provider (id, patient_id, provider_id, role, since, created_by) values (?, ?, ?, ?, ?, ?)""")
			.params(id, patient.value(), provider, role.name(), since, CurrentActor.name())
			.update();
		if (role == PatientProvider.Role.PRIMARY_CARE) events.publishEvent(new org.caremap.patient.PrimaryCareLinked(patient, provider));
		audit.record(AuditEntry.write("CREATE", "PatientProvider", id.toString(), patient));
	}

	@Override
	public void addCoverage(PatientId patient, Coverage c) {
		access.require(patient, AccessPurpose.REGISTER);
		UUID id = Ids.newId();
		jdbc.sql("""
				insert into patient_coverage (id, patient_id, payer, plan, member_id, group_number, effective_from,
				                              effective_to, priority, created_by)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(id, patient.value(), c.payer().trim(), c.plan(), c.memberId().trim(), c.groupNumber(),
					c.effectiveFrom(), c.effectiveTo(), c.priority(), CurrentActor.name())
			.update();
		audit.record(AuditEntry.write("CREATE", "Coverage", id.toString(), patient));
	}

	@Override
	@PreAuthorize("hasAnyRole('INTAKE', 'CASE_MANAGER', 'SUPERVISOR', 'SYSTEM')")
	@Transactional(readOnly = true)
	public java.util.List<PatientId> probableMatches(NewPatient p) {
		// matching compares demographics inside Caremap and shows nobody anything: not a read of anyone's record
		return scored(p).entrySet().stream().filter(e -> e.getValue().score() >= MatchScorer.PROBABLE)
			.sorted(java.util.Map.Entry.<PatientId, MatchScorer.Match>comparingByValue(
					java.util.Comparator.comparingDouble(MatchScorer.Match::score)).reversed())
			.map(java.util.Map.Entry::getKey).toList();
	}

	/** Registered patients whose demographics are at least a possible match, with their scores. */
	private java.util.Map<PatientId, MatchScorer.Match> scored(NewPatient p) {
		LocalDate dob = p.birthDate();
		LocalDate swapped = dob.getDayOfMonth() <= 12 && dob.getDayOfMonth() != dob.getMonthValue()
				? LocalDate.of(dob.getYear(), dob.getDayOfMonth(), dob.getMonthValue()) : dob;
		String digits = p.phone() == null ? "" : p.phone().replaceAll("[^0-9]", "");
		java.util.List<MatchScorer.Demographics> rows = new java.util.ArrayList<>();
		java.util.List<PatientId> ids = new java.util.ArrayList<>();
		jdbc.sql("""
				select id, given_name, family_name, middle_name, birth_date, sex, phone, address_line, postal_code
				from patient
				where not voided and (birth_date in (:dob, :swapped)
				   or lower(family_name || ' ' || given_name) % :name
				   or (:digits <> '' and regexp_replace(coalesce(phone, ''), '[^0-9]', '', 'g') = :digits))
				limit 500""")
			.param("dob", dob)
			.param("swapped", swapped)
			.param("name", (p.familyName() + " " + p.givenName()).toLowerCase(java.util.Locale.ROOT))
			.param("digits", digits)
			.query((rs, n) -> {
				ids.add(new PatientId(rs.getObject("id", UUID.class)));
				rows.add(new MatchScorer.Demographics(rs.getString("given_name"), rs.getString("family_name"),
						rs.getString("middle_name"), rs.getObject("birth_date", LocalDate.class), rs.getString("sex"),
						rs.getString("phone"), rs.getString("address_line"), rs.getString("postal_code")));
				return null;
			})
			.list();
		MatchScorer.Demographics incoming = new MatchScorer.Demographics(p.givenName(), p.familyName(), p.middleName(),
				dob, p.sex().code(), p.phone(), p.addressLine(), p.postalCode());
		java.util.Map<PatientId, MatchScorer.Match> scored = new java.util.LinkedHashMap<>();
		for (int i = 0; i < rows.size(); i++) {
			MatchScorer.Match match = scorer.score(incoming, rows.get(i));
			if (match.score() >= POSSIBLE) scored.put(ids.get(i), match);
		}
		return scored;
	}

	@Override
	@PreAuthorize("hasAnyRole('INTAKE', 'CASE_MANAGER', 'SUPERVISOR', 'SYSTEM')")
	public java.util.List<DuplicateCandidate> possibleDuplicates(NewPatient p) {
		java.util.Map<PatientId, MatchScorer.Match> scored = scored(p);
		if (scored.isEmpty()) return java.util.List.of();
		java.util.Map<PatientId, PatientHeader> headers = load(java.util.List.copyOf(scored.keySet()));
		return scored.entrySet().stream()
			.filter(e -> headers.containsKey(e.getKey()))
			.map(e -> new DuplicateCandidate(headers.get(e.getKey()), e.getValue().score(),
					e.getValue().score() >= MatchScorer.PROBABLE, e.getValue().reasons()))
			.sorted(java.util.Comparator.comparingDouble(DuplicateCandidate::score).reversed())
			.limit(10)
			.toList();
	}

	@Override
	@Transactional(readOnly = true)
	public java.util.Optional<PatientId> byIdentifier(String value) {
		return jdbc.sql("""
				select distinct i.patient_id from patient_identifier i join patient p on p.id = i.patient_id
				where upper(i.value) = upper(?) and not p.voided""")
			.param(value.trim())
			.query((rs, n) -> new PatientId(rs.getObject(1, UUID.class)))
			.list()
			.stream()
			.reduce((a, b) -> {
				throw new DomainException("patient.identifier-ambiguous", "several patients hold " + value, value);
			});
	}

	@Override
	@Transactional(readOnly = true)
	@PreAuthorize("hasRole('SYSTEM')")
	public FeedMatch.Result match(FeedMatch.Query query) {
		java.util.Set<PatientId> byId = new java.util.LinkedHashSet<>();
		for (FeedMatch.Identifier id : query.identifiers()) {
			String authority = id.authority() == null ? null : id.authority().trim();
			byId.addAll(jdbc.sql("""
					select distinct i.patient_id from patient_identifier i join patient p on p.id = i.patient_id
					where upper(i.value) = upper(:value) and not p.voided
					  and (cast(:authority as text) is null or upper(i.assigner) = upper(:authority)
					       or i.system ilike '%:' || lower(regexp_replace(:authority, '[^A-Za-z0-9]+', '-', 'g')))""")
				.param("value", id.value().trim())
				.param("authority", authority)
				.query((rs, n) -> new PatientId(rs.getObject(1, UUID.class)))
				.list());
		}
		if (byId.size() == 1) {
			return new FeedMatch.Result(FeedMatch.How.IDENTIFIER, byId.iterator().next(), java.util.List.of());
		}
		if (byId.size() > 1) {
			return new FeedMatch.Result(FeedMatch.How.AMBIGUOUS, null, java.util.List.copyOf(byId));
		}
		if (query.familyName() == null || query.givenName() == null || query.birthDate() == null) {
			return new FeedMatch.Result(FeedMatch.How.NONE, null, java.util.List.of());
		}
		java.util.List<PatientId> byPerson = jdbc.sql("""
				select id from patient where not voided and lower(family_name) = lower(?) and lower(given_name) = lower(?)
				  and birth_date = ?""")
			.params(query.familyName().trim(), query.givenName().trim(), query.birthDate())
			.query((rs, n) -> new PatientId(rs.getObject(1, UUID.class)))
			.list();
		if (byPerson.size() == 1) {
			return new FeedMatch.Result(FeedMatch.How.DEMOGRAPHICS, byPerson.get(0), java.util.List.of());
		}
		return new FeedMatch.Result(byPerson.isEmpty() ? FeedMatch.How.NONE
				: FeedMatch.How.AMBIGUOUS, null, byPerson);
	}

	@Override
	@PreAuthorize("hasAnyRole('INTAKE', 'SUPERVISOR', 'SYSTEM')")
	public void merge(PatientId survivor, PatientId merged, String reason) {
		if (survivor.equals(merged)) throw new DomainException("patient.merge-same", "a record cannot merge with itself");
		if (reason == null || reason.isBlank()) throw new DomainException("patient.merge-reason", "a reason is required");
		for (PatientId id : java.util.List.of(survivor, merged)) {
			boolean active = jdbc.sql("select count(*) from patient where id = ? and not voided").param(id.value())
				.query(Long.class).single() > 0;
			if (!active) throw new org.caremap.shared.NotFoundException("patient", id);
		}
		// the surviving record must be open to the user; the duplicate too, unless it is a bare registration
		// that nobody cares for yet (the usual duplicate: registered again at intake)
		access.require(survivor, AccessPurpose.REGISTER);
		if (access.cared(merged) || !access.permits(merged, AccessPurpose.REGISTER)) {
			if (access.cared(merged)) access.require(merged, AccessPurpose.REGISTER);
		}
		String actor = CurrentActor.name();
		for (String table : java.util.List.of("patient_identifier", "patient_condition", "patient_contact", "patient_coverage",
				"patient_provider")) {
			jdbc.sql("update " + table + " set patient_id = ? where patient_id = ?").params(survivor.value(), merged.value())
				.update();
		}
		jdbc.sql("""
				update patient set voided = true, voided_by = ?, void_reason = ?, merged_into = ?, updated_at = now(),
				       updated_by = ? where id = ?""")
			.params(actor, "merged: " + reason.trim(), survivor.value(), actor, merged.value())
			.update();
		relationships.repoint(merged, survivor);
		events.publishEvent(new PatientsMerged(survivor, merged, reason.trim()));
		audit.record(new AuditEntry("MERGE", "Patient", merged + "->" + survivor, survivor,
				org.caremap.audit.AuditOutcome.SUCCESS, reason.trim()));
	}


	@Override
	@Transactional(readOnly = true)
	public long count() {
		return jdbc.sql("select count(*) from patient where not voided").query(Long.class).single();
	}
}
