package org.caremap.patient.web;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Past;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.caremap.chart.ChartActions;
import org.caremap.chart.ChartHeader;
import org.caremap.chart.ChartHeaders;
import org.caremap.chart.ChartPage;
import org.caremap.organization.Organizations;
import org.caremap.organization.ProviderDirectory;
import org.caremap.organization.ProviderView;
import org.caremap.patient.ContactDetails;
import org.caremap.patient.ContactMethod;
import org.caremap.patient.Demographics;
import org.caremap.patient.IdentifierType;
import org.caremap.patient.PatientDetails;
import org.caremap.patient.PatientIdentifier;
import org.caremap.patient.PatientProvider;
import org.caremap.patient.CodedCondition;
import org.caremap.patient.PatientRegistry;
import org.caremap.patient.Sex;
import org.caremap.shared.DomainException;
import org.caremap.shared.NotFoundException;
import org.caremap.shared.PatientId;
import org.caremap.shared.Texts;
import org.jspecify.annotations.Nullable;
import org.springframework.format.annotation.DateTimeFormat;
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
 * The registration record on the chart: changing the demographics, adding identifiers, linking providers, and
 * merging a duplicate record into this one.
 */
@ChartPage
@Controller
@RequestMapping("/patients")
class PatientRecordController {

	record EditForm(@NotBlank @Size(max = 80) String familyName, @NotBlank @Size(max = 80) String givenName,
			@Size(max = 80) @Nullable String middleName,
			@NotNull @Past @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate birthDate,
			@NotNull @Nullable Sex sex, @Size(max = 40) @Pattern(regexp = ContactDetails.PHONE, flags = Pattern.Flag.CASE_INSENSITIVE) @Nullable String phone, @Size(max = 200) @Pattern(regexp = ContactDetails.EMAIL) @Nullable String email,
			@Size(max = 200) @Nullable String addressLine, @Size(max = 80) @Nullable String city,
			@Size(max = 40) @Nullable String state, @Size(max = 20) @Nullable String postalCode,
			@NotBlank @Pattern(regexp = "^[a-z]{2,3}$") String preferredLanguage,
			@NotNull @Nullable ContactMethod contactMethod, @Size(max = 200) @Nullable String contactTimes,
			boolean interpreterNeeded) {

		static EditForm of(PatientDetails d) {
			var h = d.header();
			return new EditForm(h.familyName(), h.givenName(), d.middleName(), h.birthDate(), h.sex(), d.phone(), d.email(),
					d.addressLine(), d.city(), d.state(), d.postalCode(), h.preferredLanguage(), d.contactMethod(),
					d.contactTimes(), d.interpreterNeeded());
		}

		Demographics demographics() {
			return new Demographics(familyName, givenName, Texts.orNull(middleName), birthDate, sex, Texts.orNull(phone), Texts.orNull(email),
					Texts.orNull(addressLine), Texts.orNull(city), Texts.orNull(state), Texts.orNull(postalCode), preferredLanguage, contactMethod,
					Texts.orNull(contactTimes), interpreterNeeded);
		}
	}

	private final ChartHeaders headers;
	private final PatientRegistry patients;
	private final ProviderDirectory providers;
	private final Organizations organizations;

	PatientRecordController(ChartHeaders headers, PatientRegistry patients, ProviderDirectory providers,
			Organizations organizations) {
		this.headers = headers;
		this.patients = patients;
		this.providers = providers;
		this.organizations = organizations;
	}

	/** The provider directory for the link-a-provider form, loaded when the form is opened. */
	@GetMapping("/{id}/providers/choices")
	String providerChoices(@PathVariable UUID id, Model model) {
		model.addAttribute("directory", organizations.primary().map(org -> providers.all(org.id())).orElse(List.of()));
		return "patient/chart :: providerChoices";
	}

	@GetMapping("/{id}/edit")
	String edit(@PathVariable UUID id, Model model) {
		ChartHeader header = headers.prepare(id, model, "summary");
		if (!model.containsAttribute("form")) {
			model.addAttribute("form", EditForm.of(header.value(PatientDetails.class).orElseThrow()));
		}
		model.addAttribute("sexes", List.of(Sex.values()));
		model.addAttribute("history", patients.demographicsHistory(new org.caremap.shared.PatientId(id)));
		model.addAttribute("contactMethods", List.of(ContactMethod.values()));
		model.addAttribute("languages", LanguageChoices.of(org.springframework.context.i18n.LocaleContextHolder.getLocale(),
				((EditForm) model.getAttribute("form")).preferredLanguage()));
		return "patient/edit";
	}

