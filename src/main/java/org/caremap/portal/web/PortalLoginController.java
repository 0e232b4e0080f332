package org.caremap.portal.web;

import jakarta.servlet.http.HttpSession;

import org.caremap.identity.PortalPrincipal;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The portal's sign-in page: one message for every refused sign-in, or that the session ended. */
@Controller
class PortalLoginController {

	@GetMapping("/portal/login")
	String login(@RequestParam(required = false) @Nullable String error,
			@RequestParam(required = false) @Nullable String expired,
			@RequestParam(required = false) @Nullable String signedOut, @Nullable HttpSession session, Model model) {
		if (PortalPrincipal.get().isPresent() && error == null) return "redirect:/portal";
		String errorKey = null;
		if (error != null) errorKey = "throttled".equals(error) ? "portal.login.throttled" : "portal.login.error";
		model.addAttribute("errorKey", errorKey);
		model.addAttribute("infoKey", expired != null ? "portal.login.expired" : signedOut != null ? "portal.login.signedOut" : null);
		Object last = session == null ? null : session.getAttribute("caremap.portal.lastLogin");
		model.addAttribute("username", last == null ? "" : last.toString());
		return "portal/login";
	}
}
