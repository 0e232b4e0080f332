package org.caremap.disclosure.web;

import java.time.LocalDate;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.caremap.chart.ChartHeaders;
import org.caremap.chart.ChartTab;
import org.caremap.disclosure.DisclosureBasis;
import org.caremap.disclosure.internal.AnswerDocument;
import org.caremap.disclosure.internal.DisclosureTexts;
import org.caremap.disclosure.Disclosures;
import org.caremap.disclosure.RequestView;
import org.caremap.organization.Organizations;
import org.caremap.patient.PatientHeader;
import org.caremap.patient.PatientRegistry;
import org.caremap.shared.DomainException;
import org.caremap.shared.PatientId;
import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import org.caremap.access.DisclosureConsents;
import org.caremap.access.Segmentation;
import org.caremap.identity.Role;
import org.caremap.identity.UserAccounts;
import org.caremap.identity.UserView;
import org.caremap.shared.UserId;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * The chart's Disclosures tab: what was disclosed outside the organisation and on what basis (staff record a release
 * of information; a community referral adds itself), the patient's requests for an accounting of disclosures or for
 * the record's access log, and each request's answer as a PDF (a supervisor produces it).
 */
@Controller
class DisclosureController {

	/** A disclosure as the form posts it. */
	record DisclosureForm(@NotNull @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate disclosedOn,
			@NotBlank @Size(max = 200) @Nullable String recipient, @Size(max = 300) @Nullable String recipientAddress,
			@NotBlank @Size(max = 1000) @Nullable String description, @NotBlank @Size(max = 1000) @Nullable String purpose,
			@NotNull @Nullable DisclosureBasis basis,
			@DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate suspendedUntil) {

		static DisclosureForm blank(LocalDate today) {
			return new DisclosureForm(today, "", "", "", "", null, null);
		}
	}

	/** A request as the form posts it. */
	record RequestForm(@NotNull RequestView.@Nullable Kind kind, @NotBlank @Size(max = 200) @Nullable String requestedBy,
			@NotNull @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate requestedOn,
			@NotNull @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate from,
			@NotNull @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate to) {

		static RequestForm blank(LocalDate today) {
			return new RequestForm(RequestView.Kind.ACCOUNTING, "", today, today.minusYears(6), today);
		}
	}

	/** A consent to disclose Part 2 records as the form posts it. */
	record ConsentForm(DisclosureConsents.@Nullable RecipientKind recipientKind, @Nullable UUID recipientUser,
			@Size(max = 100) @Nullable String recipientKey, @Size(max = 200) @Nullable String recipientName,
			@NotNull DisclosureConsents.@Nullable Purpose purpose, @Size(max = 500) @Nullable String purposeText,
			@NotBlank @Size(max = 1000) @Nullable String what,
			@NotNull @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate validFrom,
			@NotNull @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate validUntil,
			@NotNull @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate signedOn,
			@NotBlank @Size(max = 200) @Nullable String signedBy) {

		static ConsentForm blank(LocalDate today) {
			return new ConsentForm(DisclosureConsents.RecipientKind.STAFF, null, "", "", DisclosureConsents.Purpose.TREATMENT, "", "",
					today, today.plusYears(1), today, "");
		}
	}

	/** A consent's revocation as the form posts it. */
	record RevokeForm(@NotBlank @Size(max = 2000) @Nullable String reason) {
	}

	private static final Map<String, String> CONSENT_FIELDS = Map.ofEntries(Map.entry("access.consent-recipient", "recipientUser"),
			Map.entry("access.consent-client", "recipientKey"), Map.entry("access.consent-recipient-name", "recipientName"),
			Map.entry("access.consent-too-long", "what"), Map.entry("access.consent-purpose", "purpose"),
			Map.entry("access.consent-purpose-text", "purposeText"), Map.entry("access.consent-what", "what"),
			Map.entry("access.consent-signed-by", "signedBy"), Map.entry("access.consent-signed-on", "signedOn"),
			Map.entry("access.consent-signed-future", "signedOn"), Map.entry("access.consent-period", "validFrom"),
			Map.entry("access.consent-period-order", "validUntil"), Map.entry("access.consent-period-long", "validUntil"),
			Map.entry("access.consent-before-signed", "validFrom"));

	private static final Map<String, String> DISCLOSURE_FIELDS = Map.ofEntries(Map.entry("disclosure.date", "disclosedOn"),
			Map.entry("disclosure.date-future", "disclosedOn"), Map.entry("disclosure.date-old", "disclosedOn"),
			Map.entry("disclosure.recipient", "recipient"), Map.entry("disclosure.description", "description"),
			Map.entry("disclosure.purpose", "purpose"), Map.entry("disclosure.basis", "basis"),
			Map.entry("disclosure.suspension-basis", "suspendedUntil"), Map.entry("disclosure.suspension-day", "suspendedUntil"));
	private static final Map<String, String> REQUEST_FIELDS = Map.of("disclosure.request-kind", "kind",
			"disclosure.request-by", "requestedBy", "disclosure.request-on", "requestedOn", "disclosure.request-future",
			"requestedOn", "disclosure.request-period", "from", "disclosure.request-order", "to", "disclosure.request-after", "to",
			"disclosure.request-six-years", "from");

