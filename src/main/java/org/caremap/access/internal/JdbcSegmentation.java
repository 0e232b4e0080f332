package org.caremap.access.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.caremap.access.DisclosureConsents.Purpose;
import org.caremap.access.Part2Care;
import org.caremap.access.Part2ConsentUsed;
import org.caremap.access.Part2Segment;
import org.caremap.access.Part2Segment.Reach;
import org.caremap.access.Segmentation;
import org.caremap.identity.CurrentUser;
import org.caremap.identity.PortalPrincipal;
import org.caremap.organization.Organizations;
import org.caremap.shared.PatientId;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The one decision on 42 CFR Part 2 records: the patients' Part 2 cases from the modules that know them, then the
 * reader's ground, in at most three queries for any number of patients: inside the program (the modules that know
 * case managers and case teams say), a consent in force naming the reader, or an emergency grant. A use under a
 * consent is recorded once a day per consent and reader: in a web request's read transaction, with it; else in its own.
 */
@Service
@Transactional(readOnly = true)
class JdbcSegmentation implements Segmentation {

	/** The system-client prefix Caremap gives API clients acting for themselves. */
	static final String API = "system:api:";

	private final JdbcClient jdbc;
	private final ObjectProvider<Part2Care> cares;
	private final Organizations organizations;
	private final ApplicationEventPublisher events;
	private final TransactionTemplate own;

	JdbcSegmentation(JdbcClient jdbc, ObjectProvider<Part2Care> cares, Organizations organizations,
			ApplicationEventPublisher events, PlatformTransactionManager transactions) {
		this.jdbc = jdbc;
		this.cares = cares;
		this.organizations = organizations;
		this.events = events;
		this.own = new TransactionTemplate(transactions);
		this.own.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
	}

	/**
	 * Decided once per reading request and patient (a page asks from its header, its lists and its timeline); else
	 * each time.
	 */
	@Override
	public Part2Segment part2(PatientId patient) {
		return org.caremap.shared.RequestMemo.get("part2:" + patient.value(), () -> part2(Set.of(patient)).get(patient));
	}

	@Override
	public Map<PatientId, Part2Segment> part2(Collection<PatientId> patients) {
		Map<PatientId, Part2Segment> out = new LinkedHashMap<>();
		if (patients.isEmpty()) return out;
		Set<PatientId> distinct = new java.util.LinkedHashSet<>(patients);
		Map<PatientId, Set<UUID>> cases = new HashMap<>();
		for (Part2Care care : cares) {
			care.part2Cases(distinct).forEach((p, c) -> cases.computeIfAbsent(p, k -> new HashSet<>()).addAll(c));
		}
		Map<PatientId, Ground> grounds = grounds(distinct);
		for (PatientId patient : distinct) {
			Ground g = grounds.getOrDefault(patient, Ground.WITHHELD);
			out.put(patient, new Part2Segment(cases.getOrDefault(patient, Set.of()), g.reach(), g.consent(), g.reason()));
		}
		return out;
	}

	/** A reader's ground on one patient, with what recording a use under a consent needs. */
	private record Ground(Reach reach, @Nullable UUID consent, @Nullable String reason, @Nullable String recipient,
			@Nullable String what, @Nullable String purpose) {

		static final Ground WITHHELD = new Ground(Reach.WITHHELD, null, null, null, null, null);

		static Ground of(Reach reach) {
			return new Ground(reach, null, null, null, null, null);
		}
	}

