package org.caremap.portal.web;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.caremap.appointment.AppointmentView;
import org.caremap.appointment.Appointments;
import org.caremap.careplan.CarePlanContent;
import org.caremap.careplan.CarePlanView;
import org.caremap.careplan.CarePlans;
import org.caremap.caseload.CaseStatus;
import org.caremap.caseload.CaseView;
import org.caremap.caseload.Cases;
import org.caremap.community.CommunityReferralView;
import org.caremap.community.CommunityReferrals;
import org.caremap.identity.PortalPrincipal;
import org.caremap.identity.UserAccounts;
import org.caremap.identity.UserView;
import org.caremap.medication.ListedMedication;
import org.caremap.medication.MedicationList;
import org.caremap.organization.Organizations;
import org.caremap.portal.PortalAccounts;
import org.caremap.portal.PortalSection;
import org.jspecify.annotations.Nullable;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The portal's reading pages, each shown only when the person may see that section (the patient: all; a proxy: what
 * the patient lets their contact be told); otherwise refused (403). Every read goes through the domain APIs, whose
 * one access check asks the portal's rule, so nobody reaches another patient's record from here.
 */
@Controller
class PortalPagesController {

	private final PortalAccounts accounts;
	private final CarePlans plans;
	private final Appointments appointments;
	private final MedicationList medications;
	private final Cases cases;
	private final UserAccounts users;
	private final Organizations organizations;
	private final CommunityReferrals referrals;

	PortalPagesController(PortalAccounts accounts, CarePlans plans, Appointments appointments, MedicationList medications,
			Cases cases, UserAccounts users, Organizations organizations, CommunityReferrals referrals) {
		this.accounts = accounts;
		this.plans = plans;
		this.appointments = appointments;
		this.medications = medications;
		this.cases = cases;
		this.users = users;
		this.organizations = organizations;
		this.referrals = referrals;
	}

	/** The signed-in principal, refused unless they may see this section now. */
	private PortalPrincipal require(PortalSection section) {
		PortalPrincipal me = PortalPrincipal.get().orElseThrow(() -> new AccessDeniedException("not a portal session"));
		if (!accounts.sections(me).contains(section)) {
			throw new AccessDeniedException("the portal account may not see " + section);
		}
		return me;
	}

	private DateTimeFormatter dateTimes(Locale locale) {
		return DateTimeFormatter.ofLocalizedDateTime(FormatStyle.FULL, FormatStyle.SHORT).withLocale(locale)
			.withZone(organizations.zone());
	}

	private static DateTimeFormatter dates(Locale locale) {
		return DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG).withLocale(locale);
	}

	@GetMapping("/portal/plan")
	String plan(Model model, Locale locale) {
		PortalPrincipal me = require(PortalSection.CARE_PLAN);
		model.addAttribute("plan", plans.patientCopyText(me.patient(), locale.getLanguage()).orElse(null));
		// each goal's progress, shown next to its words
		Map<UUID, CarePlanContent.Achievement> progress = plans.ofPatient(me.patient()).stream()
			.filter(p -> "ACTIVE".equals(p.status())).findFirst()
			.map(CarePlanView::content).map(CarePlanContent::goals).orElse(List.of()).stream()
			.collect(Collectors.toMap(CarePlanContent.Goal::id, CarePlanContent.Goal::achievement, (a, b) -> a));
		model.addAttribute("progress", progress);
		return "portal/plan";
	}

	/** An appointment as the portal shows it. */
	record AppointmentRow(UUID id, String kind, String when, @Nullable String with, @Nullable String place,
			@Nullable String address, @Nullable String reason, boolean transportArranged, boolean interpreter) {
	}

	@GetMapping("/portal/appointments")
	String appointments(Model model, Locale locale) {
		PortalPrincipal me = require(PortalSection.APPOINTMENTS);
		Instant now = Instant.now();
		DateTimeFormatter when = dateTimes(locale);
		List<AppointmentRow> rows = appointments.ofPatient(me.patient()).stream()
			.filter(a -> a.status().open() && a.end().isAfter(now))
			.sorted(Comparator.comparing(AppointmentView::start))
			.map(a -> new AppointmentRow(a.id(), a.kind().name(), when.format(a.start()),
					a.practitioner() != null ? a.practitioner() : a.organisation(), a.place(), a.address(), a.reason(),
					a.transportArranged(), a.interpreterNeeded()))
			.toList();
		model.addAttribute("appointments", rows);
		return "portal/appointments";
	}

	@GetMapping("/portal/medications")
	String medications(Model model) {
		PortalPrincipal me = require(PortalSection.MEDICATIONS);
		List<ListedMedication> active = medications.of(me.patient()).stream().filter(ListedMedication::active).toList();
		model.addAttribute("medications", active);
		return "portal/medications";
	}

	/** Who the case manager is and how to reach them. */
	record CareTeam(String caseManager, @Nullable String email, String organization, String since) {
	}

	@GetMapping("/portal/team")
	String team(Model model, Locale locale) {
		PortalPrincipal me = require(PortalSection.CARE_TEAM);
		Optional<CaseView> open = cases.ofPatient(me.patient()).stream()
			.filter(c -> c.status() != CaseStatus.CLOSED)
			.max(Comparator.comparing(CaseView::startDate));
		model.addAttribute("team", open.map(c -> {
			UserView manager = users.find(c.caseManager()).orElse(null);
			return new CareTeam(manager == null ? "" : manager.displayName(), manager == null ? null : manager.email(),
					organizations.primary().map(o -> o.name()).orElse(""), dates(locale).format(c.startDate()));
		}).orElse(null));
		return "portal/team";
	}

	/** A community referral as the portal shows it. */
	record ReferralRow(UUID id, String service, String organization, @Nullable String phone, @Nullable String address,
			@Nullable String hours, String status, String sent) {
	}

	@GetMapping("/portal/referrals")
	String referrals(Model model, Locale locale) {
		PortalPrincipal me = require(PortalSection.REFERRALS);
		ZoneId zone = organizations.zone();
		List<ReferralRow> rows = referrals.ofPatient(me.patient()).stream()
			.sorted(Comparator.comparing(CommunityReferralView::sentAt).reversed())
			.map(r -> new ReferralRow(r.id(), r.serviceName(), r.organizationName(), r.phone(), r.address(), r.hours(),
					r.status().name(), dates(locale).format(r.sentAt().atZone(zone).toLocalDate())))
			.toList();
		model.addAttribute("referrals", rows);
		return "portal/referrals";
	}

}
