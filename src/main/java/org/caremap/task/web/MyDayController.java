package org.caremap.task.web;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.caremap.identity.CurrentUser;
import org.caremap.shared.DomainException;
import org.caremap.task.TimeSpent;
import org.caremap.task.TaskId;
import org.caremap.task.TaskType;
import org.caremap.task.Tasks;
import org.caremap.task.WorklistRow;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** "My day": what is due, what is late, what waits in the team queue; complete or claim from the row. */
@Controller
class MyDayController {

	private final Tasks tasks;
	private final org.caremap.organization.Organizations organizations;
	private final MyDayVisits visits;
	private final org.caremap.identity.UserAccounts accounts;

	/** How far back "handled for you while you were away" looks. */
	static final int HANDLED_DAYS = 14;

	MyDayController(Tasks tasks, org.caremap.organization.Organizations organizations, MyDayVisits visits,
			org.caremap.identity.UserAccounts accounts) {
		this.accounts = accounts;
		this.tasks = tasks;
		this.organizations = organizations;
		this.visits = visits;
	}

	/** How far ahead the day's list looks; later work is counted, and listed on request. */
	static final int AHEAD_DAYS = 7;

	/**
	 * The orders "My day" can be read in; the default is the worklist's own ranking (safety work first, then late work
	 * by lateness, a patient's tasks together). Each other order keeps the user's own work before the team queues' and
	 * falls back to the ranking on ties.
	 */
	enum Sort {
		RANK("rank", null, null),
		DUE("due", "ascending", Comparator.comparing((WorklistRow r) -> r.task().due(),
				Comparator.nullsLast(Comparator.<Instant>naturalOrder()))),
		PATIENT("patient", "ascending", Comparator.comparing(WorklistRow::patientName, String.CASE_INSENSITIVE_ORDER)),
		TASK("task", "ascending", Comparator.comparing((WorklistRow r) -> r.task().title(), String.CASE_INSENSITIVE_ORDER)),
		PRIORITY("priority", "descending", Comparator.comparing((WorklistRow r) -> r.task().priority(),
				Comparator.reverseOrder()));

		final String key;
		final @Nullable String aria;
		final @Nullable Comparator<WorklistRow> order;

		Sort(String key, @Nullable String aria, @Nullable Comparator<WorklistRow> order) {
			this.key = key;
			this.aria = aria;
			this.order = order;
		}

		public String key() {
			return key;
		}

		static Sort of(@Nullable String key) {
			for (Sort s : values()) {
				if (s.key.equals(key)) return s;
			}
			return RANK;
		}

		/** The ranked rows in this order (a stable sort: ties keep the ranking). */
		List<WorklistRow> apply(List<WorklistRow> ranked) {
			if (order == null) return ranked;
			List<WorklistRow> sorted = new java.util.ArrayList<>(ranked);
			sorted.sort(Comparator.comparing(WorklistRow::teamQueue).thenComparing(order));
			return sorted;
		}
	}

	/** The links of "My day": each keeps the sort, the filters and "show all" as GET parameters. */
	record Links(Sort sort, @Nullable TaskType kind, boolean overdue, boolean all) {

		public String sortUrl(String key) {
			return url(Sort.of(key), kind, overdue, all);
		}

		public @Nullable String ariaSort(String key) {
			return sort.key.equals(key) ? sort.aria : null;
		}

		public String showAll() {
			return url(sort, kind, overdue, true);
		}

		public String showWeek() {
			return url(sort, kind, overdue, false);
		}

		public String clear() {
			return url(Sort.RANK, null, false, all);
		}

		public boolean filtered() {
			return kind != null || overdue;
		}

		private static String url(Sort s, @Nullable TaskType kind, boolean overdue, boolean all) {
			var b = org.springframework.web.util.UriComponentsBuilder.fromPath("/myday");
			if (s != Sort.RANK) b.queryParam("sort", s.key);
			if (kind != null) b.queryParam("kind", kind);
			if (overdue) b.queryParam("overdue", true);
			if (all) b.queryParam("all", true);
			return b.encode().build().toUriString();
		}
	}

