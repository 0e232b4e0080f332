package org.caremap.community.web;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

import org.caremap.community.CommunityReferrals;
import org.caremap.organization.Organizations;
import org.jspecify.annotations.Nullable;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * A case manager's referrals waiting for an answer (overdue first, then recently closed), and the supervisors' report:
 * referrals per need and per organisation, the share closed, the median days to close, the needs met.
 */
@Controller
class CommunityWorkController {

	private final CommunityReferrals referrals;
	private final Organizations organizations;

	CommunityWorkController(CommunityReferrals referrals, Organizations organizations) {
		this.referrals = referrals;
		this.organizations = organizations;
	}

	@GetMapping("/community/referrals/mine")
	@PreAuthorize("hasAnyRole('CASE_MANAGER', 'SUPERVISOR')")
	String mine(Model model) {
		model.addAttribute("rows", referrals.mine(200));
		model.addAttribute("now", Instant.now());
		return "community/mine";
	}

	@GetMapping("/community/referrals/report")
	@PreAuthorize("hasRole('SUPERVISOR')")
	String report(@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate from,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate to, Model model) {
		LocalDate today = LocalDate.now(organizations.primary().map(o -> o.zone()).orElse(ZoneOffset.UTC));
		LocalDate end = to == null ? today : to;
		LocalDate start = from == null ? end.minusDays(89) : from;
		if (end.isBefore(start) || start.plusYears(5).isBefore(end)) {
			model.addAttribute("badPeriod", true);
			start = today.minusDays(89);
			end = today;
		}
		model.addAttribute("report", referrals.report(start, end));
		return "community/report";
	}
}
