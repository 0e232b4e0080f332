package org.caremap.utilization.web;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

import org.caremap.organization.Organizations;
import org.caremap.utilization.AuthorizationWorkRow;
import org.caremap.utilization.Authorizations;
import org.caremap.utilization.PayerRules;
import org.jspecify.annotations.Nullable;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The utilization review nurse's and case manager's work list (decisions owed by due time, approvals expiring or used
 * up, appeals to file, of the patients they may read) and the turnaround report per payer, for supervisors and
 * reviewers. Each list is read through the utilization module, which scopes it to the reader and audits it.
 */
@Controller
@RequestMapping("/utilization")
class UtilizationController {

	static final int LIMIT = 200;

	private final Authorizations authorizations;
	private final Organizations organizations;
	private final PayerRules rules;

	UtilizationController(Authorizations authorizations, Organizations organizations, PayerRules rules) {
		this.authorizations = authorizations;
		this.organizations = organizations;
		this.rules = rules;
	}

	private ZoneId zone() {
		return organizations.primary().map(o -> o.zone()).orElse(ZoneId.systemDefault());
	}

	@GetMapping("/authorizations")
	@PreAuthorize("hasAnyRole('CASE_MANAGER', 'SUPERVISOR', 'UTILIZATION_REVIEW')")
	String workList(Model model) {
		LocalDate today = LocalDate.now(zone());
		List<AuthorizationWorkRow> rows = authorizations.workList(today, LIMIT);
		model.addAttribute("decisions", rows.stream().filter(r -> r.kind() == AuthorizationWorkRow.Kind.DECISION).toList());
		model.addAttribute("running", rows.stream()
			.filter(r -> r.kind() == AuthorizationWorkRow.Kind.EXPIRING || r.kind() == AuthorizationWorkRow.Kind.USED_UP).toList());
		model.addAttribute("appeals", rows.stream().filter(r -> r.kind() == AuthorizationWorkRow.Kind.APPEAL).toList());
		model.addAttribute("now", Instant.now());
		model.addAttribute("today", today);
		model.addAttribute("limit", LIMIT);
		return "utilization/work-list";
	}

	@GetMapping("/turnaround")
	@PreAuthorize("hasAnyRole('SUPERVISOR', 'UTILIZATION_REVIEW')")
	String turnaround(@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate from,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate to, Model model) {
		LocalDate end = to == null ? LocalDate.now(zone()).plusDays(1) : to;
		LocalDate start = from == null ? end.minusDays(90) : from;
		if (start.isAfter(end)) start = end;
		if (start.isBefore(end.minusYears(3))) start = end.minusYears(3);
		model.addAttribute("rows", authorizations.turnaround(start, end));
		model.addAttribute("from", start);
		model.addAttribute("to", end);
		model.addAttribute("rules", rules.all());
		return "utilization/turnaround";
	}
}
