package org.caremap.community.web;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.caremap.community.DirectoryEditor;
import org.caremap.community.Eligibility;
import org.caremap.community.Need;
import org.caremap.community.ServiceDetail;
import org.caremap.community.ServiceEntry;
import org.caremap.shared.DomainException;
import org.caremap.shared.NotFoundException;
import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.security.access.prepost.PreAuthorize;
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
 * The directory itself: the list (stale entries marked), a service's page with its changes, and the forms through
 * which administrators and supervisors add, correct and verify entries; everyone on the staff may suggest a
 * correction.
 */
@Controller
@RequestMapping("/community")
class DirectoryController {

	static final String EDITORS = "hasAnyRole('ADMIN', 'SUPERVISOR')";

	record CorrectionForm(@NotBlank @Size(max = 2000) @Nullable String text) {
	}

	private final DirectoryEditor editor;
	private final MessageSource messages;

	DirectoryController(DirectoryEditor editor, MessageSource messages) {
		this.editor = editor;
		this.messages = messages;
	}

	@GetMapping("/directory")
	String list(@RequestParam(required = false) @Nullable String name, @RequestParam(defaultValue = "false") boolean stale,
			@RequestParam(defaultValue = "false") boolean retired, @RequestParam(defaultValue = "0") int page, Model model) {
		String n = name == null || name.length() > 200 ? null : name;
		model.addAttribute("name", n == null ? "" : n);
		model.addAttribute("stale", stale);
		model.addAttribute("retired", retired);
		model.addAttribute("list", editor.list(n, stale, retired, page));
		return "community/directory";
	}

	@GetMapping("/services/{id}")
	String service(@PathVariable UUID id, @RequestParam(required = false) @Nullable UUID patient, Model model, Locale locale) {
		ServiceDetail d = editor.detail(id).orElseThrow(() -> new NotFoundException("community service", id));
		model.addAttribute("d", d);
		model.addAttribute("s", d.card());
		model.addAttribute("stale", d.stale());
		model.addAttribute("verifiedBy", d.verifiedBy());
		model.addAttribute("needs", d.card().needs().stream().map(c -> Need.of(c).map(n -> messages.getMessage(n.label(), null, locale)).orElse(c)).toList());
		model.addAttribute("languageNames", d.card().languages().stream().map(c -> Languages.name(c, locale)).toList());
		model.addAttribute("patient", patient);
		if (!model.containsAttribute("correction")) model.addAttribute("correction", new CorrectionForm(""));
		return "community/service";
	}

	@PostMapping("/services/{id}/verify")
	@PreAuthorize(EDITORS)
	String verify(@PathVariable UUID id, RedirectAttributes redirect) {
		editor.verify(id);
		redirect.addFlashAttribute("flash", "community.verified");
		return "redirect:/community/services/" + id;
	}

	@PostMapping("/services/{id}/corrections")
	String suggest(@PathVariable UUID id, @Valid @ModelAttribute("correction") CorrectionForm form, BindingResult errors,
			Model model, Locale locale, RedirectAttributes redirect) {
		if (errors.hasErrors()) return service(id, null, model, locale);
		editor.suggest(id, form.text());
		redirect.addFlashAttribute("flash", "community.correction.sent");
		return "redirect:/community/services/" + id;
	}

	@PostMapping("/services/{id}/corrections/{correction}/resolve")
	@PreAuthorize(EDITORS)
	String resolve(@PathVariable UUID id, @PathVariable UUID correction, RedirectAttributes redirect) {
		editor.resolve(id, correction);
		redirect.addFlashAttribute("flash", "community.correction.resolved");
		return "redirect:/community/services/" + id;
	}

	@GetMapping("/services/new")
	@PreAuthorize(EDITORS)
	String newService(Model model, Locale locale) {
		if (!model.containsAttribute("serviceForm")) model.addAttribute("serviceForm", ServiceForm.blank());
		return form(model, locale, null);
	}

	@PostMapping("/services/new")
	@PreAuthorize(EDITORS)
	String add(@Valid @ModelAttribute("serviceForm") ServiceForm form, BindingResult errors, Model model, Locale locale,
			RedirectAttributes redirect) {
		ServiceEntry entry = form.entry(errors);
		if (entry == null) return form(model, locale, null);
		UUID id = editor.add(entry);
		redirect.addFlashAttribute("flash", "community.added");
		return "redirect:/community/services/" + id;
	}

	@GetMapping("/services/{id}/edit")
	@PreAuthorize(EDITORS)
	String edit(@PathVariable UUID id, Model model, Locale locale) {
		ServiceDetail d = editor.detail(id).orElseThrow(() -> new NotFoundException("community service", id));
		if (!model.containsAttribute("serviceForm")) model.addAttribute("serviceForm", ServiceForm.of(d.entry(), d.version()));
		return form(model, locale, id);
	}

	@PostMapping("/services/{id}/edit")
	@PreAuthorize(EDITORS)
	String update(@PathVariable UUID id, @Valid @ModelAttribute("serviceForm") ServiceForm form, BindingResult errors, Model model,
			Locale locale, RedirectAttributes redirect) {
		ServiceEntry entry = form.entry(errors);
		if (entry == null) return form(model, locale, id);
		try {
			editor.update(id, form.version() == null ? -1 : form.version(), entry);
		}
		catch (DomainException ex) {
			errors.reject("error." + ex.code(), ex.arguments(), ex.getMessage());
			return form(model, locale, id);
		}
		redirect.addFlashAttribute("flash", "community.saved");
		return "redirect:/community/services/" + id;
	}

	private String form(Model model, Locale locale, @Nullable UUID id) {
		model.addAttribute("serviceId", id);
		model.addAttribute("needs", Arrays.asList(Need.values()));
		model.addAttribute("groups", Arrays.asList(Eligibility.values()));
		model.addAttribute("languages", Languages.choices(locale));
		model.addAttribute("days", Arrays.asList(java.time.DayOfWeek.values()));
		return "community/edit";
	}

	static List<String> none() {
		return List.of();
	}
}
