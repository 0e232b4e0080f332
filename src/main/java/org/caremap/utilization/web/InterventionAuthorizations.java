package org.caremap.utilization.web;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.caremap.access.AccessPurpose;
import org.caremap.audit.AuditEntry;
import org.caremap.audit.AuditOutcome;
import org.caremap.audit.AuditTrail;
import org.caremap.chart.ChartHeader;
import org.caremap.chart.ChartPart;
import org.caremap.chart.InterventionNotes;
import org.caremap.organization.Organizations;
import org.caremap.shared.PatientId;
import org.caremap.utilization.AuthorizationStatus;
import org.caremap.utilization.LineDecision;
import org.caremap.utilization.UnitKind;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The care plan knows its authorizations: beside each intervention that depends on an authorization line, its units
 * left and expiry, and a warning when the authorization is missing, waiting, denied, expiring, expired or used up;
 * beside the others that a provider, a community service or the case manager carries out, a link to request one
 * (prefilled from the intervention) and a way to name the line it depends on. The patient's copy says what the
 * insurer approved in plain words. Read from this module's tables, after the care plan opened the patient's record.
 */
@Component
class InterventionAuthorizations implements InterventionNotes {

	/** The line an intervention depends on, with its request's state. */
	record Linked(UUID authorization, AuthorizationStatus status, String payer, String service, String code,
			LineDecision decision, @Nullable Integer approved, int used, UnitKind unitKind, @Nullable LocalDate approvedFrom,
			@Nullable LocalDate approvedTo, @Nullable Instant decisionDue) {

		public int left() {
			return Math.max(0, (approved == null ? 0 : approved) - used);
		}
	}

	/** A line an intervention may be linked to. */
	record Choice(UUID line, String label) {
	}

	/** What the fragment shows beside one intervention. */
	record Note(UUID patient, UUID intervention, String text, boolean mayContribute, @Nullable Linked linked,
			boolean needed, List<Warning> warnings, List<Choice> choices) {
	}

	/** A warning: its message key and argument. */
	record Warning(String key, @Nullable String argument, boolean danger) {
	}

	private static final Set<String> ASKABLE_OWNERS = Set.of("PROVIDER", "COMMUNITY", "CASE_MANAGER");

	private final JdbcClient jdbc;
	private final AuditTrail audit;
	private final Organizations organizations;

	InterventionAuthorizations(JdbcClient jdbc, AuditTrail audit, Organizations organizations) {
		this.jdbc = jdbc;
		this.audit = audit;
		this.organizations = organizations;
	}

	private ZoneId zone() {
		return organizations.primary().map(o -> o.zone()).orElse(ZoneOffset.UTC);
	}

	/** Each need of these interventions: the line (if named) with its request. */
	private Map<UUID, @Nullable Linked> needs(PatientId patient, List<UUID> interventions) {
		Map<UUID, @Nullable Linked> out = new HashMap<>();
		if (interventions.isEmpty()) return out;
		jdbc.sql("""
				select n.intervention_id, r.id, r.status, r.payer, r.service, l.code, l.decision, l.units_approved, l.units_used,
				       l.unit_kind, l.approved_from, l.approved_to, r.decision_due_at
				from authorization_need n
				left join authorization_line l on l.id = n.line_id
				left join authorization_request r on r.id = l.authorization_id and not r.voided
				where n.patient_id = ? and n.intervention_id = any(?)""")
			.params(patient.value(), interventions.toArray(UUID[]::new))
			.query((rs, n) -> {
				UUID authorization = rs.getObject(2, UUID.class);
				java.time.OffsetDateTime due = rs.getObject(13, java.time.OffsetDateTime.class);
				out.put(rs.getObject(1, UUID.class), authorization == null ? null
						: new Linked(authorization, AuthorizationStatus.valueOf(rs.getString(3)), rs.getString(4), rs.getString(5),
								rs.getString(6), LineDecision.valueOf(rs.getString(7)), (Integer) rs.getObject(8), rs.getInt(9),
								UnitKind.valueOf(rs.getString(10)), rs.getObject(11, LocalDate.class), rs.getObject(12, LocalDate.class),
								due == null ? null : due.toInstant()));
				return 1;
			})
			.list();
		return out;
	}

	@Override
	public Map<UUID, List<ChartPart>> about(ChartHeader header, List<Intervention> interventions) {
		PatientId patient = header.patient();
		boolean contribute = header.may(AccessPurpose.CONTRIBUTE.name());
		Map<UUID, @Nullable Linked> needs = needs(patient, interventions.stream().map(Intervention::id).toList());
		List<Choice> choices = contribute ? choices(patient) : List.of();
		LocalDate today = LocalDate.now(zone());
		Map<UUID, List<ChartPart>> out = new HashMap<>();
		for (Intervention i : interventions) {
			boolean needed = needs.containsKey(i.id());
			if (!needed && !(i.active() && ASKABLE_OWNERS.contains(i.owner()) && contribute)) continue;
			Linked linked = needs.get(i.id());
			out.put(i.id(), List.of(new ChartPart(10, "utilization/parts", "intervention",
					new Note(patient.value(), i.id(), i.text(), contribute, linked, needed, needed ? warnings(linked, today, zone()) : List.of(),
							choices))));
		}
		if (!needs.isEmpty()) {
			audit.record(new AuditEntry("READ", "Claim", null, patient, AuditOutcome.SUCCESS, "authorizations of the care plan"));
		}
		return out;
	}

