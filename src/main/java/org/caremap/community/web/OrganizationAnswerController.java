package org.caremap.community.web;

import org.caremap.community.OrganizationLinks;
import org.caremap.community.ReferralOutcome;
import org.caremap.community.ReferralStatus;
import org.caremap.shared.DomainException;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import jakarta.servlet.http.HttpServletResponse;

/**
 * The organisation's page behind its single-referral link: no Caremap account, only this referral and only what the
 * patient consented to share, and its answers (accept, decline with a reason, in progress, close with the outcome).
 * An unknown, replaced or expired link shows a page that says so (and nothing else); the community module audits every
 * view and answer with the organisation as the actor.
 */
@Controller
@RequestMapping("/community/answer/{token}")
class OrganizationAnswerController {

	private final OrganizationLinks links;

	OrganizationAnswerController(OrganizationLinks links) {
		this.links = links;
	}

	@GetMapping
	String open(@PathVariable String token, Model model, HttpServletResponse response) {
		try {
			model.addAttribute("p", links.open(token));
			model.addAttribute("token", token);
			return "community/answer";
		}
		catch (DomainException ex) {
			return refused(ex, model, response);
		}
	}

	private static String refused(DomainException ex, Model model, HttpServletResponse response) {
		response.setStatus("community.link-expired".equals(ex.code()) ? HttpStatus.GONE.value() : HttpStatus.NOT_FOUND.value());
		model.addAttribute("problem", "error." + ex.code());
		return "community/answer-refused";
	}

	@PostMapping
	String answer(@PathVariable String token, @RequestParam(required = false) @Nullable String answer,
			@RequestParam(required = false) @Nullable String reason, @RequestParam(required = false) @Nullable String outcome,
			@RequestParam(required = false) @Nullable String note, Model model, HttpServletResponse response,
			RedirectAttributes redirect) {
		try {
			ReferralStatus.Action action = CommunityReferralController.parse(answer);
			// the link is checked before anything sent with it; an outcome that is none of ours counts as none
			ReferralOutcome closed = null;
			try {
				closed = CommunityReferralController.outcome(outcome);
			}
			catch (DomainException ex) {
				closed = null;
			}
			links.answer(token, action, reason, closed, note);
			redirect.addFlashAttribute("flash", "community.answer.thanks");
			return "redirect:/community/answer/" + token;
		}
		catch (DomainException ex) {
			if ("community.link-unknown".equals(ex.code()) || "community.link-expired".equals(ex.code())) {
				return refused(ex, model, response);
			}
			redirect.addFlashAttribute("flashError", "error." + ex.code());
			redirect.addFlashAttribute("flashArgs", ex.arguments());
			return "redirect:/community/answer/" + token;
		}
	}
}
