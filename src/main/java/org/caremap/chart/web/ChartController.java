package org.caremap.chart.web;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.caremap.access.BreakGlass;
import org.caremap.chart.ChartHeader;
import org.caremap.chart.ChartHeaders;
import org.caremap.chart.ChartPage;
import org.caremap.chart.ChartTab;
import org.caremap.identity.Role;
import org.caremap.organization.Organizations;
import org.caremap.organization.ProviderDirectory;
import org.caremap.organization.ProviderView;
import org.caremap.patient.ContactMethod;
import org.caremap.patient.Coverage;
import org.caremap.patient.Demographics;
import org.caremap.patient.IdentifierType;
import org.caremap.patient.PatientDetails;
import org.caremap.patient.PatientIdentifier;
import org.caremap.patient.PatientProvider;
import org.caremap.patient.PatientRegistry;
import org.caremap.patient.Sex;
import org.caremap.patient.SupportContact;
import org.caremap.shared.DomainException;
import org.caremap.shared.NotFoundException;
import org.caremap.shared.PatientId;
import org.caremap.shared.Texts;
import org.caremap.timeline.Timeline;
import org.jspecify.annotations.Nullable;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.stereotype.Component;
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

/** Patient search and the patient chart with its tabs. */
@ChartPage
@Controller
@RequestMapping("/patients")
class ChartController {

	record ContactForm(@NotBlank @Size(max = 120) String name, @NotBlank @Size(max = 60) String relationship,
			@Size(max = 40) @jakarta.validation.constraints.Pattern(regexp = org.caremap.patient.ContactDetails.PHONE, flags = jakarta.validation.constraints.Pattern.Flag.CASE_INSENSITIVE) @Nullable String phone, @Size(max = 200) @jakarta.validation.constraints.Pattern(regexp = org.caremap.patient.ContactDetails.EMAIL) @Nullable String email, boolean caregiver,
			boolean legalRepresentative, @NotNull SupportContact.@Nullable Disclosure mayBeTold) {
	}

	record CoverageForm(@NotBlank @Size(max = 120) String payer, @Size(max = 120) @Nullable String plan,
			@NotBlank @Size(max = 60) String memberId, @Size(max = 60) @Nullable String groupNumber,
			@NotNull @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate effectiveFrom,
			@DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate effectiveTo,
			@NotNull @Min(1) @Max(9) @Nullable Integer priority) {
	}

