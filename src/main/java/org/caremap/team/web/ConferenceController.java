package org.caremap.team.web;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.caremap.caseload.CaseId;
import org.caremap.shared.DomainException;
import org.caremap.shared.NotFoundException;
import org.caremap.shared.UserId;
import org.caremap.team.ConferenceGuest;
import org.caremap.team.ConferencePage;
import org.caremap.team.ConferenceView;
import org.caremap.team.Conferences;
import org.caremap.team.NewConference;
import org.caremap.organization.Organizations;
import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
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
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Case conferences: the list (newest first, paged), the form to plan one (title, when, attendees inside and outside
 * Caremap, cases), and a conference's page (attendees, the agenda with each case's reasons, notes and decisions, sign,
 * cancel). Each form on the page that fails is shown again with what was typed and the error next to its field; a
 * change to a signed conference answers 409. The team module checks each patient's record and audits.
 */
@Controller
@RequestMapping("/team/conferences")
class ConferenceController {

	static final String READERS = "hasAnyRole('CASE_MANAGER', 'SUPERVISOR', 'CARE_TEAM')";
	static final String HOLDERS = "hasAnyRole('CASE_MANAGER', 'SUPERVISOR')";
	private static final int PAGE = 25;

	/** The new-conference form as typed. */
	record ConferenceForm(@NotBlank @Size(max = 200) @Nullable String title,
			@NotNull @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate date,
			@NotNull @DateTimeFormat(iso = DateTimeFormat.ISO.TIME) @Nullable LocalTime time, @Nullable List<UUID> attendees,
			@Size(max = 200) @Nullable String guest1Name, @Size(max = 100) @Nullable String guest1Role,
			@Size(max = 200) @Nullable String guest2Name, @Size(max = 100) @Nullable String guest2Role,
			@Size(max = 200) @Nullable String guest3Name, @Size(max = 100) @Nullable String guest3Role, @Nullable List<UUID> cases) {
	}

	/** A form of the conference page that failed: which one, what was typed, and the errors by field. */
	record Failed(String form, Map<String, String> typed, Map<String, String> errors) {

		public boolean is(String name) {
			return form.equals(name);
		}

		public String value(String field) {
			return typed.getOrDefault(field, "");
		}

		public @Nullable String error(String field) {
			return errors.get(field);
		}
	}

	private final Conferences conferences;
	private final MessageSource messages;
	private final Organizations organizations;

	ConferenceController(Conferences conferences, MessageSource messages, Organizations organizations) {
		this.conferences = conferences;
		this.messages = messages;
		this.organizations = organizations;
	}

	private java.time.ZoneId zone() {
		return organizations.primary().map(o -> o.zone()).orElse(java.time.ZoneOffset.UTC);
	}

	@GetMapping
	@PreAuthorize(READERS)
	String list(@RequestParam(defaultValue = "0") int page, Model model) {
		int p = Math.max(0, Math.min(page, 10_000));
		ConferencePage found = conferences.list(p * PAGE, PAGE);
		model.addAttribute("rows", found.rows());
		model.addAttribute("total", found.total());
		model.addAttribute("page", p);
		model.addAttribute("previousPage", p > 0 ? p - 1 : null);
		model.addAttribute("nextPage", (long) (p + 1) * PAGE < found.total() ? p + 1 : null);
		return "team/conferences";
	}

	// ---------------------------------------------------------------- planning

	@GetMapping("/new")
	@PreAuthorize(HOLDERS)
	String newConference(Model model) {
		if (!model.containsAttribute("conferenceForm")) {
			model.addAttribute("conferenceForm", new ConferenceForm("", LocalDate.now(zone()).plusDays(1), LocalTime.of(10, 0), List.of(), "", "",
					"", "", "", "", List.of()));
		}
		return form(model);
	}

	private String form(Model model) {
		model.addAttribute("staff", conferences.staff());
		model.addAttribute("candidates", conferences.candidates());
		return "team/conference-form";
	}

