package org.caremap.referral.web;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.caremap.identity.UserAccounts;
import org.caremap.identity.UserView;
import org.caremap.patient.PatientHeader;
import org.caremap.patient.PatientRegistry;
import org.caremap.program.ProgramId;
import org.caremap.program.ProgramView;
import org.caremap.program.Programs;
import org.caremap.referral.NewReferral;
import org.caremap.referral.QueueEntry;
import org.caremap.referral.QueueFilter;
import org.caremap.referral.ReferralId;
import org.caremap.referral.ReferralSource;
import org.caremap.referral.ReferralStatus;
import org.caremap.referral.ReferralView;
import org.caremap.referral.Referrals;
import org.caremap.referral.Urgency;
import org.caremap.shared.DomainException;
import org.caremap.shared.NotFoundException;
import org.caremap.shared.PatientId;
import org.caremap.shared.UserId;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The referral queue, a new referral, and one referral with its screening actions. */
@Controller
@RequestMapping("/referrals")
class ReferralController {

	record ReferralForm(@NotNull @Nullable UUID patientId, @NotNull @Nullable UUID programId,
			@NotNull @Nullable ReferralSource source, @Size(max = 200) @Nullable String sourceName,
			@Size(max = 200) @Nullable String sourceContact, @NotBlank @Size(max = 4000) String reason,
			@NotNull @Nullable Urgency urgency) {
	}

	/** A queue row with what the page shows beside it. */
	record Row(QueueEntry entry, @Nullable PatientHeader patient, String program, @Nullable String claimedBy,
			Duration waiting) {
	}

	private final Referrals referrals;
	private final PatientRegistry patients;
	private final Programs programs;
	private final UserAccounts accounts;

	ReferralController(Referrals referrals, PatientRegistry patients, Programs programs, UserAccounts accounts) {
		this.referrals = referrals;
		this.patients = patients;
		this.programs = programs;
		this.accounts = accounts;
	}

	@ModelAttribute
	void choices(Model model) {
		model.addAttribute("sources", List.of(ReferralSource.values()));
		model.addAttribute("urgencies", List.of(Urgency.values()));
		model.addAttribute("statuses", List.of(ReferralStatus.values()));
	}

	@GetMapping
	String queue(@RequestParam(required = false) @Nullable Set<ReferralStatus> status,
			@RequestParam(required = false) @Nullable Urgency urgency,
			@RequestParam(required = false) @Nullable UUID program,
			@RequestParam(required = false) @Nullable ReferralSource source, Model model) {
		List<QueueEntry> entries = referrals.queue(new QueueFilter(status == null ? Set.of() : status, urgency,
				program == null ? null : new ProgramId(program), source, 200));
		Map<PatientId, PatientHeader> headers = patients.headers(entries.stream().map(QueueEntry::patient).toList());
		Map<ProgramId, String> programNames = programs.all().stream()
			.collect(Collectors.toMap(ProgramView::id, ProgramView::name));
		Map<UserId, String> names = names(entries.stream().map(QueueEntry::claimedBy).filter(java.util.Objects::nonNull)
			.collect(Collectors.toSet()));
		Instant now = Instant.now();
		model.addAttribute("rows", entries.stream()
			.map(e -> new Row(e, headers.get(e.patient()), programNames.getOrDefault(e.program(), ""),
					e.claimedBy() == null ? null : names.get(e.claimedBy()), Duration.between(e.receivedAt(), now)))
			.toList());
		model.addAttribute("programs", programs.all());
		model.addAttribute("selectedStatuses", status == null || status.isEmpty()
				? EnumSet.of(ReferralStatus.RECEIVED, ReferralStatus.SCREENING) : status);
		model.addAttribute("selectedUrgency", urgency);
		model.addAttribute("selectedProgram", program);
		model.addAttribute("selectedSource", source);
		return "referral/queue";
	}

	@PostMapping("/{id}/claim")
	String claim(@PathVariable UUID id, RedirectAttributes redirect) {
		try {
			referrals.claim(new ReferralId(id));
			redirect.addFlashAttribute("flash", "referral.claimed");
			return "redirect:/referrals/" + id;
		}
		catch (DomainException ex) {
			redirect.addFlashAttribute("flashError", "error." + ex.code());
			redirect.addFlashAttribute("flashArgs", ex.arguments());
			return "redirect:/referrals";
		}
	}

	@GetMapping("/new")
	String newReferral(@RequestParam(required = false) @Nullable UUID patient,
			@RequestParam(required = false) @Nullable String q, Model model) {
		model.addAttribute("form", new ReferralForm(patient, null, null, null, null, "", Urgency.ROUTINE));
		return prepareNew(model, patient, q);
	}

