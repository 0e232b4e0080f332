package org.caremap.community.web;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.caremap.access.AccessPurpose;
import org.caremap.access.PatientAccess;
import org.caremap.chart.ChartActions;
import org.caremap.chart.ChartHeader;
import org.caremap.chart.ChartHeaders;
import org.caremap.chart.ChartPage;
import org.caremap.chart.ChartTab;
import org.caremap.community.CommunityReferralView;
import org.caremap.community.CommunityReferrals;
import org.caremap.community.NewCommunityReferral;
import org.caremap.community.ReferralOrigin;
import org.caremap.community.ReferralOutcome;
import org.caremap.community.ReferralStatus;
import org.caremap.community.internal.ReferralDocument;
import org.caremap.patient.PatientDetails;
import org.caremap.shared.DomainException;
import org.caremap.shared.NotFoundException;
import org.caremap.shared.PatientId;
import org.jspecify.annotations.Nullable;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
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

/**
 * The chart's community referrals: the patient's list, the referral form (from a directory service found for a social
 * need or a care-plan intervention: what is asked, the consent to share, contact preferences, a Part 2 consent where
 * the patient's program needs one), each referral's page (what was sent, history, cancel, an answer the organisation
 * gave by phone, the link sent again) and the patient's copy (page and PDF, English or Spanish). A change is refused
 * before its form is read for whoever may not contribute to the record; the community module checks again and audits.
 */
@ChartPage
@Controller
@RequestMapping("/patients/{id}/community/referrals")
class CommunityReferralController {

	/** The referral form as typed. */
	record ReferralForm(@NotNull @Nullable UUID service, @Nullable UUID needId, @Nullable UUID intervention,
			@jakarta.validation.constraints.NotBlank @Size(max = 2000) @Nullable String request, @Nullable Boolean shareNameContact, @Nullable Boolean shareBirthDate, @Nullable Boolean shareLanguage,
			@Nullable Boolean shareNeed, @Nullable Boolean shareInsurance, @Size(max = 2000) @Nullable String noteForOrganization,
			@Nullable Boolean consentConfirmed, @Nullable Boolean contactPhone, @Nullable Boolean contactText, @Nullable Boolean contactEmail,
			@Size(max = 200) @Nullable String contactTimes, @Size(max = 50) @Nullable String contactLanguage,
			@Size(max = 300) @Nullable String part2Recipient, @Size(max = 500) @Nullable String part2Purpose,
			@Size(max = 1000) @Nullable String part2Information,
			@DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate part2ExpiresOn,
			@DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate part2SignedOn) {
	}

	private static boolean on(@Nullable Boolean box) {
		return Boolean.TRUE.equals(box);
	}

	private final ChartHeaders headers;
	private final CommunityReferrals referrals;
	private final PatientAccess access;
	private final ReferralDocument document;

	CommunityReferralController(ChartHeaders headers, CommunityReferrals referrals, PatientAccess access,
			ReferralDocument document) {
		this.headers = headers;
		this.referrals = referrals;
		this.access = access;
		this.document = document;
	}

	private void contributes(UUID patient) {
		access.require(new PatientId(patient), AccessPurpose.CONTRIBUTE);
	}

	@ModelAttribute("outcomes")
	List<ReferralOutcome> outcomes() {
		return List.of(ReferralOutcome.values());
	}

	@GetMapping
	String list(@PathVariable UUID id, Model model) {
		headers.prepare(id, model, "community-referrals");
		model.addAttribute("referrals", referrals.ofPatient(new PatientId(id)));
		model.addAttribute("now", Instant.now());
		return "community/referrals";
	}

	// ---------------------------------------------------------------- sending

	@GetMapping("/new")
	String newReferral(@PathVariable UUID id, @RequestParam(required = false) @Nullable UUID service,
			@RequestParam(required = false) @Nullable UUID needId, @RequestParam(required = false) @Nullable String need,
			@RequestParam(required = false) @Nullable UUID intervention, Model model) {
		ChartHeader header = headers.prepare(id, model, "community-referrals");
		// the search page passes the social need's id as needId (or as need, where it is an id rather than a code)
		if (needId == null && need != null) needId = uuidOrNull(need);
		if (!model.containsAttribute("referralForm")) {
			String language = header.value(PatientDetails.class).map(d -> d.header().languageName(java.util.Locale.ENGLISH)).orElse(null);
			model.addAttribute("referralForm", new ReferralForm(service, needId, needId == null ? intervention : null, "", true, false,
					true, true, false, "", false, true, false, false, "", language, "", "", "", null, null));
		}
		return form(id, model);
	}

