package org.caremap.billing.web;

import java.nio.charset.StandardCharsets;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.UUID;

import org.caremap.billing.DecisionMaking;
import org.caremap.billing.WorksheetSummary;
import org.caremap.billing.WorksheetView;
import org.caremap.billing.Worksheets;
import org.caremap.caseload.CaseId;
import org.caremap.organization.Organizations;
import org.caremap.organization.ProviderDirectory;
import org.caremap.organization.ProviderView;
import org.caremap.program.ProgramId;
import org.caremap.program.Programs;
import org.caremap.shared.DomainException;
import org.caremap.shared.NotFoundException;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The supervisor's billing pages: the monthly worksheets (program, billing practitioner, month, state, totals), one
 * worksheet with its patients, codes, minutes, work and reasons, the decision making per patient while it is a draft,
 * sign-off, correction and the CSV export. The module API refuses anyone but supervisors.
 */
@Controller
class WorksheetsController {

	private final Worksheets worksheets;
	private final Programs programs;
	private final Organizations organizations;
	private final ProviderDirectory providers;

	WorksheetsController(Worksheets worksheets, Programs programs, Organizations organizations, ProviderDirectory providers) {
		this.providers = providers;
		this.worksheets = worksheets;
		this.programs = programs;
		this.organizations = organizations;
	}

	@GetMapping("/billing/worksheets")
	String list(@RequestParam(required = false) @Nullable String month, Model model) {
		YearMonth shown = month(month);
		model.addAttribute("month", shown);
		model.addAttribute("worksheets", worksheets.list(shown));
		// the programs this supervisor supervises: their worksheets are hers to generate and sign off
		java.util.Set<ProgramId> mine = programs.supervisedBy(org.caremap.identity.CurrentUser.require().id());
		model.addAttribute("programs", programs.active().stream().filter(p -> mine.contains(p.id())).toList());
		java.util.Map<ProgramId, Worksheets.ProgramBilling> billing = new java.util.HashMap<>();
		worksheets.programBilling().forEach(b -> billing.put(b.program(), b));
		model.addAttribute("billing", billing);
		model.addAttribute("practitioners", organizations.primary().map(o -> providers.all(o.id())).orElse(java.util.List.of())
			.stream().filter(p -> p.kind() == ProviderView.Kind.PRACTITIONER).toList());
		return "billing/worksheets";
	}

	@PostMapping("/billing/worksheets/generate")
	String generate(@RequestParam(defaultValue = "") String program, @RequestParam(defaultValue = "") String month,
			RedirectAttributes redirect) {
		YearMonth m = month(month);
		try {
			ProgramId id = new ProgramId(UUID.fromString(program));
			int made = worksheets.generate(id, m).size();
			redirect.addFlashAttribute("flash", "billing.generated");
			redirect.addFlashAttribute("flashArgs", new Object[] { made });
		}
		catch (IllegalArgumentException ex) {
			redirect.addFlashAttribute("flashError", "billing.chooseProgram");
		}
		catch (DomainException ex) {
			failed(redirect, ex);
		}
		return "redirect:/billing/worksheets?month=" + m;
	}

	@PostMapping("/billing/programs/{id}")
	String configure(@PathVariable UUID id, @RequestParam(defaultValue = "") String practitioner,
			@RequestParam(defaultValue = "false") boolean bhi, @RequestParam(defaultValue = "") String month,
			RedirectAttributes redirect) {
		try {
			worksheets.configureProgram(new ProgramId(id), UUID.fromString(practitioner), bhi);
			redirect.addFlashAttribute("flash", "billing.programSaved");
		}
		catch (IllegalArgumentException ex) {
			redirect.addFlashAttribute("flashError", "billing.choosePractitioner");
		}
		catch (DomainException ex) {
			failed(redirect, ex);
		}
		return "redirect:/billing/worksheets?month=" + month(month);
	}

	@GetMapping("/billing/worksheets/{id}")
	String detail(@PathVariable UUID id, Model model) {
		WorksheetView view = worksheets.find(id).orElseThrow(() -> new NotFoundException("worksheet", id));
		model.addAttribute("w", view);
		model.addAttribute("levels", DecisionMaking.values());
		model.addAttribute("draft", view.summary().status() == WorksheetSummary.Status.DRAFT);
		return "billing/worksheet";
	}

	@PostMapping("/billing/worksheets/{id}/sign")
	String sign(@PathVariable UUID id, RedirectAttributes redirect) {
		try {
			worksheets.sign(id);
			redirect.addFlashAttribute("flash", "billing.signed");
		}
		catch (DomainException ex) {
			failed(redirect, ex);
		}
		return "redirect:/billing/worksheets/" + id;
	}

	@PostMapping("/billing/worksheets/{id}/correct")
	String correct(@PathVariable UUID id, @RequestParam(defaultValue = "") String reason, RedirectAttributes redirect) {
		try {
			WorksheetSummary next = worksheets.correct(id, reason);
			redirect.addFlashAttribute("flash", "billing.corrected");
			return "redirect:/billing/worksheets/" + next.id();
		}
		catch (DomainException ex) {
			failed(redirect, ex);
			return "redirect:/billing/worksheets/" + id;
		}
	}

	@PostMapping("/billing/worksheets/{id}/decision-making")
	String decisionMaking(@PathVariable UUID id, @RequestParam(defaultValue = "") String caseId,
			@RequestParam(defaultValue = "") String level, RedirectAttributes redirect) {
		try {
			worksheets.recordDecisionMaking(id, new CaseId(UUID.fromString(caseId)), DecisionMaking.valueOf(level));
			redirect.addFlashAttribute("flash", "billing.mdmSaved");
		}
		catch (IllegalArgumentException ex) {
			redirect.addFlashAttribute("flashError", "billing.chooseLevel");
		}
		catch (DomainException ex) {
			failed(redirect, ex);
		}
		return "redirect:/billing/worksheets/" + id;
	}

	@GetMapping("/billing/worksheets/{id}/csv")
	ResponseEntity<byte[]> csv(@PathVariable UUID id, Locale locale) {
		String csv = worksheets.csv(id, locale);
		return ResponseEntity.ok()
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.attachment().filename("billing-worksheet-" + id + ".csv").build().toString())
			.contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
			.body(csv.getBytes(StandardCharsets.UTF_8));
	}

	/** The month asked for (yyyy-MM), else the current month in the organisation's zone. */
	private YearMonth month(@Nullable String month) {
		if (month != null && !month.isBlank()) {
			try {
				return YearMonth.parse(month.trim());
			}
			catch (DateTimeParseException ex) {
				// an unreadable month shows the current one
			}
		}
		return YearMonth.from(organizations.today());
	}

	private static void failed(RedirectAttributes redirect, DomainException ex) {
		redirect.addFlashAttribute("flashError", "error." + ex.code());
		redirect.addFlashAttribute("flashArgs", ex.arguments());
	}
}
