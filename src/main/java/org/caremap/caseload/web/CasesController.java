package org.caremap.caseload.web;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.caremap.access.Part2Labels;
import org.caremap.access.Segmentation;
import org.caremap.caseload.Acuity;
import org.caremap.caseload.CaseId;
import org.caremap.caseload.Cases;
import org.caremap.chart.ChartActions;
import org.caremap.chart.ChartHeader;
import org.caremap.chart.ChartHeaders;
import org.caremap.chart.ChartPage;
import org.caremap.chart.ChartTab;
import org.caremap.identity.Role;
import org.caremap.identity.UserAccounts;
import org.caremap.shared.DomainException;
import org.caremap.shared.NotFoundException;
import org.caremap.shared.PatientId;
import org.caremap.shared.UserId;
import org.jspecify.annotations.Nullable;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.stereotype.Component;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The chart's cases tab: each of the patient's cases with its consent, acuity and team, and what may be done to an
 * open one (hold, resume, close, change the acuity, add or end a team member).
 */
@ChartPage
@Controller
@RequestMapping("/patients")
class CasesController {

	private final ChartHeaders headers;
	private final Cases cases;
	private final UserAccounts accounts;
	private final Segmentation segmentation;

	CasesController(ChartHeaders headers, Cases cases, UserAccounts accounts, Segmentation segmentation) {
		this.headers = headers;
		this.cases = cases;
		this.accounts = accounts;
		this.segmentation = segmentation;
	}

	@GetMapping("/{id}/cases")
	String casesTab(@PathVariable UUID id, Model model) {
		ChartHeader header = headers.prepare(id, model, "cases");
		CaseFacts facts = header.value(CaseFacts.class).orElseThrow();
		model.addAttribute("cases", facts.all());
		model.addAttribute("facts", facts);
		model.addAttribute("acuities", List.of(Acuity.values()));
		model.addAttribute("teamChoices", accounts.list().stream()
			.filter(u -> u.enabled() && (u.has(Role.CARE_TEAM) || u.has(Role.CASE_MANAGER) || u.has(Role.UTILIZATION_REVIEW)))
			.toList());
		return "caseload/cases";
	}

	@PostMapping("/{id}/cases/{caseId}/{action}")
	String caseAction(@PathVariable UUID id, @PathVariable UUID caseId, @PathVariable String action,
			@RequestParam(defaultValue = "") String reason, @RequestParam(defaultValue = "") String outcome,
			@RequestParam(required = false) @Nullable @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate until,
			@RequestParam(required = false) @Nullable Acuity acuity, @RequestParam(required = false) @Nullable UUID user,
			@RequestParam(defaultValue = "") String role, @RequestParam(required = false) @Nullable UUID member,
			RedirectAttributes redirect) {
		CaseId target = new CaseId(caseId);
		// a case in a Part 2 program the reader is outside of is not theirs to change (nor to learn of)
		if (segmentation.part2(new PatientId(id)).withholds(caseId)) throw Part2Labels.withheld("case");
		ChartActions.attempt(redirect, "chart.case." + action, () -> {
			switch (action) {
				case "hold" -> cases.hold(target, reason, until);
				case "resume" -> cases.resume(target, reason);
				case "close" -> cases.close(target, reason, outcome);
				case "acuity" -> cases.changeAcuity(target, require(acuity), reason);
				case "team" -> cases.addTeamMember(target, new UserId(require(user)), role, LocalDate.now(), null);
				case "team-end" -> cases.endTeamMember(target, require(member), LocalDate.now());
				default -> throw new NotFoundException("action", action);
			}
		});
		return "redirect:/patients/" + id + "/cases";
	}

	private static <T> T require(@Nullable T value) {
		if (value == null) throw new DomainException("form.incomplete", "a choice is missing");
		return value;
	}

	/** The cases tab of the chart, after the timeline. */
	@Component
	static final class Tab implements ChartTab {

		@Override
		public String key() {
			return "cases";
		}

		@Override
		public int order() {
			return 30;
		}

		@Override
		public String path() {
			return "/cases";
		}
	}
}