	record EditForm(@NotBlank @Size(max = 80) String familyName, @NotBlank @Size(max = 80) String givenName,
			@Size(max = 80) @Nullable String middleName,
			@NotNull @jakarta.validation.constraints.Past @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate birthDate,
			@NotNull @Nullable Sex sex, @Size(max = 40) @jakarta.validation.constraints.Pattern(regexp = org.caremap.patient.ContactDetails.PHONE, flags = jakarta.validation.constraints.Pattern.Flag.CASE_INSENSITIVE) @Nullable String phone, @Size(max = 200) @jakarta.validation.constraints.Pattern(regexp = org.caremap.patient.ContactDetails.EMAIL) @Nullable String email,
			@Size(max = 200) @Nullable String addressLine, @Size(max = 80) @Nullable String city,
			@Size(max = 40) @Nullable String state, @Size(max = 20) @Nullable String postalCode,
			@NotBlank @jakarta.validation.constraints.Pattern(regexp = "^[a-z]{2,3}$") String preferredLanguage,
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


	private final PatientRegistry patients;
	private final Timeline timeline;
	private final BreakGlass breakGlass;
	private final ProviderDirectory providers;
	private final Organizations organizations;
	private final ChartHeaders headers;

	ChartController(PatientRegistry patients, Timeline timeline,
			BreakGlass breakGlass, ProviderDirectory providers, Organizations organizations,
			ChartHeaders headers) {
		this.headers = headers;
		this.providers = providers;
		this.organizations = organizations;
		this.patients = patients;
		this.timeline = timeline;
		this.breakGlass = breakGlass;
	}

	@GetMapping
	String search(@RequestParam(required = false) @Nullable String q, Model model) {
		model.addAttribute("q", q == null ? "" : q);
		if (q != null && !q.isBlank()) model.addAttribute("results", patients.search(q, 50));
		return "chart/search";
	}

	@GetMapping("/{id}")
	String summary(@PathVariable UUID id, Model model) {
		ChartHeader header = headers.prepare(id, model, "summary");
		model.addAttribute("panels", headers.panels("summary", header, null));
		return "chart/summary";
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
		model.addAttribute("contactMethods", List.of(ContactMethod.values()));
		return "chart/edit";
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
		attempt(redirect, "chart.identifierAdded", () -> {
			if (type == null || value.isBlank() || assigner.isBlank()) {
				throw new DomainException("patient.identifier-incomplete", "type, value and authority are required");
			}
			String system = "urn:caremap:" + type.name().toLowerCase(java.util.Locale.ROOT) + ":"
					+ assigner.trim().toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
			patients.addIdentifier(new PatientId(id), new PatientIdentifier(type, system, value.trim(), assigner.trim()));
		});
		return "redirect:/patients/" + id;
	}

	@PostMapping("/{id}/providers")
	String linkProvider(@PathVariable UUID id, @RequestParam(required = false) @Nullable UUID provider,
			@RequestParam(defaultValue = "") String newName, @RequestParam(defaultValue = "") String newSpecialty,
			@RequestParam(defaultValue = "") String newPhone,
			@RequestParam(required = false) PatientProvider.@Nullable Role role, RedirectAttributes redirect) {
		attempt(redirect, "chart.providerLinked", () -> {
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

	@GetMapping("/{id}/timeline")
	String timeline(@PathVariable UUID id, Model model) {
		headers.prepare(id, model, "timeline");
		model.addAttribute("entries", timeline.of(new PatientId(id)));
		return "chart/timeline";
	}

	@GetMapping("/{id}/network")
	String network(@PathVariable UUID id, Model model) {
		ChartHeader header = headers.prepare(id, model, "network");
		model.addAttribute("patient", header.value(PatientDetails.class).orElseThrow());
		if (!model.containsAttribute("contactForm")) {
			model.addAttribute("contactForm", new ContactForm("", "", "", "", false, false, SupportContact.Disclosure.NOTHING));
		}
		model.addAttribute("disclosures", List.of(SupportContact.Disclosure.values()));
		return "chart/network";
	}

	@PostMapping("/{id}/network")
	String addContact(@PathVariable UUID id, @Valid @ModelAttribute("contactForm") ContactForm form, BindingResult errors,
			Model model, RedirectAttributes redirect) {
		if (errors.hasErrors()) return network(id, model);
		patients.addContact(new PatientId(id), new SupportContact(null, form.name(), form.relationship(), form.phone(),
				form.email(), form.caregiver(), form.legalRepresentative(), form.mayBeTold()));
		redirect.addFlashAttribute("flash", "chart.contactAdded");
		return "redirect:/patients/" + id + "/network";
	}

	@GetMapping("/{id}/coverage")
	String coverage(@PathVariable UUID id, Model model) {
		ChartHeader header = headers.prepare(id, model, "coverage");
		model.addAttribute("patient", header.value(PatientDetails.class).orElseThrow());
		if (!model.containsAttribute("coverageForm")) {
			model.addAttribute("coverageForm", new CoverageForm("", "", "", "", LocalDate.now(), null, 1));
		}
		return "chart/coverage";
	}

	@PostMapping("/{id}/coverage")
	String addCoverage(@PathVariable UUID id, @Valid @ModelAttribute("coverageForm") CoverageForm form,
			BindingResult errors, Model model, RedirectAttributes redirect) {
		if (!errors.hasErrors() && form.effectiveTo() != null && form.effectiveTo().isBefore(form.effectiveFrom())) {
			errors.rejectValue("effectiveTo", "chart.coverage.endsBeforeStart");
		}
		if (errors.hasErrors()) return coverage(id, model);
		patients.addCoverage(new PatientId(id), new Coverage(null, form.payer(), form.plan(), form.memberId(),
				form.groupNumber(), form.effectiveFrom(), form.effectiveTo(), form.priority()));
		redirect.addFlashAttribute("flash", "chart.coverageAdded");
		return "redirect:/patients/" + id + "/coverage";
	}

	private static void attempt(RedirectAttributes redirect, String okKey, Runnable change) {
		org.caremap.chart.ChartActions.attempt(redirect, okKey, change);
	}

	@PostMapping("/{id}/merge")
	String merge(@PathVariable UUID id, @RequestParam(defaultValue = "") String duplicate,
			@RequestParam(defaultValue = "") String reason, RedirectAttributes redirect) {
		attempt(redirect, "chart.merge.done", () -> {
			PatientId merged = patients.byIdentifier(duplicate)
				.orElseThrow(() -> new DomainException("patient.merge-unknown", "no patient holds " + duplicate, duplicate));
			patients.details(new PatientId(id)).orElseThrow(() -> new NotFoundException("patient", id));
			patients.merge(new PatientId(id), merged, reason);
		});
		return "redirect:/patients/" + id;
	}

	@PostMapping("/{id}/break-glass")
	String breakGlass(@PathVariable UUID id, @RequestParam(defaultValue = "") String reason,
			@RequestParam(defaultValue = "60") int minutes, RedirectAttributes redirect) {
		try {
			breakGlass.open(new PatientId(id), reason, Duration.ofMinutes(Math.max(1, minutes)));
			redirect.addFlashAttribute("flash", "chart.glassBroken");
			return "redirect:/patients/" + id;
		}
		catch (DomainException ex) {
			redirect.addFlashAttribute("flashError", "error." + ex.code());
			redirect.addFlashAttribute("flashArgs", ex.arguments());
			return "redirect:/patients/" + id;
		}
	}

	/** The summary, the chart's first tab. */
	@Component
	static final class SummaryTab implements ChartTab {

		@Override
		public String key() {
			return "summary";
		}

		@Override
		public int order() {
			return 10;
		}

		@Override
		public String path() {
			return "";
		}
	}

	/** The timeline tab. */
	@Component
	static final class TimelineTab implements ChartTab {

		@Override
		public String key() {
			return "timeline";
		}

		@Override
		public int order() {
			return 20;
		}

		@Override
		public String path() {
			return "/timeline";
		}
	}

	/** The support network tab. */
	@Component
	static final class NetworkTab implements ChartTab {

		@Override
		public String key() {
			return "network";
		}

		@Override
		public int order() {
			return 90;
		}

		@Override
		public String path() {
			return "/network";
		}
	}

	/** The coverage tab. */
	@Component
	static final class CoverageTab implements ChartTab {

		@Override
		public String key() {
			return "coverage";
		}

		@Override
		public int order() {
			return 100;
		}

		@Override
		public String path() {
			return "/coverage";
		}
	}
}
