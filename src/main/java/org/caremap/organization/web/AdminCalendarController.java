package org.caremap.organization.web;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

import org.caremap.organization.OrganizationView;
import org.caremap.organization.Organizations;
import org.caremap.shared.DomainException;
import org.jspecify.annotations.Nullable;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The business calendar: the organisation's time zone and its holidays, which every business-day clock uses. */
@Controller
@RequestMapping("/admin/calendar")
class AdminCalendarController {

	private final Organizations organizations;

	AdminCalendarController(Organizations organizations) {
		this.organizations = organizations;
	}

	private OrganizationView org() {
		return organizations.primary().orElseThrow(() -> new DomainException("organization.missing", "none"));
	}

	@GetMapping
	String page(Model model) {
		OrganizationView org = org();
		model.addAttribute("organization", org);
		model.addAttribute("holidays", organizations.holidayList(org.id()));
		model.addAttribute("zones", List.of("America/New_York", "America/Chicago", "America/Denver", "America/Phoenix",
				"America/Los_Angeles", "America/Anchorage", "Pacific/Honolulu", "America/Puerto_Rico", "UTC"));
		return "organization/calendar";
	}

	@PostMapping("/holidays")
	String add(@RequestParam(required = false) @Nullable @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate day,
			@RequestParam(defaultValue = "") String name, RedirectAttributes redirect) {
		if (day == null || name.isBlank()) {
			redirect.addFlashAttribute("flashError", "calendar.incomplete");
			return "redirect:/admin/calendar";
		}
		organizations.addHoliday(org().id(), day, name.trim());
		redirect.addFlashAttribute("flash", "calendar.saved");
		return "redirect:/admin/calendar";
	}

	@PostMapping("/holidays/remove")
	String remove(@RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate day, RedirectAttributes redirect) {
		organizations.removeHoliday(org().id(), day);
		redirect.addFlashAttribute("flash", "calendar.saved");
		return "redirect:/admin/calendar";
	}

	@PostMapping("/zone")
	String zone(@RequestParam(defaultValue = "") String zone, RedirectAttributes redirect) {
		try {
			organizations.changeTimeZone(org().id(), ZoneId.of(zone));
			redirect.addFlashAttribute("flash", "calendar.saved");
		}
		catch (DateTimeException ex) {
			redirect.addFlashAttribute("flashError", "calendar.badZone");
		}
		return "redirect:/admin/calendar";
	}
}