	@GetMapping("/myday")
	String myDay(@RequestParam(required = false) @Nullable String all, @RequestParam(required = false) @Nullable String sort,
			@RequestParam(required = false) @Nullable String kind, @RequestParam(required = false) @Nullable String overdue,
			Model model) {
		boolean everything = "true".equals(all);
		boolean lateOnly = "true".equals(overdue) || "on".equals(overdue);
		Sort order = Sort.of(sort);
		TaskType type = type(kind);
		// through the end of the seventh day from today, in the organisation's zone
		java.time.ZoneId zone = organizations.primary().map(o -> o.zone()).orElse(java.time.ZoneOffset.UTC);
		Instant horizon = everything ? null : java.time.LocalDate.now(zone).plusDays(AHEAD_DAYS + 1).atStartOfDay(zone).toInstant();
		// one read of the worklist's read model: the rows, the count of later work, for whom rows are done
		org.caremap.task.Worklist worklist = tasks.worklist(CurrentUser.require().id(), horizon, zone);
		List<WorklistRow> day = worklist.rows();
		Map<String, Long> counts = new java.util.LinkedHashMap<>();
		for (WorklistRow.Bucket bucket : WorklistRow.Bucket.values()) {
			counts.put(bucket.name(), day.stream().filter(r -> r.bucket() == bucket).count());
		}
		List<WorklistRow> rows = order.apply(day.stream()
			.filter(r -> type == null || r.task().type() == type)
			.filter(r -> !lateOnly || r.bucket() == WorklistRow.Bucket.OVERDUE)
			.toList());
		model.addAttribute("rows", rows);
		model.addAttribute("shown", rows.size());
		model.addAttribute("listed", day.size());
		model.addAttribute("groups", groups(rows));
		model.addAttribute("counts", counts);
		model.addAttribute("all", everything);
		model.addAttribute("links", new Links(order, type, lateOnly, everything));
		model.addAttribute("sorts", List.of(Sort.values()));
		model.addAttribute("kinds", List.of(TaskType.values()));
		// the time-spent choices of every row's form, given once: a type looked up from the template is looked up on
		// every row, through the class loader (half of the page's time at 200 rows, in a profile at 1M patients)
		model.addAttribute("timeOfChoices", List.of(TimeSpent.Whose.values()));
		model.addAttribute("workKinds", List.of(TimeSpent.WorkKind.values()));
		model.addAttribute("later", worklist.later());
		model.addAttribute("now", Instant.now());
		model.addAttribute("visits", visits.visits(zone));
		// cover and on call: whom each row is done for, and what others were given for the user
		Map<TaskId, org.caremap.shared.UserId> forWhom = new java.util.HashMap<>();
		rows.forEach(r -> {
			if (worklist.actingFor().containsKey(r.task().id())) forWhom.put(r.task().id(), worklist.actingFor().get(r.task().id()));
		});
		Map<org.caremap.shared.UserId, String> names = forWhom.isEmpty() ? Map.of() : accounts.displayNames(forWhom.values());
		Map<TaskId, String> acting = new java.util.HashMap<>();
		forWhom.forEach((task, owner) -> acting.put(task, names.getOrDefault(owner, "")));
		model.addAttribute("acting", acting);
		model.addAttribute("handled", tasks.handledFor(CurrentUser.require().id(),
				Instant.now().minus(java.time.Duration.ofDays(HANDLED_DAYS)), 50));
		model.addAttribute("handledDays", HANDLED_DAYS);
		return "task/myday";
	}

	/** The kind of task asked for; anything unknown is no filter. */
	private static @Nullable TaskType type(@Nullable String kind) {
		if (kind == null || kind.isBlank()) return null;
		for (TaskType t : TaskType.values()) {
			if (t.name().equals(kind.strip())) return t;
		}
		return null;
	}

	/** A patient's rows, shown together under the patient's name when there are several. */
	record PatientRows(WorklistRow first, List<WorklistRow> rows) {

		public boolean several() {
			return rows.size() > 1;
		}
	}

	/** The worklist comes ranked with each patient's rows together: cut it where the patient changes. */
	static List<PatientRows> groups(List<WorklistRow> rows) {
		List<PatientRows> groups = new java.util.ArrayList<>();
		List<WorklistRow> current = new java.util.ArrayList<>();
		for (WorklistRow r : rows) {
			if (!current.isEmpty() && (!current.get(0).patient().equals(r.patient())
					|| current.get(0).teamQueue() != r.teamQueue())) {
				groups.add(new PatientRows(current.get(0), List.copyOf(current)));
				current.clear();
			}
			current.add(r);
		}
		if (!current.isEmpty()) groups.add(new PatientRows(current.get(0), List.copyOf(current)));
		return groups;
	}

	@PostMapping("/tasks/{id}/complete")
	String complete(@PathVariable UUID id, @RequestParam(defaultValue = "") String outcome,
			@RequestParam(defaultValue = "") String minutesSpent, @RequestParam(defaultValue = "") String timeOf,
			@RequestParam(defaultValue = "") String workKind,
			@RequestHeader(value = "HX-Request", required = false) String htmx, Model model,
			RedirectAttributes redirect) {
		try {
			tasks.complete(new TaskId(id), outcome, timeSpent(minutesSpent, timeOf, workKind));
			if (htmx != null) {
				model.addAttribute("taskId", id);
				model.addAttribute("outcome", outcome);
				return "task/rows :: done";
			}
			redirect.addFlashAttribute("flash", "task.completed");
		}
		catch (DomainException ex) {
			if (htmx != null) {
				model.addAttribute("taskId", id);
				model.addAttribute("errorKey", "error." + ex.code());
				model.addAttribute("errorArgs", ex.arguments());
				return "task/rows :: failed";
			}
			redirect.addFlashAttribute("flashError", "error." + ex.code());
			redirect.addFlashAttribute("flashArgs", ex.arguments());
		}
		return "redirect:/myday";
	}

	@PostMapping("/tasks/{id}/claim")
	String claim(@PathVariable UUID id, RedirectAttributes redirect) {
		try {
			tasks.claim(new TaskId(id));
			redirect.addFlashAttribute("flash", "task.claimed");
		}
		catch (DomainException ex) {
			redirect.addFlashAttribute("flashError", "error." + ex.code());
		}
		return "redirect:/myday";
	}

	/**
	 * The time entered with a completion: none when the minutes are left empty; else whole minutes (1 to 600), whose
	 * time and the kind of work, refused with a message otherwise.
	 */
	static @Nullable TimeSpent timeSpent(String minutes, String whose, String kind) {
		if (minutes.isBlank()) return null;
		try {
			return new TimeSpent(Integer.parseInt(minutes.trim()),
					TimeSpent.Whose.valueOf(whose.trim()), TimeSpent.WorkKind.valueOf(kind.trim()));
		}
		catch (IllegalArgumentException ex) {
			throw new DomainException("task.time-spent", "minutes spent must be 1 to 600 with whose time and the kind of work");
		}
	}
}
