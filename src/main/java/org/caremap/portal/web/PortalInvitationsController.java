package org.caremap.portal.web;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.caremap.chart.ChartHeader;
import org.caremap.chart.ChartHeaders;
import org.caremap.chart.ChartPage;
import org.caremap.chart.ChartTab;
import org.caremap.organization.Organizations;
import org.caremap.patient.PatientDetails;
import org.caremap.patient.SupportContact;
import org.caremap.platform.Languages;
import org.caremap.portal.PortalAccountView;
import org.caremap.portal.PortalInvitations;
import org.caremap.shared.DomainException;
import org.caremap.shared.PatientId;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The chart's portal tab (staff): who has a portal account (the patient, each support-network contact) and in what
 * state; inviting by e-mail or by a printed code; revoking. The module API checks REGISTER for changes.
 */
@ChartPage
@Controller
@RequestMapping("/patients")
class PortalInvitationsController {

	/** One row of the page: a person who may have an account, and their account if any. */
	record Person(@Nullable UUID contact, String name, String relation, @Nullable String email,
			SupportContact.@Nullable Disclosure told, @Nullable PortalAccountView account) {
	}

	private final ChartHeaders headers;
	private final PortalInvitations invitations;
	private final Organizations organizations;
	private final org.springframework.context.MessageSource messages;

	PortalInvitationsController(ChartHeaders headers, PortalInvitations invitations, Organizations organizations,
			org.springframework.context.MessageSource messages) {
		this.headers = headers;
		this.invitations = invitations;
		this.organizations = organizations;
		this.messages = messages;
	}

	@GetMapping("/{id}/portal")
	String page(@PathVariable UUID id, Model model) {
		ChartHeader header = headers.prepare(id, model, "portal");
		PatientDetails patient = header.value(PatientDetails.class).orElseThrow();
		List<PortalAccountView> accounts = invitations.ofPatient(new PatientId(id));
		Map<UUID, PortalAccountView> live = accounts.stream()
			.filter(a -> a.status() != PortalAccountView.Status.REVOKED)
			.collect(Collectors.toMap(a -> a.supportContact() == null ? id : a.supportContact(), Function.identity(),
					(a, b) -> a));
		List<Person> people = new java.util.ArrayList<>();
		people.add(new Person(null, patient.header().givenName() + " " + patient.header().familyName(), "", patient.email(),
				null, live.get(id)));
		for (SupportContact c : patient.network()) {
			people.add(new Person(c.id(), c.name(), c.relationship(), c.email(), c.mayBeTold(), live.get(c.id())));
		}
		model.addAttribute("people", people);
		model.addAttribute("revoked", accounts.stream().filter(a -> a.status() == PortalAccountView.Status.REVOKED).toList());
		model.addAttribute("zone", organizations.zone());
		return "portal/staff-accounts";
	}

	@PostMapping("/{id}/portal/invite")
	String invite(@PathVariable UUID id, @RequestParam(required = false) @Nullable UUID contact,
			@RequestParam PortalInvitations.Channel channel, @RequestParam(required = false) @Nullable String email,
			Model model, RedirectAttributes redirect) {
		ChartHeader header = headers.prepare(id, model, "portal");
		PatientDetails patient = header.value(PatientDetails.class).orElseThrow();
		String name;
		if (contact == null) name = patient.header().givenName() + " " + patient.header().familyName();
		else {
			name = patient.network().stream().filter(c -> contact.equals(c.id())).map(SupportContact::name).findFirst()
				.orElseThrow(() -> new DomainException("portal.contact.unknown", "not a contact of this patient"));
		}
		Locale language = Languages.supported(patient.header().preferredLanguage()).orElse(Languages.ENGLISH);
		PortalInvitations.Invitation invitation;
		try {
			invitation = invitations.invite(new PatientId(id), contact, name, channel, email, language);
		}
		catch (DomainException ex) {
			redirect.addFlashAttribute("flashError", ex.code());
			return "redirect:/patients/" + id + "/portal";
		}
		if (channel == PortalInvitations.Channel.EMAIL) {
			redirect.addFlashAttribute("flash", "portal.staff.invited");
			return "redirect:/patients/" + id + "/portal";
		}
		// the printed code is shown this once (only its hash is kept), in the invitee's language
		String expires = java.time.format.DateTimeFormatter.ofLocalizedDate(java.time.format.FormatStyle.LONG)
			.withLocale(language).format(invitation.expiresAt().atZone(organizations.zone()).toLocalDate());
		Map<String, String> t = new java.util.LinkedHashMap<>();
		for (String key : List.of("title", "for", "intro", "step1", "step2", "step3", "code", "keep", "print", "back")) {
			t.put(key, messages.getMessage("portal.print." + key, new Object[] { name, expires }, language));
		}
		model.addAttribute("t", t);
		model.addAttribute("code", invitation.code());
		model.addAttribute("lang", language.getLanguage());
		return "portal/staff-invitation-print";
	}

	@PostMapping("/{id}/portal/{account}/revoke")
	String revoke(@PathVariable UUID id, @PathVariable UUID account, RedirectAttributes redirect) {
		invitations.revoke(new PatientId(id), account);
		redirect.addFlashAttribute("flash", "portal.staff.revoked");
		return "redirect:/patients/" + id + "/portal";
	}

	/** The chart's portal tab, after the support network. */
	@Component
	static final class Tab implements ChartTab {

		@Override
		public String key() {
			return "portal";
		}

		@Override
		public int order() {
			return 95;
		}

		@Override
		public String path() {
			return "/portal";
		}
	}
}
