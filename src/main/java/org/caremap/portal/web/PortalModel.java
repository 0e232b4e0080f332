package org.caremap.portal.web;

import org.caremap.identity.PortalPrincipal;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** What every portal page's layout shows: who is signed in (their name, the sign-out button). */
@ControllerAdvice(basePackages = "org.caremap.portal.web")
class PortalModel {

	@ModelAttribute
	void portal(Model model) {
		PortalPrincipal.get().ifPresent(principal -> model.addAttribute("portalUser", principal));
	}
}
