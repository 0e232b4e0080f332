package org.caremap.identity.web;

import java.util.LinkedHashSet;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;
import org.caremap.identity.ApiClients;
import org.caremap.shared.DomainException;
import org.caremap.shared.NotFoundException;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/** Administration of the systems that call the API: register, rotate the secret, revoke. */
@Controller
@RequestMapping("/admin/api-clients")
class AdminApiClientsController {

	record ClientForm(@NotBlank @Size(max = 200) String name, @Size(max = 1000) @Nullable String description,
			@NotEmpty @Nullable Set<String> scopes, @Size(max = 1000) @Nullable String redirectUri, @Nullable Boolean confidential) {
	}

	private final ApiClients clients;

	AdminApiClientsController(ApiClients clients) {
		this.clients = clients;
	}

	@ModelAttribute("allScopes")
	java.util.List<String> allScopes() {
		return ApiClients.SCOPES;
	}

	@GetMapping
	String list(Model model) {
		model.addAttribute("clients", clients.list());
		return "identity/admin-api-clients";
	}

	@GetMapping("/new")
	String newClient(Model model) {
		model.addAttribute("form", new ClientForm("", "", new LinkedHashSet<>(), "", false));
		return "identity/admin-api-client-new";
	}

	@PostMapping("/new")
	String create(@Valid @ModelAttribute("form") ClientForm form, BindingResult errors, RedirectAttributes redirect) {
		if (errors.hasErrors()) return "identity/admin-api-client-new";
		try {
			ApiClients.Credentials issued = clients.register(new ApiClients.NewApiClient(form.name(),
					form.description() == null ? "" : form.description(), form.scopes() == null ? Set.of() : form.scopes(),
					form.redirectUri() == null || form.redirectUri().isBlank() ? null : form.redirectUri(),
					Boolean.TRUE.equals(form.confidential())));
			if (!issued.secret().isEmpty()) redirect.addFlashAttribute("secret", issued.secret());
			redirect.addFlashAttribute("flash", "admin.apiClients.registered");
			return "redirect:/admin/api-clients/" + issued.clientId();
		}
		catch (DomainException ex) {
			errors.rejectValue(ex.code().startsWith("api-client.name") ? "name"
					: ex.code().equals("api-client.redirect-uri") ? "redirectUri"
					: ex.code().equals("api-client.confidential") ? "confidential" : "scopes", "error." + ex.code(),
					ex.arguments(), ex.getMessage());
			return "identity/admin-api-client-new";
		}
	}

	@GetMapping("/{clientId}")
	String show(@PathVariable String clientId, Model model, HttpServletRequest request) {
		model.addAttribute("client", clients.find(clientId).orElseThrow(() -> new NotFoundException("api-client", clientId)));
		String base = ServletUriComponentsBuilder.fromContextPath(request).build().toUriString();
		model.addAttribute("tokenUrl", base + "/oauth2/token");
		model.addAttribute("adtUrl", base + "/api/hl7v2/adt");
		model.addAttribute("fhirUrl", base + "/fhir");
		model.addAttribute("authorizeUrl", base + "/oauth2/authorize");
		return "identity/admin-api-client";
	}

	@PostMapping("/{clientId}/rotate-secret")
	String rotate(@PathVariable String clientId, RedirectAttributes redirect) {
		try {
			redirect.addFlashAttribute("secret", clients.rotateSecret(clientId).secret());
			redirect.addFlashAttribute("flash", "admin.apiClients.rotated");
		}
		catch (DomainException ex) {
			if (ex instanceof NotFoundException) throw ex;
			redirect.addFlashAttribute("flashError", "error." + ex.code());
		}
		return "redirect:/admin/api-clients/" + clientId;
	}

	@PostMapping("/{clientId}/revoke")
	String revoke(@PathVariable String clientId, RedirectAttributes redirect) {
		try {
			clients.revoke(clientId);
			redirect.addFlashAttribute("flash", "admin.apiClients.revokedDone");
		}
		catch (DomainException ex) {
			if (ex instanceof NotFoundException) throw ex;
			redirect.addFlashAttribute("flashError", "error." + ex.code());
		}
		return "redirect:/admin/api-clients/" + clientId;
	}
}