	private final ChartHeaders headers;
	private final Disclosures disclosures;
	private final AnswerDocument document;
	private final PatientRegistry patients;
	private final Organizations organizations;
	private final MessageSource messages;
	private final DisclosureConsents consents;
	private final Segmentation segmentation;
	private final UserAccounts accounts;

	DisclosureController(ChartHeaders headers, Disclosures disclosures, AnswerDocument document, PatientRegistry patients,
			Organizations organizations, MessageSource messages, DisclosureConsents consents, Segmentation segmentation,
			UserAccounts accounts) {
		this.headers = headers;
		this.disclosures = disclosures;
		this.document = document;
		this.patients = patients;
		this.organizations = organizations;
		this.messages = messages;
		this.consents = consents;
		this.segmentation = segmentation;
		this.accounts = accounts;
	}

	@GetMapping("/patients/{id}/disclosures")
	String page(@PathVariable UUID id, Model model, Authentication user, Locale locale) {
		LocalDate today = organizations.today();
		if (!model.containsAttribute("disclosureForm")) model.addAttribute("disclosureForm", DisclosureForm.blank(today));
		if (!model.containsAttribute("requestForm")) model.addAttribute("requestForm", RequestForm.blank(today));
		headers.prepare(id, model, "disclosures");
		PatientId patient = new PatientId(id);
		var list = disclosures.of(patient);
		model.addAttribute("disclosures", list);
		model.addAttribute("texts", list.stream().collect(java.util.stream.Collectors.toMap(d -> d.id(),
				d -> new String[] { DisclosureTexts.description(d, messages, locale), DisclosureTexts.purpose(d, messages, locale) })));
		model.addAttribute("requests", disclosures.requests(patient));
		model.addAttribute("bases", DisclosureBasis.values());
		model.addAttribute("kinds", RequestView.Kind.values());
		model.addAttribute("mayAnswer", user.getAuthorities().stream().anyMatch(a -> "ROLE_SUPERVISOR".equals(a.getAuthority())));
		consents(patient, model, today);
		return "disclosure/disclosures";
	}

	@PostMapping("/patients/{id}/disclosures")
	String record(@PathVariable UUID id, @Valid @ModelAttribute("disclosureForm") DisclosureForm form, BindingResult errors, Model model,
			Authentication user, Locale locale, RedirectAttributes redirect) {
		disclosures.requireWrite(new PatientId(id));
		if (!errors.hasErrors()) {
			try {
				disclosures.record(new PatientId(id), new Disclosures.NewDisclosure(form.disclosedOn(), form.recipient(),
						form.recipientAddress(), form.description(), form.purpose(), form.basis(), form.suspendedUntil()));
				redirect.addFlashAttribute("flash", "disclosure.recorded");
				return "redirect:/patients/" + id + "/disclosures";
			}
			catch (DomainException ex) {
				errors.rejectValue(DISCLOSURE_FIELDS.getOrDefault(ex.code(), "recipient"), "error." + ex.code(), ex.arguments(),
						ex.getMessage());
			}
		}
		return page(id, model, user, locale);
	}

	@PostMapping("/patients/{id}/disclosures/requests")
	String request(@PathVariable UUID id, @Valid @ModelAttribute("requestForm") RequestForm form, BindingResult errors,
			Model model, Authentication user, Locale locale, RedirectAttributes redirect) {
		disclosures.requireWrite(new PatientId(id));
		if (!errors.hasErrors()) {
			try {
				disclosures.request(new PatientId(id), new Disclosures.NewRequest(form.kind(), form.requestedBy(), form.requestedOn(),
						form.from(), form.to()));
				redirect.addFlashAttribute("flash", "disclosure.requestRecorded");
				return "redirect:/patients/" + id + "/disclosures#requests";
			}
			catch (DomainException ex) {
				errors.rejectValue(REQUEST_FIELDS.getOrDefault(ex.code(), "requestedBy"), "error." + ex.code(), ex.arguments(),
						ex.getMessage());
			}
		}
		return page(id, model, user, locale);
	}

