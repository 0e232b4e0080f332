package org.caremap.portal.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.caremap.identity.PortalPrincipal;
import org.caremap.identity.SignInRules;
import org.caremap.portal.PortalInvitations;
import org.caremap.shared.DomainException;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Accepting an invitation (anyone with the code or the link): the invitee chooses a sign-in name and a password,
 * then signs in. Wrong codes count against the address like failed sign-ins.
 */
@Controller
class PortalWelcomeController {

	record WelcomeForm(@NotBlank @Size(max = 100) String code, @NotBlank @Size(min = 3, max = 254) String login,
			@NotBlank @Size(max = 128) String password, @NotBlank @Size(max = 128) String confirm) {
	}

	private final PortalInvitations invitations;
	private final SignInRules rules;

	PortalWelcomeController(PortalInvitations invitations, SignInRules rules) {
		this.invitations = invitations;
		this.rules = rules;
	}

	@GetMapping("/portal/welcome")
	String welcome(Model model) {
		if (!model.containsAttribute("welcomeForm")) model.addAttribute("welcomeForm", new WelcomeForm("", "", "", ""));
		model.addAttribute("minLength", rules.passwordMinLength());
		model.addAttribute("fromLink", false);
		return "portal/welcome";
	}

	/** The e-mailed link: the code is in the address, so the person only chooses a name and password. */
	@GetMapping("/portal/welcome/{token}")
	String link(@PathVariable String token, Model model) {
		model.addAttribute("welcomeForm", new WelcomeForm(token.length() > 100 ? "" : token, "", "", ""));
		model.addAttribute("minLength", rules.passwordMinLength());
		model.addAttribute("fromLink", true);
		return "portal/welcome";
	}

	@PostMapping("/portal/welcome")
	String accept(@Valid @ModelAttribute("welcomeForm") WelcomeForm form, BindingResult errors, Model model,
			HttpServletRequest request, RedirectAttributes redirect) {
		if (!errors.hasFieldErrors("password") && !errors.hasFieldErrors("confirm")
				&& !form.password().equals(form.confirm())) {
			errors.rejectValue("confirm", "portal.password.mismatch");
		}
		if (!errors.hasErrors()) {
			try {
				invitations.accept(form.code(), form.login(), form.password(), request.getRemoteAddr());
				redirect.addFlashAttribute("flash", "portal.welcome.done");
				return "redirect:/portal/login";
			}
			catch (DomainException ex) {
				String field = ex.code().startsWith("password.") ? "password"
						: ex.code().startsWith("portal.login") ? "login" : "code";
				if (ex.code().equals("portal.login.throttled")) field = "code";
				// the password rules in the portal's own words (and Spanish)
				String key = ex.code().startsWith("password.") ? "portal." + ex.code() : ex.code();
				errors.rejectValue(field, key, new Object[] { rules.passwordMinLength() }, key);
			}
		}
		model.addAttribute("minLength", rules.passwordMinLength());
		model.addAttribute("fromLink", false);
		return "portal/welcome";
	}

}
