package org.caremap.patient.web;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Past;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.caremap.identity.CurrentUser;
import org.caremap.identity.Role;
import org.caremap.organization.Organizations;
import org.caremap.patient.DuplicateCandidate;
import org.caremap.patient.IdentifierType;
import org.caremap.patient.NewPatient;
import org.caremap.patient.PatientIdentifier;
import org.caremap.patient.PatientRegistry;
import org.caremap.patient.Sex;
import org.caremap.shared.DomainException;
import org.caremap.shared.PatientId;
import org.caremap.shared.Texts;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Registering a patient: the form, then the existing patients who may be the same person (shown before anything
 * is saved), then the new record.
 */
@Controller
@RequestMapping("/patients/new")
class RegistrationController {

	record PatientForm(@NotBlank @Size(max = 80) String familyName, @NotBlank @Size(max = 80) String givenName,
			@Size(max = 80) @Nullable String middleName,
			@NotNull @Past @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate birthDate,
			@NotNull @Nullable Sex sex, @Size(max = 40) @jakarta.validation.constraints.Pattern(regexp = org.caremap.patient.ContactDetails.PHONE, flags = jakarta.validation.constraints.Pattern.Flag.CASE_INSENSITIVE) @Nullable String phone, @Size(max = 200) @jakarta.validation.constraints.Pattern(regexp = org.caremap.patient.ContactDetails.EMAIL) @Nullable String email,
			@Size(max = 200) @Nullable String addressLine, @Size(max = 80) @Nullable String city,
			@Size(max = 40) @Nullable String state, @Size(max = 20) @Nullable String postalCode,
			@NotBlank @Pattern(regexp = "^[a-z]{2,3}$") String preferredLanguage,
			@Size(max = 40) @Nullable String recordNumber, @Size(max = 120) @Nullable String recordAuthority,
			@Nullable Boolean confirmedNew) {

		boolean confirmed() {
			return Boolean.TRUE.equals(confirmedNew);
		}
	}

	private final PatientRegistry patients;
	private final Organizations organizations;

	RegistrationController(PatientRegistry patients, Organizations organizations) {
		this.patients = patients;
		this.organizations = organizations;
	}

	@ModelAttribute("sexes")
	List<Sex> sexes() {
		return List.of(Sex.values());
	}

	@ModelAttribute("languages")
	List<LanguageChoices.Language> languages(java.util.Locale reader,
			@org.springframework.web.bind.annotation.RequestParam(required = false) @Nullable String preferredLanguage) {
		return LanguageChoices.of(reader, preferredLanguage);
	}

	@GetMapping
	String form(Model model) {
		model.addAttribute("form", new PatientForm("", "", "", null, null, "", "", "", "", "", "", "en", "", "", false));
		return "patient/register";
	}

	@PostMapping
	String register(@Valid @ModelAttribute("form") PatientForm form, BindingResult errors, Model model,
			RedirectAttributes redirect) {
		boolean hasNumber = form.recordNumber() != null && !form.recordNumber().isBlank();
		if (hasNumber && (form.recordAuthority() == null || form.recordAuthority().isBlank())) {
			errors.rejectValue("recordAuthority", "patient.register.authorityRequired");
		}
		if (errors.hasErrors()) return "patient/register";
		var org = organizations.primary().orElseThrow(() -> new DomainException("organization.missing", "none"));
		List<PatientIdentifier> identifiers = new ArrayList<>();
		if (hasNumber) {
			identifiers.add(new PatientIdentifier(IdentifierType.MR, "urn:caremap:mrn:" + slug(form.recordAuthority()),
					form.recordNumber().trim(), form.recordAuthority().trim()));
		}
		NewPatient patient = new NewPatient(org.id(), form.familyName().trim(), form.givenName().trim(),
				Texts.orNull(form.middleName()), form.birthDate(), form.sex(), Texts.orNull(form.phone()), Texts.orNull(form.email()),
				Texts.orNull(form.addressLine()), Texts.orNull(form.city()), Texts.orNull(form.state()), Texts.orNull(form.postalCode()),
				form.preferredLanguage(), identifiers, List.of());
		if (!form.confirmed()) {
			List<DuplicateCandidate> candidates = patients.possibleDuplicates(patient);
			if (!candidates.isEmpty()) {
				model.addAttribute("candidates", candidates);
				return "patient/register";
			}
		}
		PatientId id;
		try {
			id = patients.register(patient);
		}
		catch (DuplicateKeyException ex) {
			errors.rejectValue("recordNumber", "patient.register.numberTaken");
			return "patient/register";
		}
		redirect.addFlashAttribute("flash", "patient.register.done");
		CurrentUser me = CurrentUser.require();
		if (me.has(Role.INTAKE) || me.has(Role.SUPERVISOR)) return "redirect:/referrals/new?patient=" + id;
		return "redirect:/patients";
	}

	private static String slug(String text) {
		return text.trim().toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
	}

}