	private static @Nullable UUID uuidOrNull(String text) {
		try {
			return UUID.fromString(text);
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	private String form(UUID id, Model model) {
		ReferralForm form = (ReferralForm) model.getAttribute("referralForm");
		PatientId patient = new PatientId(id);
		model.addAttribute("service", form == null || form.service() == null ? null : referrals.preview(form.service()).orElse(null));
		model.addAttribute("origin", form == null ? null : origin(patient, form));
		model.addAttribute("part2", referrals.needsPart2Consent(patient));
		return "community/referral-form";
	}

	private @Nullable ReferralOrigin origin(PatientId patient, ReferralForm form) {
		if (form.needId() != null) return referrals.origin(patient, ReferralOrigin.Kind.NEED, form.needId()).orElse(null);
		if (form.intervention() != null) return referrals.origin(patient, ReferralOrigin.Kind.INTERVENTION, form.intervention()).orElse(null);
		return null;
	}

	@PostMapping
	String send(@PathVariable UUID id, @Valid @ModelAttribute("referralForm") ReferralForm form, BindingResult errors, Model model,
			RedirectAttributes redirect) {
		contributes(id);
		headers.prepare(id, model, "community-referrals");
		if (!on(form.consentConfirmed())) {
			errors.rejectValue("consentConfirmed", "error.community.consent", "the patient's consent to share is needed");
		}
		if (!errors.hasErrors()) {
			try {
				ReferralOrigin.Kind kind = form.needId() != null ? ReferralOrigin.Kind.NEED
						: form.intervention() != null ? ReferralOrigin.Kind.INTERVENTION : null;
				UUID origin = form.needId() != null ? form.needId() : form.intervention();
				UUID made = referrals.send(new NewCommunityReferral(new PatientId(id), form.service(), kind, origin, form.request(),
						new NewCommunityReferral.Sharing(on(form.shareNameContact()), on(form.shareBirthDate()), on(form.shareLanguage()),
								on(form.shareNeed()), on(form.shareInsurance()), form.noteForOrganization()),
						new NewCommunityReferral.ContactPreferences(on(form.contactPhone()), on(form.contactText()), on(form.contactEmail()),
								form.contactTimes(), form.contactLanguage()),
						new NewCommunityReferral.Part2Consent(form.part2Recipient(), form.part2Purpose(), form.part2Information(),
								form.part2ExpiresOn(), form.part2SignedOn())));
				redirect.addFlashAttribute("flash", "community.sent");
				return "redirect:/patients/" + id + "/community/referrals/" + made;
			}
			catch (DomainException ex) {
				reject(errors, ex);
			}
		}
		return form(id, model);
	}

	private static void reject(BindingResult errors, DomainException ex) {
		String code = ex.code();
		String field = switch (code) {
			case "community.request", "community.request-too-long" -> "request";
			case "community.note-too-long" -> "noteForOrganization";
			case "community.contact" -> "contactPhone";
			case "community.contact-times" -> "contactTimes";
			case "community.contact-language" -> "contactLanguage";
			case "community.service" -> "service";
			case "community.part2-consent", "community.part2-recipient", "community.part2-recipient-other", "community.part2-too-long" -> "part2Recipient";
			case "community.part2-purpose" -> "part2Purpose";
			case "community.part2-information" -> "part2Information";
			case "community.part2-signed", "community.part2-signed-future" -> "part2SignedOn";
			case "community.part2-expires", "community.part2-expired" -> "part2ExpiresOn";
			default -> null;
		};
		if (field != null) errors.rejectValue(field, "error." + code, ex.arguments(), ex.getMessage());
		else errors.reject("error." + code, ex.arguments(), ex.getMessage());
	}

	// ---------------------------------------------------------------- one referral

	private CommunityReferralView mine(UUID patient, UUID referral) {
		CommunityReferralView r = referrals.find(referral).orElseThrow(() -> new NotFoundException("referral", referral));
		if (!r.patient().value().equals(patient)) throw new NotFoundException("referral", referral);
		return r;
	}

	@GetMapping("/{referral}")
	String show(@PathVariable UUID id, @PathVariable UUID referral, Model model) {
		headers.prepare(id, model, "community-referrals");
		model.addAttribute("r", mine(id, referral));
		model.addAttribute("now", Instant.now());
		model.addAttribute("answers", List.of(ReferralStatus.Action.ACCEPT, ReferralStatus.Action.REJECT, ReferralStatus.Action.START,
				ReferralStatus.Action.COMPLETE));
		return "community/referral";
	}

	@PostMapping("/{referral}/cancel")
	String cancel(@PathVariable UUID id, @PathVariable UUID referral, @RequestParam(required = false) @Nullable String reason,
			@RequestParam(required = false, defaultValue = "-1") int version, RedirectAttributes redirect) {
		contributes(id);
		mine(id, referral);
		ChartActions.attempt(redirect, "community.cancelled",
				() -> referrals.act(referral, ReferralStatus.Action.CANCEL, reason, null, null, version));
		return "redirect:/patients/" + id + "/community/referrals/" + referral;
	}

	/** An answer the organisation gave by phone (or otherwise), recorded by the case manager. */
	@PostMapping("/{referral}/answer")
	String answer(@PathVariable UUID id, @PathVariable UUID referral, @RequestParam(required = false) @Nullable String answer,
			@RequestParam(required = false) @Nullable String reason, @RequestParam(required = false) @Nullable String outcome,
			@RequestParam(required = false) @Nullable String note, @RequestParam(required = false, defaultValue = "-1") int version,
			RedirectAttributes redirect) {
		contributes(id);
		mine(id, referral);
		ChartActions.attempt(redirect, "community.answerRecorded", () -> {
			ReferralStatus.Action action = parse(answer);
			if (action == null || action == ReferralStatus.Action.CANCEL || action == ReferralStatus.Action.RECEIVE) {
				throw new DomainException("community.answer", "choose the organisation's answer");
			}
			referrals.act(referral, action, reason, outcome(outcome), note, version);
		});
		return "redirect:/patients/" + id + "/community/referrals/" + referral;
	}

	static ReferralStatus.@Nullable Action parse(@Nullable String action) {
		if (action == null) return null;
		try {
			return ReferralStatus.Action.valueOf(action);
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	static @Nullable ReferralOutcome outcome(@Nullable String outcome) {
		if (outcome == null || outcome.isBlank()) return null;
		try {
			return ReferralOutcome.valueOf(outcome);
		}
		catch (IllegalArgumentException ex) {
			throw new DomainException("community.outcome", "choose the outcome");
		}
	}

	@PostMapping("/{referral}/resend")
	String resend(@PathVariable UUID id, @PathVariable UUID referral, RedirectAttributes redirect) {
		contributes(id);
		mine(id, referral);
		ChartActions.attempt(redirect, "community.resent", () -> referrals.resendLink(referral));
		return "redirect:/patients/" + id + "/community/referrals/" + referral;
	}

	// ---------------------------------------------------------------- the patient's copy

	@GetMapping("/{referral}/copy")
	String copy(@PathVariable UUID id, @PathVariable UUID referral, @RequestParam(required = false) @Nullable String lang,
			Model model) {
		ChartHeader header = headers.prepare(id, model, "community-referrals");
		CommunityReferralView r = mine(id, referral);
		String language = ReferralDocument.language(lang);
		Map<String, String> t = ReferralDocument.texts(language);
		model.addAttribute("r", r);
		model.addAttribute("t", t);
		model.addAttribute("lang", language);
		model.addAttribute("languages", ReferralDocument.LANGUAGES);
		model.addAttribute("sentOn", document.sentOn(r, language));
		model.addAttribute("patientName", header.value(PatientDetails.class)
			.map(d -> d.header().givenName() + " " + d.header().familyName()).orElse(header.name()));
		return "community/referral-copy";
	}

	@GetMapping("/{referral}/copy.pdf")
	ResponseEntity<byte[]> pdf(@PathVariable UUID id, @PathVariable UUID referral, @RequestParam(required = false) @Nullable String lang) {
		mine(id, referral);
		byte[] pdf = referrals.patientCopy(referral, ReferralDocument.language(lang));
		return ResponseEntity.ok()
			.contentType(MediaType.APPLICATION_PDF)
			.header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.inline().filename("referral.pdf").build().toString())
			.header(HttpHeaders.CACHE_CONTROL, "no-store")
			.body(pdf);
	}

	/** The community referrals tab of the chart, after the authorizations. */
	@Component
	static final class Tab implements ChartTab {

		@Override
		public String key() {
			return "community-referrals";
		}

		@Override
		public int order() {
			return 82;
		}

		@Override
		public String path() {
			return "/community/referrals";
		}
	}
}