	private String prepareNew(Model model, @Nullable UUID patient, @Nullable String q) {
		model.addAttribute("programs", programs.active());
		model.addAttribute("q", q == null ? "" : q);
		if (q != null && !q.isBlank()) model.addAttribute("matches", patients.search(q, 20));
		if (patient != null) {
			model.addAttribute("chosen", patients.headers(List.of(new PatientId(patient))).get(new PatientId(patient)));
		}
		return "referral/new";
	}

	@PostMapping("/new")
	String create(@Valid @ModelAttribute("form") ReferralForm form, BindingResult errors, Model model,
			RedirectAttributes redirect) {
		if (errors.hasErrors()) return prepareNew(model, form.patientId(), null);
		try {
			ReferralId id = referrals.receive(new NewReferral(new PatientId(form.patientId()),
					new ProgramId(form.programId()), form.source(), form.sourceName(), form.sourceContact(), form.reason(),
					form.urgency()));
			redirect.addFlashAttribute("flash", "referral.received");
			return "redirect:/referrals/" + id;
		}
		catch (DomainException ex) {
			errors.rejectValue("programId", "error." + ex.code(), ex.arguments(), ex.getMessage());
			return prepareNew(model, form.patientId(), null);
		}
	}

	@GetMapping("/{id}")
	String show(@PathVariable UUID id, Model model) {
		ReferralView referral = referrals.find(new ReferralId(id)).orElseThrow(() -> new NotFoundException("referral", id));
		model.addAttribute("referral", referral);
		model.addAttribute("patient", patients.headers(List.of(referral.patient())).get(referral.patient()));
		model.addAttribute("program", programs.find(referral.program()).map(ProgramView::name).orElse(""));
		model.addAttribute("claimedBy", referral.claimedBy() == null ? null
				: accounts.find(referral.claimedBy()).map(UserView::displayName).orElse(""));
		model.addAttribute("waiting", Duration.between(referral.receivedAt(), Instant.now()));
		return "referral/detail";
	}

	@PostMapping("/{id}/release")
	String release(@PathVariable UUID id, @RequestParam(defaultValue = "") String note, RedirectAttributes redirect) {
		return act(id, redirect, "referral.released", () -> referrals.release(new ReferralId(id), note));
	}

	@PostMapping("/{id}/decline")
	String decline(@PathVariable UUID id, @RequestParam(defaultValue = "") String reason, RedirectAttributes redirect) {
		return act(id, redirect, "referral.declined", () -> referrals.decline(new ReferralId(id), reason));
	}

	@PostMapping("/{id}/withdraw")
	String withdraw(@PathVariable UUID id, @RequestParam(defaultValue = "") String reason, RedirectAttributes redirect) {
		return act(id, redirect, "referral.withdrawn", () -> referrals.withdraw(new ReferralId(id), reason));
	}

	@PostMapping("/{id}/reopen")
	String reopen(@PathVariable UUID id, @RequestParam(defaultValue = "") String note, RedirectAttributes redirect) {
		return act(id, redirect, "referral.reopened", () -> referrals.reopen(new ReferralId(id), note));
	}

	@PostMapping("/{id}/documents")
	String upload(@PathVariable UUID id, @RequestParam("document") MultipartFile document, RedirectAttributes redirect) {
		return act(id, redirect, "referral.documentAdded", () -> {
			try {
				referrals.attach(new ReferralId(id), document.getOriginalFilename() == null ? "document"
						: document.getOriginalFilename(), document.getContentType() == null ? "" : document.getContentType(),
						document.getBytes());
			}
			catch (java.io.IOException ex) {
				throw new DomainException("referral.document-unreadable", ex.getMessage() == null ? "" : ex.getMessage());
			}
		});
	}

	@GetMapping("/{id}/documents/{document}")
	ResponseEntity<byte[]> download(@PathVariable UUID id, @PathVariable UUID document) {
		Referrals.Document d = referrals.document(new ReferralId(id), document)
			.orElseThrow(() -> new NotFoundException("document", document));
		return ResponseEntity.ok()
			.contentType(MediaType.parseMediaType(d.contentType()))
			.header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + d.filename().replace("\"", "") + "\"")
			.header("X-Content-Type-Options", "nosniff")
			.body(d.content());
	}

	private String act(UUID id, RedirectAttributes redirect, String okKey, Runnable action) {
		try {
			action.run();
			redirect.addFlashAttribute("flash", okKey);
		}
		catch (DomainException ex) {
			redirect.addFlashAttribute("flashError", "error." + ex.code());
			redirect.addFlashAttribute("flashArgs", ex.arguments());
		}
		return "redirect:/referrals/" + id;
	}

	private Map<UserId, String> names(Set<UserId> ids) {
		return new HashSet<>(ids).stream()
			.map(accounts::find)
			.flatMap(java.util.Optional::stream)
			.collect(Collectors.toMap(UserView::id, UserView::displayName, (a, b) -> a));
	}
}
