package org.caremap.portal.web;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import jakarta.servlet.http.HttpServletResponse;
import org.caremap.identity.PatientApps;
import org.caremap.identity.PortalPrincipal;
import org.caremap.organization.Organizations;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * SMART patient apps in the portal: the consent page the authorization server sends a patient to when an app asks
 * to read their record (which app, what it could see, for how long; allow or refuse, posted back to the
 * authorization endpoint), and the patient's connected apps, each of which they can disconnect. A proxy sees that
 * only the patient connects apps.
 */
@Controller
@RequestMapping("/portal/apps")
class PortalAppsController {

	private final PatientApps apps;
	private final Organizations organizations;

	PortalAppsController(PatientApps apps, Organizations organizations) {
		this.apps = apps;
		this.organizations = organizations;
	}

	private static boolean proxy() {
		return PortalPrincipal.get().map(PortalPrincipal::proxy).orElse(true);
	}

	@GetMapping
	String list(Model model, Locale locale) {
		if (proxy()) {
			model.addAttribute("proxy", true);
			model.addAttribute("apps", List.of());
		}
		else {
			model.addAttribute("proxy", false);
			DateTimeFormatter days = DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG).withLocale(locale);
			java.time.ZoneId zone = organizations.zone();
			model.addAttribute("apps", apps.approved().stream().map(a -> new AppRow(a.clientId(), a.name(), a.description(),
					a.scopes(), a.approvedAt().atZone(zone).toLocalDate().format(days),
					a.expiresAt().atZone(zone).toLocalDate().format(days),
					a.lastUsedAt() == null ? null : a.lastUsedAt().atZone(zone).toLocalDate().format(days))).toList());
		}
		return "portal/apps";
	}

	/** An approved app as the page shows it (dates in the reader's language, in the organisation's days). */
	record AppRow(String clientId, String name, String description, List<String> scopes, String approvedOn, String until,
			@Nullable String lastUsedOn) {
	}

	@PostMapping("/{clientId}/disconnect")
	String disconnect(@PathVariable String clientId, RedirectAttributes redirect) {
		// a proxy approves no app, so has none to disconnect
		if (clientId.length() > 100 || proxy()) return "redirect:/portal/apps";
		String name = apps.approved().stream().filter(a -> a.clientId().equals(clientId)).map(PatientApps.ApprovedApp::name)
			.findFirst().orElse(null);
		apps.revoke(clientId);
		if (name != null) {
			redirect.addFlashAttribute("disconnected", name);
		}
		return "redirect:/portal/apps";
	}

	/**
	 * Where the authorization server sends the patient to approve an app ({@code client_id}, {@code scope} and its
	 * own {@code state}); the answer goes back to the authorization endpoint.
	 */
	@GetMapping("/consent")
	String consent(@RequestParam(name = "client_id", required = false) @Nullable String clientId,
			@RequestParam(required = false) @Nullable String scope, @RequestParam(required = false) @Nullable String state,
			Model model, Locale locale, HttpServletResponse response) {
		PatientApps.PatientApp app = clientId == null || clientId.length() > 100 || state == null || state.length() > 500
				|| (scope != null && scope.length() > 2000) || proxy() ? null : apps.describe(clientId).orElse(null);
		if (app == null) {
			response.setStatus(HttpServletResponse.SC_NOT_FOUND);
			model.addAttribute("app", null);
			return "portal/apps-consent";
		}
		List<String> requested = scope == null ? List.of()
				: Arrays.stream(scope.split(" ")).filter(s -> !s.isBlank()).distinct().toList();
		model.addAttribute("app", app);
		model.addAttribute("scopes", requested);
		model.addAttribute("state", state);
		LocalDate until = organizations.today().plusDays(apps.approvalLifetime().toDays());
		model.addAttribute("until", until.format(DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG).withLocale(locale)));
		return "portal/apps-consent";
	}
}
