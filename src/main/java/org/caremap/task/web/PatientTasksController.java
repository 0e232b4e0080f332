package org.caremap.task.web;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import org.caremap.access.PatientAccess;
import org.caremap.caseload.CaseId;
import org.caremap.caseload.CaseStatus;
import org.caremap.caseload.CaseView;
import org.caremap.caseload.Cases;
import org.caremap.chart.ChartActions;
import org.caremap.chart.ChartHeader;
import org.caremap.chart.ChartHeaders;
import org.caremap.chart.ChartPage;
import org.caremap.chart.ChartTab;
import org.caremap.identity.Role;
import org.caremap.identity.UserAccounts;
import org.caremap.organization.Organizations;
import org.caremap.shared.DomainException;
import org.caremap.shared.PatientId;
import org.caremap.shared.UserId;
import org.caremap.task.NewTask;
import org.caremap.task.TaskId;
import org.caremap.task.TaskPriority;
import org.caremap.task.TaskType;
import org.caremap.task.TaskView;
import org.caremap.task.Tasks;
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

/** The chart's tasks tab: the patient's tasks with their owners, a new task, and handing a task to someone else. */
@ChartPage
@Controller
@RequestMapping("/patients")
class PatientTasksController {

	private final ChartHeaders headers;
	private final Tasks tasks;
	private final Cases cases;
	private final UserAccounts accounts;
	private final Organizations organizations;
	private final PatientAccess access;

	PatientTasksController(ChartHeaders headers, Tasks tasks, Cases cases, UserAccounts accounts,
			Organizations organizations, PatientAccess access) {
		this.access = access;
		this.headers = headers;
		this.tasks = tasks;
		this.cases = cases;
		this.accounts = accounts;
		this.organizations = organizations;
	}

	@GetMapping("/{id}/tasks")
	String tasksTab(@PathVariable UUID id, Model model) {
		ChartHeader header = headers.prepare(id, model, "tasks");
		PatientId patient = new PatientId(id);
		var segmented = tasks.ofPatientShown(patient);
		var patientTasks = segmented.shown();
		model.addAttribute("tasks", patientTasks);
		model.addAttribute("withheld", segmented.withheld());
		// open work first, by due time; what is done, cancelled or failed apart, the latest first
		model.addAttribute("openTasks", patientTasks.stream().filter(t -> t.status().open())
			.sorted(Comparator.comparing(TaskView::due, Comparator.nullsLast(Comparator.naturalOrder()))).toList());
		model.addAttribute("closedTasks", patientTasks.stream().filter(t -> !t.status().open())
			.sorted(Comparator.comparing((TaskView t) -> t.completedAt() != null ? t.completedAt() : t.due(),
					Comparator.nullsLast(Comparator.reverseOrder()))).toList());
		model.addAttribute("now", Instant.now());
		model.addAttribute("owners", accounts.displayNames(patientTasks.stream().map(t -> t.ownerUser())
			.filter(Objects::nonNull).toList()));
		// cover and on call: a task its owner does for someone away (or on call) says for whom
		var forWhom = tasks.actingFor(patientTasks.stream().map(TaskView::id).toList());
		var forNames = accounts.displayNames(forWhom.values());
		var acting = new java.util.HashMap<org.caremap.task.TaskId, String>();
		forWhom.forEach((task, owner) -> acting.put(task, forNames.getOrDefault(owner, "")));
		model.addAttribute("acting", acting);
		model.addAttribute("taskTypes", List.of(TaskType.values()));
		model.addAttribute("priorities", List.of(TaskPriority.values()));
		// only people who can open this record: a task given to anyone else would be refused
		var candidates = accounts.list().stream().filter(u -> u.enabled() && !u.roles().isEmpty()
				&& !(u.roles().size() == 1 && u.has(Role.ADMIN))).toList();
		var readers = access.readersAmong(patient, candidates.stream().map(u -> u.id()).toList());
		model.addAttribute("assignees", candidates.stream().filter(u -> readers.contains(u.id())).toList());
		// new tasks go to the open case; the minutes of that case stand beside the list
		CaseId openCase = cases.ofPatient(patient).stream().filter(c -> c.status() != CaseStatus.CLOSED)
			.map(CaseView::id).findFirst().orElse(null);
		model.addAttribute("openCaseId", openCase == null ? null : openCase.value());
		model.addAttribute("panels", headers.panels("tasks", header, openCase));
		return "task/tasks";
	}

	@PostMapping("/{id}/tasks")
	String addTask(@PathVariable UUID id, @RequestParam(required = false) @Nullable TaskType type,
			@RequestParam(defaultValue = "") String title, @RequestParam(required = false) @Nullable UUID owner,
			@RequestParam(required = false) @Nullable TaskPriority priority,
			@RequestParam(required = false) @Nullable @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate due,
			@RequestParam(required = false) @Nullable UUID caseId, @RequestParam(defaultValue = "false") boolean forPatient,
			RedirectAttributes redirect) {
		ChartActions.attempt(redirect, "task.created", () -> {
			if (type == null || title.isBlank() || owner == null || priority == null) {
				throw new DomainException("form.incomplete", "type, title, owner and priority are required");
			}
			var calendar = organizations.calendar(organizations.primary().orElseThrow().id());
			NewTask task = new NewTask(new PatientId(id), caseId == null ? null : new CaseId(caseId), type, title.trim(), null,
					new UserId(owner), null, priority, null, due == null ? null : calendar.endOfDay(due), null);
			// the patient does it (marked done in the portal); the owner follows it up
			tasks.create(forPatient ? task.byThePatient() : task);
		});
		return "redirect:/patients/" + id + "/tasks";
	}

	@PostMapping("/{id}/tasks/{task}/reassign")
	String reassignTask(@PathVariable UUID id, @PathVariable UUID task, @RequestParam(required = false) @Nullable UUID to,
			@RequestParam(defaultValue = "") String reason, RedirectAttributes redirect) {
		ChartActions.attempt(redirect, "task.reassigned", () -> {
			if (to == null) throw new DomainException("form.incomplete", "choose who takes the task");
			tasks.reassign(new TaskId(task), new UserId(to), null, reason);
		});
		return "redirect:/patients/" + id + "/tasks";
	}

	/** The tasks tab of the chart, after the stays. */
	@Component
	static final class Tab implements ChartTab {

		@Override
		public String key() {
			return "tasks";
		}

		@Override
		public int order() {
			return 70;
		}

		@Override
		public String path() {
			return "/tasks";
		}
	}
}
