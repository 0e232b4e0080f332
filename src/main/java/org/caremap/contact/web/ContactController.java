package org.caremap.contact.web;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.caremap.caseload.CaseId;
import org.caremap.chart.ChartAction;
import org.caremap.chart.ReturnTo;
import org.caremap.access.AccessPurpose;
import org.caremap.contact.ContactKinds;
import org.caremap.contact.Contacts;
import org.caremap.contact.NewContact;
import org.caremap.organization.Organizations;
import org.caremap.patient.PatientHeader;
import org.caremap.patient.PatientRegistry;
import org.caremap.shared.DomainException;
import org.caremap.shared.NotFoundException;
import org.caremap.shared.PatientId;
import org.caremap.task.TaskId;
import org.caremap.task.TaskView;
import org.caremap.task.Tasks;
import org.jspecify.annotations.Nullable;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.stereotype.Component;
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

/** Logging a contact (from "My day" or the chart) and the patient's list of contacts. */
@Controller
@RequestMapping("/patients/{patientId}/contacts")
class ContactController {

	record ContactForm(@NotNull ContactKinds.@Nullable Type type, @NotNull ContactKinds.@Nullable Direction direction,
			@NotNull ContactKinds.@Nullable Party with, @Size(max = 120) @Nullable String withName,
			@NotNull ContactKinds.@Nullable Outcome outcome,
			@NotNull @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) @Nullable LocalDateTime occurredAt,
			@NotNull @Min(0) @Max(1440) @Nullable Integer minutes, @NotNull ContactKinds.@Nullable StaffKind staffKind,
			@Size(max = 4000) @Nullable String summary, @Nullable Set<UUID> completes, @Nullable UUID caseId) {
	}

	private final Contacts contacts;
	private final Tasks tasks;
	private final PatientRegistry patients;
	private final Organizations organizations;

	ContactController(Contacts contacts, Tasks tasks, PatientRegistry patients, Organizations organizations) {
		this.contacts = contacts;
		this.tasks = tasks;
		this.patients = patients;
		this.organizations = organizations;
	}

	@ModelAttribute
	void choices(Model model) {
		model.addAttribute("types", List.of(ContactKinds.Type.values()));
		model.addAttribute("directions", List.of(ContactKinds.Direction.values()));
		model.addAttribute("parties", List.of(ContactKinds.Party.values()));
		model.addAttribute("outcomes", List.of(ContactKinds.Outcome.values()));
		model.addAttribute("staffKinds", List.of(ContactKinds.StaffKind.values()));
	}

	private ZoneId zone() {
		return organizations.primary().map(o -> o.zone()).orElse(ZoneId.systemDefault());
	}

	@GetMapping("/new")
	String form(@PathVariable UUID patientId, @RequestParam(required = false) @Nullable UUID task,
			@RequestParam(required = false) @Nullable String returnTo, Model model) {
		// the form carries the bare UUID of the case, as it is posted back
		UUID caseId = null;
		if (task != null) caseId = tasks.find(new TaskId(task)).map(TaskView::caseId).map(CaseId::value).orElse(null);
		model.addAttribute("form", new ContactForm(ContactKinds.Type.PHONE, ContactKinds.Direction.OUTBOUND,
				ContactKinds.Party.PATIENT, "", ContactKinds.Outcome.REACHED,
				LocalDateTime.now(zone()).withSecond(0).withNano(0), 10, ContactKinds.StaffKind.CLINICAL_STAFF, "",
				task == null ? Set.of() : Set.of(task), caseId));
		return prepare(patientId, returnTo, model);
	}

	private String prepare(UUID patientId, @Nullable String returnTo, Model model) {
		// where to go back to once the contact is logged: the page that sent the user here, else the chart
		model.addAttribute("returnTo", ReturnTo.or(returnTo, "/patients/" + patientId));
		PatientId patient = new PatientId(patientId);
		// the patient's record, read through the registry's check (refused and audited when it is not the user's)
		PatientHeader header = patients.details(patient).orElseThrow(() -> new NotFoundException("patient", patientId)).header();
		model.addAttribute("patient", header);
		model.addAttribute("patientId", patientId);
		model.addAttribute("openTasks", tasks.ofPatient(patient).stream().filter(t -> t.status().open()).toList());
		return "contact/log";
	}

	@PostMapping
	String log(@PathVariable UUID patientId, @Valid @ModelAttribute("form") ContactForm form, BindingResult errors,
			@RequestParam(required = false) @Nullable String returnTo, Model model, RedirectAttributes redirect) {
		if (errors.hasErrors()) return prepare(patientId, returnTo, model);
		Instant at = form.occurredAt().atZone(zone()).toInstant();
		CaseId caseId = form.caseId() == null ? null : new CaseId(form.caseId());
		List<TaskId> completes = form.completes() == null ? List.of() : form.completes().stream().map(TaskId::new).toList();
		if (caseId == null && !completes.isEmpty()) caseId = tasks.find(completes.get(0)).map(TaskView::caseId).orElse(null);
		try {
			contacts.log(new NewContact(new PatientId(patientId), caseId, form.type(), form.direction(), form.with(),
					form.withName(), form.outcome(), at, form.minutes(), form.staffKind(), form.summary(), completes));
		}
		catch (DomainException ex) {
			errors.rejectValue("occurredAt", "error." + ex.code(), ex.arguments(), ex.getMessage());
			return prepare(patientId, returnTo, model);
		}
		redirect.addFlashAttribute("flash", "contact.logged");
		return ReturnTo.redirect(returnTo, "/patients/" + patientId);
	}

	/** "Log a contact" in the chart's header, for whoever may add to the shared work on the patient. */
	@Component
	static final class LogAction implements ChartAction {

		@Override
		public String key() {
			return "log-contact";
		}

		@Override
		public int order() {
			return 10;
		}

		@Override
		public String path() {
			return "/contacts/new";
		}

		@Override
		public AccessPurpose needs() {
			return AccessPurpose.CONTRIBUTE;
		}
	}
}