	/**
	 * The patient's consents to disclose Part 2 records, to readers who see those records (a reader they are withheld
	 * from does not learn of them here either), and the form to whoever cares for the patient within the program.
	 */
	private void consents(PatientId patient, Model model, LocalDate today) {
		var part2 = segmentation.part2(patient);
		if (!part2.shown()) {
			model.addAttribute("consents", null);
			return;
		}
		var list = consents.of(patient);
		boolean manage = consents.mayManage(patient);
		model.addAttribute("consents", list.isEmpty() && part2.cases().isEmpty() && !manage ? null : list);
		model.addAttribute("mayManageConsents", manage);
		model.addAttribute("today", today);
		model.addAttribute("consentPurposes", DisclosureConsents.Purpose.values());
		model.addAttribute("recipientKinds", DisclosureConsents.RecipientKind.values());
		if (manage) {
			if (!model.containsAttribute("consentForm")) model.addAttribute("consentForm", ConsentForm.blank(today));
			java.util.Map<UserId, UserView> staff = new java.util.LinkedHashMap<>();
			for (Role role : java.util.List.of(Role.CASE_MANAGER, Role.CARE_TEAM, Role.SUPERVISOR, Role.INTAKE, Role.UTILIZATION_REVIEW)) {
				for (UserView u : accounts.withRole(role)) if (u.enabled()) staff.putIfAbsent(u.id(), u);
			}
			model.addAttribute("staff", staff.values().stream().sorted(java.util.Comparator.comparing(UserView::displayName)).toList());
		}
	}

	@PostMapping("/patients/{id}/disclosures/consents")
	String recordConsent(@PathVariable UUID id, @Valid @ModelAttribute("consentForm") ConsentForm form, BindingResult errors,
			Model model, Authentication user, Locale locale, RedirectAttributes redirect) {
		PatientId patient = new PatientId(id);
		consents.requireManage(patient);
		if (!errors.hasErrors()) {
			try {
				consents.record(patient, new DisclosureConsents.NewConsent(form.recipientKind(),
						form.recipientUser() == null ? null : new UserId(form.recipientUser()), form.recipientKey(), form.recipientName(),
						form.purpose(), form.purposeText(), form.what(), form.validFrom(), form.validUntil(), form.signedOn(),
						form.signedBy()));
				redirect.addFlashAttribute("flash", "consent.recorded");
				return "redirect:/patients/" + id + "/disclosures#consents";
			}
			catch (DomainException ex) {
				errors.rejectValue(CONSENT_FIELDS.getOrDefault(ex.code(), "what"), "error." + ex.code(), ex.arguments(), ex.getMessage());
			}
		}
		return page(id, model, user, locale);
	}

	@PostMapping("/patients/{id}/disclosures/consents/{consent}/revoke")
	String revokeConsent(@PathVariable UUID id, @PathVariable UUID consent, @Valid @ModelAttribute("revokeForm") RevokeForm form,
			BindingResult errors, RedirectAttributes redirect) {
		PatientId patient = new PatientId(id);
		consents.requireManage(patient);
		var found = consents.find(consent).filter(c -> c.patient().equals(patient))
			.orElseThrow(() -> new org.caremap.shared.NotFoundException("consent", consent));
		if (errors.hasErrors()) {
			redirect.addFlashAttribute("flashError", "error.access.consent-revoke-reason");
			return "redirect:/patients/" + id + "/disclosures#consents";
		}
		try {
			consents.revoke(found.id(), form.reason());
			redirect.addFlashAttribute("flash", "consent.revokedFlash");
		}
		catch (DomainException ex) {
			redirect.addFlashAttribute("flashError", "error." + ex.code());
			redirect.addFlashAttribute("flashArgs", ex.arguments());
		}
		return "redirect:/patients/" + id + "/disclosures#consents";
	}

	/** The answer to a request as the PDF given to the patient, in English or Spanish. */
	@GetMapping("/disclosure-requests/{request}/answer.pdf")
	ResponseEntity<byte[]> answer(@PathVariable UUID request, @RequestParam(required = false) @Nullable String lang,
			Locale locale) {
		Disclosures.Answer answer = disclosures.answer(request);
		PatientId patient = answer.patient();
		PatientHeader header = patients.headers(java.util.Set.of(patient)).get(patient);
		if (header == null) throw new DomainException("disclosure.request-unknown", "no such request for this patient");
		Locale language = "es".equals(lang) ? Locale.forLanguageTag("es") : "en".equals(lang) ? Locale.ENGLISH : locale;
		byte[] pdf = document.pdf(answer, header, language);
		String name = (answer.request().kind() == RequestView.Kind.ACCOUNTING ? "accounting-of-disclosures-" : "access-log-")
				+ answer.request().requestedOn() + ".pdf";
		return ResponseEntity.ok()
			.contentType(MediaType.APPLICATION_PDF)
			.header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(name).build().toString())
			.body(pdf);
	}

	/** The Disclosures tab, after the coverage. */
	@Component
	static final class Tab implements ChartTab {

		@Override
		public String key() {
			return "disclosures";
		}

		@Override
		public int order() {
			return 110;
		}

		@Override
		public String path() {
			return "/disclosures";
		}
	}
}