	@PostMapping("/new")
	@PreAuthorize(HOLDERS)
	String plan(@Valid @ModelAttribute("conferenceForm") ConferenceForm form, BindingResult errors, Model model,
			RedirectAttributes redirect, HttpServletResponse response) {
		if (!errors.hasErrors()) {
			try {
				List<ConferenceGuest> guests = new ArrayList<>();
				addGuest(guests, form.guest1Name(), form.guest1Role());
				addGuest(guests, form.guest2Name(), form.guest2Role());
				addGuest(guests, form.guest3Name(), form.guest3Role());
				UUID made = conferences.plan(new NewConference(form.title(),
						form.date().atTime(form.time()).atZone(zone()).toInstant(),
						form.attendees() == null ? List.of() : form.attendees().stream().map(UserId::new).toList(), guests,
						form.cases() == null ? List.of() : form.cases().stream().map(CaseId::new).toList()));
				redirect.addFlashAttribute("flash", "team.conference.planned");
				return "redirect:/team/conferences/" + made;
			}
			catch (DomainException ex) {
				String field = switch (ex.code()) {
					case "team.conference-title", "team.conference-title-too-long" -> "title";
					case "team.conference-when" -> "date";
					case "team.guest-name", "team.guest-name-too-long" -> "guest1Name";
					case "team.guest-role-too-long" -> "guest1Role";
					case "team.conference-attendee" -> "attendees";
					default -> "cases";
				};
				errors.rejectValue(field, "error." + ex.code(), ex.arguments(), ex.getMessage());
			}
		}
		response.setStatus(422);
		return form(model);
	}

	private static void addGuest(List<ConferenceGuest> guests, @Nullable String name, @Nullable String role) {
		if (name != null && !name.isBlank()) guests.add(new ConferenceGuest(name, role));
		else if (role != null && !role.isBlank()) throw new DomainException("team.guest-name", "give the person's name");
	}

	// ---------------------------------------------------------------- one conference

	@GetMapping("/{id}")
	@PreAuthorize(READERS)
	String conference(@PathVariable UUID id, Model model) {
		ConferenceView c = conferences.find(id).orElseThrow(() -> new NotFoundException("conference", id));
		model.addAttribute("c", c);
		if (c.status().editable()) {
			model.addAttribute("staff", conferences.staff());
			model.addAttribute("owners", conferences.owners(id));
			var onAgenda = c.items().stream().map(ConferenceView.Item::caseId).toList();
			model.addAttribute("candidates", hasHolderRole()
					? conferences.candidates().stream().filter(k -> !onAgenda.contains(k.caseId())).toList() : List.of());
		}
		if (!model.containsAttribute("failed")) model.addAttribute("failed", new Failed("", Map.of(), Map.of()));
		model.addAttribute("today", LocalDate.now(zone()));
		return "team/conference";
	}

	private static boolean hasHolderRole() {
		return org.caremap.identity.CurrentUser.get().map(u -> u.has(org.caremap.identity.Role.CASE_MANAGER)
				|| u.has(org.caremap.identity.Role.SUPERVISOR)).orElse(false);
	}

	/** Runs a change; on a refusal shows the page again with the error by the form's field (409 when it is locked). */
	private String change(UUID id, String form, Map<String, String> typed, Map<String, String> fields, Runnable work,
			String flash, Model model, RedirectAttributes redirect, HttpServletResponse response) {
		try {
			work.run();
			redirect.addFlashAttribute("flash", flash);
			return "redirect:/team/conferences/" + id + (form.startsWith("decision-") || form.startsWith("notes-")
					? "#case-" + form.substring(form.indexOf('-') + 1) : "");
		}
		catch (DomainException ex) {
			if (ex instanceof NotFoundException) throw ex;
			String text = messages.getMessage("error." + ex.code(), ex.arguments(), ex.getMessage(), LocaleContextHolder.getLocale());
			String field = fields.getOrDefault(ex.code(), "form");
			model.addAttribute("failed", new Failed(form, typed, Map.of(field, text)));
			response.setStatus("team.conference-locked".equals(ex.code()) ? 409 : 422);
			return conference(id, model);
		}
	}

	private static Map<String, String> typed(String... pairs) {
		Map<String, String> out = new LinkedHashMap<>();
		for (int i = 0; i + 1 < pairs.length; i += 2) out.put(pairs[i], pairs[i + 1] == null ? "" : pairs[i + 1]);
		return out;
	}

