package org.caremap.patient.web;

import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.caremap.chart.ChartHeader;
import org.caremap.chart.ChartHeaders;
import org.caremap.chart.ChartPage;
import org.caremap.chart.ChartTab;
import org.caremap.patient.ContactDetails;
import org.caremap.patient.PatientDetails;
import org.caremap.patient.PatientRegistry;
import org.caremap.patient.SupportContact;
import org.caremap.shared.PatientId;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The chart's support network tab: the people around the patient, what each may be told, adding one. */
@ChartPage
@Controller
@RequestMapping("/patients")
class NetworkController {

	record ContactForm(@NotBlank @Size(max = 120) String name, @NotBlank @Size(max = 60) String relationship,
			@Size(max = 40) @Pattern(regexp = ContactDetails.PHONE, flags = Pattern.Flag.CASE_INSENSITIVE) @Nullable String phone, @Size(max = 200) @Pattern(regexp = ContactDetails.EMAIL) @Nullable String email, boolean caregiver,
			boolean legalRepresentative, @NotNull SupportContact.@Nullable Disclosure mayBeTold) {
	}

	private final ChartHeaders headers;
	private final PatientRegistry patients;

	NetworkController(ChartHeaders headers, PatientRegistry patients) {
		this.headers = headers;
		this.patients = patients;
	}

	@GetMapping("/{id}/network")
	String network(@PathVariable UUID id, Model model) {
		ChartHeader header = headers.prepare(id, model, "network");
		model.addAttribute("patient", header.value(PatientDetails.class).orElseThrow());
		if (!model.containsAttribute("contactForm")) {
			model.addAttribute("contactForm", new ContactForm("", "", "", "", false, false, SupportContact.Disclosure.NOTHING));
		}
		model.addAttribute("disclosures", List.of(SupportContact.Disclosure.values()));
		return "patient/network";
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

	/** The support network tab of the chart, after the notes. */
	@Component
	static final class Tab implements ChartTab {

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
}
