package org.caremap.caseload.web;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.caremap.caseload.CaseId;
import org.caremap.caseload.SuggestedMove;
import org.caremap.caseload.Supervision;
import org.caremap.caseload.SupervisionView;
import org.caremap.caseload.TeamMemberLoad;
import org.caremap.patient.PatientHeader;
import org.caremap.patient.PatientRegistry;
import org.caremap.program.ProgramId;
import org.caremap.program.ProgramView;
import org.caremap.program.Programs;
import org.caremap.shared.DomainException;
import org.caremap.shared.PatientId;
import org.caremap.shared.UserId;
import org.jspecify.annotations.Nullable;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The supervisor's supervision page beside the team's caseloads: every case manager's load against their capacity
 * target, overdue work and time since last contact in one sortable table; setting a target with a note; and the
 * suggested rebalancing, applied with one reason for the suggestions ticked.
 */
@Controller
@RequestMapping("/caseload/team/supervision")
@PreAuthorize("hasRole('SUPERVISOR')")
class SupervisionController {

	static final String PATH = "/caseload/team/supervision";

	/** A capacity target as typed. */
	record CapacityForm(@NotNull @Nullable UUID user, @NotNull @Min(1) @Max(1000) @Nullable Integer target,
			@NotBlank @Size(max = 500) @Nullable String note) {
	}

	/** The suggestions ticked (each "case:from:to") and the one reason. */
	record ApplyForm(@Nullable List<String> move, @NotBlank @Size(max = 2000) @Nullable String reason) {

		public List<String> ticked() {
			return move == null ? List.of() : move;
		}
	}

	/** A suggestion with the names to show. */
	record Suggestion(SuggestedMove move, String key, String patient, String program, String from, String to) {
	}

	/** The sort keys of the team's table, each with its one direction. */
	enum Sort {
		LOAD("load", "supervision.load", "descending", Comparator.comparingInt(TeamMemberLoad::percent).reversed()),
		NAME("name", "case.caseManager", "ascending", Comparator.comparing(TeamMemberLoad::name, String.CASE_INSENSITIVE_ORDER)),
		CASES("cases", "case.team.cases", "descending", Comparator.comparingInt(TeamMemberLoad::cases).reversed()),
		WEIGHT("weight", "case.team.weight", "descending", Comparator.comparingInt(TeamMemberLoad::weight).reversed()),
		TARGET("target", "supervision.target", "descending", Comparator.comparingInt(TeamMemberLoad::target).reversed()),
		OVERDUE("overdue", "supervision.overdue", "descending", Comparator.comparingLong(TeamMemberLoad::overdue).reversed()),
		CONTACT("contact", "supervision.contact", "descending", Comparator.comparingInt(TeamMemberLoad::beyondCadence).reversed()
			.thenComparing(Comparator.comparingInt(TeamMemberLoad::longestWithoutContact).reversed()));

		final String key;
		final String label;
		final String aria;
		final Comparator<TeamMemberLoad> order;

		Sort(String key, String label, String aria, Comparator<TeamMemberLoad> order) {
			this.key = key;
			this.label = label;
			this.aria = aria;
			this.order = order;
		}

		public String key() {
			return key;
		}

		/** The message key of the column's header. */
		public String label() {
			return label;
		}

		static Sort of(@Nullable String key) {
			for (Sort s : values()) {
				if (s.key.equals(key)) return s;
			}
			return LOAD;
		}
	}

	/** The header links: each sorts by its column, the sorted one says so. */
	record Links(Sort sort) {

		public String sortUrl(String key) {
			return PATH + "?sort=" + Sort.of(key).key;
		}

		public @Nullable String ariaSort(String key) {
			return sort.key.equals(key) ? sort.aria : null;
		}
	}

	private final Supervision supervision;
	private final PatientRegistry patients;
	private final Programs programs;

	SupervisionController(Supervision supervision, PatientRegistry patients, Programs programs) {
		this.supervision = supervision;
		this.patients = patients;
		this.programs = programs;
	}

	@GetMapping
	String page(@RequestParam(required = false) @Nullable String sort, Model model) {
		return prepare(model, Sort.of(sort));
	}

