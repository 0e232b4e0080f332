package org.caremap.identity.web;

import jakarta.servlet.http.HttpSession;
import org.caremap.identity.CurrentUser;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The sign-in page: says in plain words why a sign-in failed, or that the session ended. */
@Controller
class LoginController {

	private final org.caremap.identity.internal.OidcProperties oidc;

	LoginController(org.caremap.identity.internal.OidcProperties oidc) {
		this.oidc = oidc;
	}

	@GetMapping("/login")
	String login(@RequestParam(required = false) @Nullable String error,
			@RequestParam(required = false) @Nullable String expired,
			@RequestParam(required = false) @Nullable String signedOut, @Nullable HttpSession session, Model model) {
		if (CurrentUser.get().isPresent() && error == null) return "redirect:/";
		String messageKey = null;
		if (error != null) {
			// one message whatever the reason, so the page never tells whether an account exists or is locked
			messageKey = switch (error) {
				case "throttled" -> "login.error.throttled";
				// after the organisation's provider: it said who the person is, so the page may say what Caremap found
				case "oidc-unknown" -> "login.error.oidcUnknown";
				case "oidc-disabled" -> "login.error.oidcDisabled";
				case "oidc-failed" -> "login.error.oidcFailed";
				default -> "login.error.bad";
			};
			if (messageKey.startsWith("login.error.oidc")) model.addAttribute("errorArgs", new Object[] { oidc.name() });
		}
		model.addAttribute("oidcName", oidc.enabled() ? oidc.name() : null);
		model.addAttribute("errorKey", messageKey);
		model.addAttribute("infoKey", expired != null ? "login.info.expired" : signedOut != null ? "login.info.signedOut" : null);
		Object last = session == null ? null : session.getAttribute("caremap.lastUsername");
		model.addAttribute("username", last == null ? "" : last.toString());
		return "identity/login";
	}
}
