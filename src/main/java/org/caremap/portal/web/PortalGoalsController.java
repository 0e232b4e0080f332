package org.caremap.portal.web;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.caremap.careplan.CarePlanContent;
import org.caremap.careplan.CarePlanView;
import org.caremap.careplan.CarePlans;
import org.caremap.careplan.SharedPlanning;
import org.caremap.identity.PortalPrincipal;
import org.caremap.shared.DomainException;
import org.caremap.shared.PatientId;
import org.jspecify.annotations.Nullable;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Shared care planning in the portal: the patient proposes a goal in their own words and sees what the team answered,
 * and accepts or declines the goals the team proposed and the interventions it planned. {@link SharedPlanning} decides
 * who may (the patient themselves) and records each answer in the next version of the plan.
 */
@Controller
@RequestMapping("/portal/goals")
class PortalGoalsController {

	/** A goal as the patient writes it. */
	record PortalGoalForm(@NotBlank @Size(max = 500) @Nullable String text, @Size(max = 1000) @Nullable String why) {

		static PortalGoalForm empty() {
			return new PortalGoalForm(null, null);
		}
	}

	private final SharedPlanning sharing;
	private final CarePlans plans;

	PortalGoalsController(SharedPlanning sharing, CarePlans plans) {
		this.sharing = sharing;
		this.plans = plans;
	}

	private static PatientId patient() {
		return PortalPrincipal.get().map(PortalPrincipal::patient)
			.orElseThrow(() -> new AccessDeniedException("not a portal session"));
	}

	@GetMapping("/propose")
	String page(Model model) {
		PatientId patient = patient();
		List<SharedPlanning.Proposal> proposals = sharing.proposals(patient);
		model.addAttribute("proposals", proposals);
		Optional<CarePlanView> plan = plans.ofPatient(patient).stream().filter(p -> "ACTIVE".equals(p.status())).findFirst();
		model.addAttribute("plan", plan.orElse(null));
		model.addAttribute("goalsToAnswer", plan.map(p -> p.content().goals().stream()
			.filter(g -> g.lifecycle() == CarePlanContent.Lifecycle.PROPOSED).toList()).orElse(List.of()));
		model.addAttribute("interventionsToAnswer", plan.map(p -> p.content().interventions().stream()
			.filter(i -> i.status() == CarePlanContent.InterventionStatus.PLANNED && i.response() == null).toList()).orElse(List.of()));
		if (!model.containsAttribute("portalGoalForm")) model.addAttribute("portalGoalForm", PortalGoalForm.empty());
		return "portal/goals-propose";
	}

	@PostMapping("/propose")
	String propose(@Valid @ModelAttribute("portalGoalForm") PortalGoalForm form, BindingResult errors, Model model,
			RedirectAttributes redirect) {
		if (!errors.hasErrors()) {
			try {
				sharing.propose(patient(), form.text() == null ? "" : form.text(), form.why());
				redirect.addFlashAttribute("flash", "portal.goals.proposed");
				return "redirect:/portal/goals/propose";
			}
			catch (DomainException ex) {
				String field = switch (ex.code()) {
					case "careplan.proposal-text", "careplan.proposal-too-long" -> "text";
					case "careplan.proposal-why-too-long" -> "why";
					default -> null;
				};
				if (field != null) errors.rejectValue(field, "error." + ex.code(), ex.arguments(), ex.getMessage());
				else errors.reject("error." + ex.code(), ex.arguments(), ex.getMessage());
			}
		}
		return page(model);
	}

	@PostMapping("/{plan}/items/{item}")
	String answer(@PathVariable UUID plan, @PathVariable UUID item, @RequestParam(defaultValue = "") String answer,
			RedirectAttributes redirect) {
		PatientId patient = patient();
		try {
			// an answer that is neither is refused by the planning module, after it checked who asks
			CarePlanContent.Answer given = switch (answer) {
				case "ACCEPTED" -> CarePlanContent.Answer.ACCEPTED;
				case "DECLINED" -> CarePlanContent.Answer.DECLINED;
				default -> null;
			};
			sharing.respond(patient, plan, item, given);
			redirect.addFlashAttribute("flash", given == CarePlanContent.Answer.ACCEPTED ? "portal.goals.accepted" : "portal.goals.declined");
		}
		catch (DomainException ex) {
			redirect.addFlashAttribute("flashError", "error." + ex.code());
			redirect.addFlashAttribute("flashArgs", ex.arguments());
		}
		return "redirect:/portal/goals/propose";
	}
}