	@PostMapping("/{id}/cases")
	@PreAuthorize(HOLDERS)
	String addCase(@PathVariable UUID id, @RequestParam(name = "case", required = false) @Nullable UUID kase, Model model,
			RedirectAttributes redirect, HttpServletResponse response) {
		return change(id, "case", typed(), Map.of("team.conference-case", "case", "team.conference-case-twice", "case",
				"team.conference-case-closed", "case", "team.conference-too-many", "case"), () -> {
					if (kase == null) throw new DomainException("team.conference-case", "choose one of your cases");
					conferences.addCase(id, new CaseId(kase));
				}, "team.conference.caseAdded", model, redirect, response);
	}

	@PostMapping("/{id}/attendees")
	@PreAuthorize(HOLDERS)
	String addAttendee(@PathVariable UUID id, @RequestParam(required = false) @Nullable UUID user, Model model,
			RedirectAttributes redirect, HttpServletResponse response) {
		return change(id, "attendee", typed(), Map.of("team.conference-attendee", "user"), () -> {
			if (user == null) throw new DomainException("team.conference-attendee", "choose someone on the staff");
			conferences.addAttendee(id, new UserId(user));
		}, "team.conference.attendeeAdded", model, redirect, response);
	}

	@PostMapping("/{id}/guests")
	@PreAuthorize(HOLDERS)
	String addGuest(@PathVariable UUID id, @RequestParam(required = false) @Nullable String guestName,
			@RequestParam(required = false) @Nullable String guestRole, Model model, RedirectAttributes redirect,
			HttpServletResponse response) {
		return change(id, "guest", typed("guestName", guestName, "guestRole", guestRole),
				Map.of("team.guest-name", "guestName", "team.guest-name-too-long", "guestName", "team.guest-role-too-long", "guestRole"),
				() -> conferences.addGuest(id, new ConferenceGuest(guestName == null ? "" : guestName, guestRole)),
				"team.conference.attendeeAdded", model, redirect, response);
	}

	@PostMapping("/{id}/cases/{item}/notes")
	@PreAuthorize(READERS)
	String notes(@PathVariable UUID id, @PathVariable UUID item, @RequestParam(required = false) @Nullable String notes, Model model,
			RedirectAttributes redirect, HttpServletResponse response) {
		return change(id, "notes-" + item, typed("notes", notes), Map.of("team.conference-notes-too-long", "notes"),
				() -> conferences.saveNotes(id, item, notes), "team.conference.notesSaved", model, redirect, response);
	}

	@PostMapping("/{id}/cases/{item}/decisions")
	@PreAuthorize(READERS)
	String decide(@PathVariable UUID id, @PathVariable UUID item, @RequestParam(required = false) @Nullable String text,
			@RequestParam(required = false) @Nullable UUID owner,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate dueOn, Model model,
			RedirectAttributes redirect, HttpServletResponse response) {
		return change(id, "decision-" + item, typed("text", text, "owner", owner == null ? "" : owner.toString(), "dueOn",
				dueOn == null ? "" : dueOn.toString()),
				Map.of("team.decision-text", "text", "team.decision-text-too-long", "text", "team.decision-owner", "owner",
						"team.decision-owner-no-access", "owner", "team.decision-due", "dueOn", "team.decision-due-past", "dueOn"),
				() -> conferences.recordDecision(id, item, text == null ? "" : text, owner == null ? null : new UserId(owner), dueOn),
				owner == null ? "team.conference.decided" : "team.conference.decidedTask", model, redirect, response);
	}

	@PostMapping("/{id}/sign")
	@PreAuthorize(HOLDERS)
	String sign(@PathVariable UUID id, Model model, RedirectAttributes redirect, HttpServletResponse response) {
		return change(id, "sign", typed(), Map.of(), () -> conferences.sign(id), "team.conference.signed", model, redirect, response);
	}

	@PostMapping("/{id}/cancel")
	@PreAuthorize(HOLDERS)
	String cancel(@PathVariable UUID id, @RequestParam(required = false) @Nullable String reason, Model model,
			RedirectAttributes redirect, HttpServletResponse response) {
		return change(id, "cancel", typed("reason", reason), Map.of("team.conference-cancel-reason", "reason",
				"team.conference-cancel-reason-too-long", "reason"), () -> conferences.cancel(id, reason == null ? "" : reason),
				"team.conference.cancelled", model, redirect, response);
	}
}