	/** The patient's lines still worth depending on (not withdrawn or denied), for the link form. */
	private List<Choice> choices(PatientId patient) {
		return jdbc.sql("""
				select l.id, r.service, l.code, r.payer, r.status from authorization_line l
				join authorization_request r on r.id = l.authorization_id
				where r.patient_id = ? and not r.voided and r.status not in ('WITHDRAWN') and l.decision <> 'DENIED'
				order by r.created_at desc, l.position limit 50""")
			.param(patient.value())
			.query((rs, n) -> new Choice(rs.getObject(1, UUID.class), rs.getString(2) + " · " + rs.getString(3) + " · " + rs.getString(4)))
			.list();
	}

	/** What is wrong with the authorization an intervention depends on, most serious first. */
	static List<Warning> warnings(@Nullable Linked l, LocalDate today, ZoneId zone) {
		Locale locale = org.springframework.context.i18n.LocaleContextHolder.getLocale();
		List<Warning> out = new ArrayList<>();
		if (l == null || l.status() == AuthorizationStatus.DRAFT || l.status() == AuthorizationStatus.WITHDRAWN) {
			out.add(new Warning("authorization.warn.missing", null, true));
			return out;
		}
		if (l.status().awaitingDecision()) {
			out.add(new Warning("authorization.warn.waiting",
					l.decisionDue() == null ? "" : org.caremap.shared.DateTexts.dayTime(l.decisionDue().atZone(zone), locale), false));
			return out;
		}
		if (l.status() == AuthorizationStatus.DENIED || l.decision() == LineDecision.DENIED) {
			out.add(new Warning("authorization.warn.denied", null, true));
			return out;
		}
		if (l.status() == AuthorizationStatus.EXPIRED || (l.approvedTo() != null && l.approvedTo().isBefore(today))) {
			out.add(new Warning("authorization.warn.expired", day(l.approvedTo(), locale), true));
			return out;
		}
		if (l.approved() != null && l.used() >= l.approved()) out.add(new Warning("authorization.warn.usedUp", null, true));
		else if (l.approved() != null && l.used() * 100 >= l.approved() * 80) out.add(new Warning("authorization.warn.runningOut", String.valueOf(l.left()), false));
		if (l.approvedTo() != null && !l.approvedTo().isAfter(today.plusDays(30))) {
			out.add(new Warning("authorization.warn.expiring", day(l.approvedTo(), locale), false));
		}
		return out;
	}

	private static String day(@Nullable LocalDate day, Locale locale) {
		return day == null ? "" : org.caremap.shared.DateTexts.day(day, locale);
	}

	@Override
	public Map<UUID, List<String>> forPatient(PatientId patient, List<UUID> interventions, String language, LocalDate today) {
		Map<UUID, List<String>> out = new HashMap<>();
		boolean es = "es".equals(language);
		DateTimeFormatter day = DateTimeFormatter.ofPattern(es ? "d 'de' MMMM 'de' yyyy" : "MMMM d, yyyy", Locale.forLanguageTag(es ? "es" : "en"));
		needs(patient, interventions).forEach((id, l) -> {
			if (l == null) return;
			String said = switch (l.status()) {
				case SUBMITTED, PENDED -> es ? "Pedimos a su seguro (" + l.payer() + ") que apruebe este servicio y esperamos la respuesta."
						: "We asked your insurance (" + l.payer() + ") to approve this service and are waiting for the answer.";
				case DENIED -> es ? "Su seguro (" + l.payer() + ") no aprobó este servicio. Hablaremos con usted sobre una apelación."
						: "Your insurance (" + l.payer() + ") did not approve this service. We will talk with you about an appeal.";
				case EXPIRED -> es ? "La aprobación de su seguro (" + l.payer() + ") para este servicio terminó."
						: "Your insurance (" + l.payer() + ") approval for this service has ended.";
				case APPROVED, PARTIALLY_APPROVED -> {
					if (l.decision() == LineDecision.DENIED || l.approved() == null) {
						yield es ? "Su seguro (" + l.payer() + ") no aprobó esta parte del servicio."
								: "Your insurance (" + l.payer() + ") did not approve this part of the service.";
					}
					String units = units(l.unitKind(), l.approved(), es);
					String period = l.approvedFrom() == null || l.approvedTo() == null ? ""
							: (es ? " del " + day.format(l.approvedFrom()) + " al " + day.format(l.approvedTo())
									: " from " + day.format(l.approvedFrom()) + " to " + day.format(l.approvedTo()));
					yield es ? "Su seguro (" + l.payer() + ") aprobó " + units + period + ". Se usaron " + l.used() + "; quedan " + l.left() + "."
							: "Your insurance (" + l.payer() + ") approved " + units + period + ". " + l.used() + " used, " + l.left() + " left.";
				}
				case DRAFT, WITHDRAWN -> null;
			};
			if (said != null) out.put(id, List.of(said));
		});
		return out;
	}

	private static String units(UnitKind kind, int n, boolean es) {
		String word = switch (kind) {
			case VISIT -> es ? (n == 1 ? "visita" : "visitas") : (n == 1 ? "visit" : "visits");
			case DAY -> es ? (n == 1 ? "día" : "días") : (n == 1 ? "day" : "days");
			case UNIT -> es ? (n == 1 ? "unidad" : "unidades") : (n == 1 ? "unit" : "units");
			case HOUR -> es ? (n == 1 ? "hora" : "horas") : (n == 1 ? "hour" : "hours");
		};
		return n + " " + word;
	}
}