	private String prepare(Model model, Sort sort) {
		SupervisionView view = supervision.view();
		List<TeamMemberLoad> team = new ArrayList<>(view.team());
		team.sort(sort.order.thenComparing(TeamMemberLoad::name, String.CASE_INSENSITIVE_ORDER)
			.thenComparing(m -> m.user().value()));
		Map<UserId, String> names = view.team().stream()
			.collect(Collectors.toMap(TeamMemberLoad::user, TeamMemberLoad::name, (a, b) -> a));
		Map<PatientId, PatientHeader> headers = view.suggestions().isEmpty() ? Map.of()
				: patients.headers(view.suggestions().stream().map(SuggestedMove::patient).distinct().toList());
		Map<ProgramId, String> programNames = programs.all().stream()
			.collect(Collectors.toMap(ProgramView::id, ProgramView::name, (a, b) -> a));
		List<Suggestion> suggestions = view.suggestions().stream()
			.map(s -> new Suggestion(s, key(s.move()), name(headers.get(s.patient())),
					programNames.getOrDefault(s.program(), ""), names.getOrDefault(s.from(), ""),
					names.getOrDefault(s.to(), "")))
			.toList();
		model.addAttribute("team", team);
		model.addAttribute("suggestions", suggestions);
		model.addAttribute("defaultCapacity", view.defaultCapacity());
		model.addAttribute("links", new Links(sort));
		model.addAttribute("sort", sort.key);
		model.addAttribute("sorts", List.of(Sort.values()));
		model.addAttribute("people", view.team().stream()
			.sorted(Comparator.comparing(TeamMemberLoad::name, String.CASE_INSENSITIVE_ORDER)).toList());
		if (!model.containsAttribute("capacityForm")) model.addAttribute("capacityForm", new CapacityForm(null, null, ""));
		if (!model.containsAttribute("applyForm")) model.addAttribute("applyForm", new ApplyForm(List.of(), ""));
		return "caseload/supervision";
	}

	private static String name(@Nullable PatientHeader header) {
		return header == null ? "" : header.displayName();
	}

	static String key(SuggestedMove.Move move) {
		return move.caseId() + ":" + move.from() + ":" + move.to();
	}

	/** A ticked value back to a move; null when it is not three ids. */
	static SuggestedMove.@Nullable Move move(String value) {
		String[] parts = value.strip().split(":");
		if (parts.length != 3) return null;
		try {
			return new SuggestedMove.Move(new CaseId(UUID.fromString(parts[0])), new UserId(UUID.fromString(parts[1])),
					new UserId(UUID.fromString(parts[2])));
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	@PostMapping("/capacity")
	String capacity(@Valid @ModelAttribute("capacityForm") CapacityForm form, BindingResult errors, Model model,
			RedirectAttributes redirect) {
		if (!errors.hasErrors() && form.user() != null && form.target() != null && form.note() != null) {
			try {
				supervision.setCapacity(new UserId(form.user()), form.target(), form.note());
				redirect.addFlashAttribute("flash", "supervision.capacity.saved");
				return "redirect:" + PATH;
			}
			catch (DomainException ex) {
				String field = switch (ex.code()) {
					case "supervision.target-range" -> "target";
					case "supervision.note-required" -> "note";
					default -> "user";
				};
				errors.rejectValue(field, "error." + ex.code(), ex.arguments(), ex.getMessage());
			}
		}
		return prepare(model, Sort.LOAD);
	}

	@PostMapping("/apply")
	String apply(@Valid @ModelAttribute("applyForm") ApplyForm form, BindingResult errors, Model model,
			RedirectAttributes redirect) {
		List<SuggestedMove.Move> moves = new ArrayList<>();
		for (String value : form.ticked()) {
			SuggestedMove.Move m = move(value);
			if (m == null) {
				errors.rejectValue("move", "supervision.move.invalid");
				break;
			}
			moves.add(m);
		}
		if (form.ticked().isEmpty()) errors.rejectValue("move", "supervision.move.none");
		if (form.ticked().size() > 1000) errors.rejectValue("move", "supervision.move.tooMany");
		if (!errors.hasErrors() && form.reason() != null) {
			try {
				int moved = supervision.apply(moves, form.reason());
				redirect.addFlashAttribute("flash", "case.reassigned");
				redirect.addFlashAttribute("flashArgs", new Object[] { moved });
				return "redirect:" + PATH;
			}
			catch (DomainException ex) {
				String field = ex.code().equals("case.reason-required") ? "reason" : "move";
				errors.rejectValue(field, "error." + ex.code(), ex.arguments(), ex.getMessage());
			}
		}
		return prepare(model, Sort.LOAD);
	}
}