	@PostMapping("/{id}/edit")
	String update(@PathVariable UUID id, @Valid @ModelAttribute("form") EditForm form, BindingResult errors, Model model,
			RedirectAttributes redirect) {
		if (errors.hasErrors()) return edit(id, model);
		patients.update(new PatientId(id), form.demographics());
		redirect.addFlashAttribute("flash", "chart.edit.saved");
		return "redirect:/patients/" + id;
	}

	@PostMapping("/{id}/identifiers")
	String addIdentifier(@PathVariable UUID id, @RequestParam(required = false) @Nullable IdentifierType type,
			@RequestParam(defaultValue = "") String value, @RequestParam(defaultValue = "") String assigner,
			RedirectAttributes redirect) {
		ChartActions.attempt(redirect, "chart.identifierAdded", () -> {
			if (type == null || value.isBlank() || assigner.isBlank()) {
				throw new DomainException("patient.identifier-incomplete", "type, value and authority are required");
			}
			String system = "urn:caremap:" + type.name().toLowerCase(Locale.ROOT) + ":"
					+ assigner.trim().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
			patients.addIdentifier(new PatientId(id), new PatientIdentifier(type, system, value.trim(), assigner.trim()));
		});
		return "redirect:/patients/" + id;
	}

	/** Adds a coded condition to the problem list; the recorder says whether it comes from a Part 2 program. */
	@PostMapping("/{id}/conditions")
	String addCondition(@PathVariable UUID id, @RequestParam(defaultValue = "") String code,
			@RequestParam(defaultValue = "") String display,
			@RequestParam(required = false) @Nullable @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate onset,
			@RequestParam(defaultValue = "false") boolean part2, RedirectAttributes redirect) {
		ChartActions.attempt(redirect, "chart.conditionAdded", () -> {
			String c = code.strip().toUpperCase(Locale.ROOT);
			if (c.isEmpty() || display.isBlank()) {
				throw new DomainException("patient.condition-incomplete", "a code and its description are required");
			}
			if (!c.matches(CodedCondition.PATTERN)) throw new DomainException("patient.condition-code", "not an ICD-10-CM code", c);
			patients.addCondition(new PatientId(id), new CodedCondition(c, display.strip(), onset, part2));
		});
		return "redirect:/patients/" + id;
	}

	@PostMapping("/{id}/providers")
	String linkProvider(@PathVariable UUID id, @RequestParam(required = false) @Nullable UUID provider,
			@RequestParam(defaultValue = "") String newName, @RequestParam(defaultValue = "") String newSpecialty,
			@RequestParam(defaultValue = "") String newPhone,
			@RequestParam(required = false) PatientProvider.@Nullable Role role, RedirectAttributes redirect) {
		ChartActions.attempt(redirect, "chart.providerLinked", () -> {
			if (role == null || (provider == null && newName.isBlank())) {
				throw new DomainException("form.incomplete", "choose a provider and a role");
			}
			UUID chosen = provider;
			if (chosen == null) {
				var org = organizations.primary().orElseThrow(() -> new DomainException("organization.missing", "none"));
				chosen = providers.add(org.id(), new ProviderView(UUID.randomUUID(), ProviderView.Kind.PRACTITIONER,
						newName.trim(), Texts.orNull(newSpecialty), null, Texts.orNull(newPhone), null)).id();
			}
			patients.linkProvider(new PatientId(id), chosen, role, LocalDate.now());
		});
		return "redirect:/patients/" + id;
	}

	@PostMapping("/{id}/merge")
	String merge(@PathVariable UUID id, @RequestParam(defaultValue = "") String duplicate,
			@RequestParam(defaultValue = "") String reason, RedirectAttributes redirect) {
		ChartActions.attempt(redirect, "chart.merge.done", () -> {
			PatientId merged = patients.byIdentifier(duplicate)
				.orElseThrow(() -> new DomainException("patient.merge-unknown", "no patient holds " + duplicate, duplicate));
			patients.details(new PatientId(id)).orElseThrow(() -> new NotFoundException("patient", id));
			patients.merge(new PatientId(id), merged, reason);
		});
		return "redirect:/patients/" + id;
	}
}
