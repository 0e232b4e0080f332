package org.caremap.portal.web;

import java.util.List;
import java.util.UUID;

import org.caremap.identity.PortalPrincipal;
import org.caremap.patient.PatientRegistry;
import org.caremap.patient.SupportContact;
import org.caremap.patient.SupportNetwork;
import org.caremap.portal.PortalAccounts;
import org.caremap.portal.PortalInvitations;
import org.caremap.portal.PortalSection;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Who sees what (the patient only): each support-network contact, what they may be told, and whether they have a
 * portal account; the patient changes a contact's level or takes it away (NOTHING), effective at the contact's
 * next request (the portal's rule reads the level each time).
 */
@Controller
class PortalSharingController {

	/** A contact as the sharing page shows them. */
	record Contact(UUID id, String name, String relationship, SupportContact.Disclosure told, boolean hasAccount) {
	}

	private final PortalAccounts accounts;
	private final PortalInvitations invitations;
	private final PatientRegistry patients;
	private final SupportNetwork network;

	PortalSharingController(PortalAccounts accounts, PortalInvitations invitations, PatientRegistry patients,
			SupportNetwork network) {
		this.accounts = accounts;
		this.invitations = invitations;
		this.patients = patients;
		this.network = network;
	}

	private PortalPrincipal require() {
		PortalPrincipal me = PortalPrincipal.get().orElseThrow(() -> new AccessDeniedException("not a portal session"));
		if (me.proxy() || !accounts.sections(me).contains(PortalSection.SHARING)) {
			throw new AccessDeniedException("only the patient decides who sees what");
		}
		return me;
	}

	@GetMapping("/portal/sharing")
	String sharing(Model model) {
		PortalPrincipal me = require();
		List<UUID> withAccount = invitations.ofPatient(me.patient()).stream()
			.filter(a -> a.status() == org.caremap.portal.PortalAccountView.Status.ACTIVE && a.supportContact() != null)
			.map(a -> a.supportContact()).toList();
		List<Contact> contacts = patients.details(me.patient()).orElseThrow().network().stream()
			.filter(c -> c.id() != null)
			.map(c -> new Contact(c.id(), c.name(), c.relationship(), c.mayBeTold(), withAccount.contains(c.id())))
			.toList();
		model.addAttribute("contacts", contacts);
		model.addAttribute("levels", List.of(SupportContact.Disclosure.values()));
		return "portal/sharing";
	}

	@PostMapping("/portal/sharing/{contact}")
	String change(@PathVariable UUID contact, @RequestParam SupportContact.Disclosure level, RedirectAttributes redirect) {
		PortalPrincipal me = require();
		if (!network.changeDisclosure(me.patient(), contact, level)) {
			redirect.addFlashAttribute("flashError", "portal.sharing.notFound");
		}
		else {
			redirect.addFlashAttribute("flash", level == SupportContact.Disclosure.NOTHING ? "portal.sharing.stopped"
					: "portal.sharing.changed");
		}
		return "redirect:/portal/sharing";
	}
}