	private Map<PatientId, Ground> grounds(Set<PatientId> patients) {
		Map<PatientId, Ground> out = new HashMap<>();
		Authentication auth = SecurityContextHolder.getContext().getAuthentication();
		if (auth == null || !auth.isAuthenticated()) return out;
		String name = auth.getName();
		UUID[] ids = patients.stream().map(PatientId::value).toArray(UUID[]::new);
		LocalDate today = organizations.today();
		if (name.startsWith(API)) {
			// a system calling the API sees them only under a consent naming it
			String client = name.substring(API.length());
			consents("recipient_kind = 'API_CLIENT' and recipient_key = :key", Map.of("key", client), ids, today, false)
				.forEach(out::put);
			recordUses(out, client);
			return out;
		}
		if (name.startsWith("system:")) {
			for (PatientId p : patients) out.put(p, Ground.of(Reach.CAREMAP));
			return out;
		}
		if (auth.getPrincipal() instanceof PortalPrincipal portal) {
			// the patient reads their own records; a proxy is someone else, who needs the patient's consent
			if (!portal.proxy() && patients.contains(portal.patient())) out.put(portal.patient(), Ground.of(Reach.PATIENT));
			return out;
		}
		CurrentUser user = CurrentUser.get().orElse(null);
		if (user == null) return out;
		for (Part2Care care : cares) {
			for (PatientId p : care.insideAmong(user.id(), patients)) out.put(p, Ground.of(Reach.INSIDE));
		}
		if (out.size() == patients.size()) return out;
		UUID[] rest = patients.stream().filter(p -> !out.containsKey(p)).map(PatientId::value).toArray(UUID[]::new);
		Map<PatientId, Ground> consented = consents("recipient_kind = 'STAFF' and recipient_user = :user",
				Map.of("user", user.id().value()), rest, today, true);
		out.putAll(consented);
		recordUses(consented, user.getUsername());
		UUID[] left = patients.stream().filter(p -> !out.containsKey(p)).map(PatientId::value).toArray(UUID[]::new);
		if (left.length > 0) {
			jdbc.sql("""
					select distinct on (patient_id) patient_id, reason from break_glass
					where user_id = :user and patient_id = any(:patients) and expires_at > now()
					order by patient_id, expires_at desc""")
				.param("user", user.id().value())
				.param("patients", left)
				.query((rs, n) -> {
					out.put(new PatientId(rs.getObject(1, UUID.class)),
							new Ground(Reach.BREAK_GLASS, null, rs.getString(2), null, null, null));
					return null;
				})
				.list();
		}
		return out;
	}

	/** The consents in force today naming this recipient, one per patient (the one lasting longest). */
	private Map<PatientId, Ground> consents(String recipient, Map<String, Object> params, UUID[] patients, LocalDate today,
			boolean treatmentOnly) {
		Map<PatientId, Ground> out = new HashMap<>();
		if (patients.length == 0) return out;
		String purposes = treatmentOnly
				? "and purpose in ('" + Purpose.TREATMENT.name() + "', '" + Purpose.TREATMENT_PAYMENT_OPERATIONS.name() + "')"
				: "and purpose not in ('" + Purpose.RESEARCH.name() + "', '" + Purpose.OTHER.name() + "')";
		jdbc.sql("""
				select distinct on (patient_id) patient_id, id, recipient_name, what, purpose, purpose_text from part2_consent
				where status = 'ACTIVE' and %s and patient_id = any(:patients)
				  and valid_from <= :today and valid_until >= :today %s
				order by patient_id, valid_until desc, id""".formatted(recipient, purposes))
			.params(params)
			.param("patients", patients)
			.param("today", today)
			.query((rs, n) -> {
				out.put(new PatientId(rs.getObject("patient_id", UUID.class)), consented(rs));
				return null;
			})
			.list();
		return out;
	}

	private static Ground consented(ResultSet rs) throws SQLException {
		// a purpose of the list by its name (the disclosure's page words it); one the consent described as written
		String purpose = rs.getString("purpose_text") != null ? rs.getString("purpose_text") : rs.getString("purpose");
		return new Ground(Reach.CONSENT, rs.getObject("id", UUID.class), null, rs.getString("recipient_name"),
				rs.getString("what"), purpose);
	}

	/** Each consent used by this reader today is recorded once (a disclosure on the patient's record). */
	private void recordUses(Map<PatientId, Ground> consented, String reader) {
		if (consented.isEmpty()) return;
		LocalDate today = organizations.today();
		// most reads come after today's use is on record: only a new one costs a write
		Set<UUID> known = new HashSet<>(jdbc.sql("""
				select consent_id from part2_consent_use where recipient = ? and used_on = ? and consent_id = any(?)""")
			.params(reader, today, consented.values().stream().map(Ground::consent).toArray(UUID[]::new))
			.query(UUID.class).list());
		Map<PatientId, Ground> fresh = new HashMap<>();
		consented.forEach((patient, g) -> {
			if (!known.contains(g.consent())) fresh.put(patient, g);
		});
		if (fresh.isEmpty()) return;
		// in a reading request, with the request's transaction (which asking for a second connection of the pool while
		// it holds one could wait on); elsewhere in a transaction of its own, so a change that fails does not take the
		// record of the use with it
		org.springframework.transaction.support.TransactionOperations tx =
				org.springframework.transaction.support.TransactionSynchronizationManager.isCurrentTransactionReadOnly()
						? org.springframework.transaction.support.TransactionOperations.withoutTransaction() : own;
		tx.executeWithoutResult(status -> fresh.forEach((patient, g) -> {
			int added = jdbc.sql("""
					insert into part2_consent_use (consent_id, recipient, used_on) values (?, ?, ?)
					on conflict do nothing""")
				.params(g.consent(), reader, today)
				.update();
			if (added == 1) {
				events.publishEvent(new Part2ConsentUsed(g.consent(), patient, g.recipient(), g.what(), g.purpose(), today));
			}
		}));
	}
}
