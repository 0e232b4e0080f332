package org.caremap.team.web;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.caremap.organization.Organizations;
import org.caremap.program.ProgramId;
import org.caremap.program.Programs;
import org.caremap.shared.DomainException;
import org.caremap.team.MeetingSetup;
import org.caremap.team.Meetings;
import org.jspecify.annotations.Nullable;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Recurring team meetings: the list with each meeting's next occurrence (and its conference once opened), the setup
 * form (supervisors), and opening the next meeting, which builds its agenda from the flagged cases.
 */
@Controller
@RequestMapping("/team/meetings")
class MeetingController {

	/** The setup form as typed; {@code forWhom} is "team:&lt;id&gt;" or "program:&lt;id&gt;". */
	record MeetingForm(@NotBlank @Size(max = 200) @Nullable String name, @NotBlank @Size(max = 100) @Nullable String forWhom,
			@NotNull @Nullable DayOfWeek weekday, @NotNull @DateTimeFormat(iso = DateTimeFormat.ISO.TIME) @Nullable LocalTime at,
			@NotNull @Min(15) @Max(480) @Nullable Integer minutes) {
	}

	/** A team or program a meeting may be for. */
	record Choice(String value, String label) {
	}

	private final Meetings meetings;
	private final Organizations organizations;
	private final Programs programs;

	MeetingController(Meetings meetings, Organizations organizations, Programs programs) {
		this.meetings = meetings;
		this.organizations = organizations;
		this.programs = programs;
	}

	@GetMapping
	@PreAuthorize(ConferenceController.READERS)
	String list(Model model) {
		if (!model.containsAttribute("meetingForm")) {
			model.addAttribute("meetingForm", new MeetingForm("", "", DayOfWeek.THURSDAY, LocalTime.of(10, 0), 60));
		}
		return page(model);
	}

	private String page(Model model) {
		model.addAttribute("meetings", meetings.all());
		List<Choice> choices = new ArrayList<>();
		organizations.primary().ifPresent(o -> organizations.teams(o.id())
			.forEach(t -> choices.add(new Choice("team:" + t.id(), t.name()))));
		programs.active().forEach(p -> choices.add(new Choice("program:" + p.id().value(), p.name())));
		model.addAttribute("choices", choices);
		model.addAttribute("weekdays", DayOfWeek.values());
		return "team/meetings";
	}

	@PostMapping
	@PreAuthorize("hasRole('SUPERVISOR')")
	String create(@Valid @ModelAttribute("meetingForm") MeetingForm form, BindingResult errors, Model model, RedirectAttributes redirect,
			HttpServletResponse response) {
		UUID team = null;
		ProgramId program = null;
		if (!errors.hasFieldErrors("forWhom") && form.forWhom() != null) {
			try {
				if (form.forWhom().startsWith("team:")) team = UUID.fromString(form.forWhom().substring(5));
				else if (form.forWhom().startsWith("program:")) program = new ProgramId(UUID.fromString(form.forWhom().substring(8)));
				else errors.rejectValue("forWhom", "error.team.meeting-for", "choose a team or a program");
			}
			catch (IllegalArgumentException ex) {
				errors.rejectValue("forWhom", "error.team.meeting-for", "choose a team or a program");
			}
		}
		if (!errors.hasErrors()) {
			try {
				meetings.create(new MeetingSetup(form.name(), team, program, form.weekday(), form.at(), form.minutes()));
				redirect.addFlashAttribute("flash", "team.meeting.created");
				return "redirect:/team/meetings";
			}
			catch (DomainException ex) {
				String field = switch (ex.code()) {
					case "team.meeting-name", "team.meeting-name-too-long" -> "name";
					case "team.meeting-weekday" -> "weekday";
					case "team.meeting-time" -> "at";
					case "team.meeting-minutes" -> "minutes";
					default -> "forWhom";
				};
				errors.rejectValue(field, "error." + ex.code(), ex.arguments(), ex.getMessage());
			}
		}
		response.setStatus(422);
		return page(model);
	}

	@PostMapping("/{id}/open")
	@PreAuthorize("hasRole('SUPERVISOR')")
	String open(@PathVariable UUID id, RedirectAttributes redirect) {
		UUID conference = meetings.openNext(id);
		redirect.addFlashAttribute("flash", "team.meeting.opened");
		return "redirect:/team/conferences/" + conference;
	}
}
