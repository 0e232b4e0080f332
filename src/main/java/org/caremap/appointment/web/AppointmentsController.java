package org.caremap.appointment.web;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.caremap.access.AccessPurpose;
import org.caremap.access.PatientAccess;
import org.caremap.appointment.AppointmentKind;
import org.caremap.appointment.AppointmentStatus;
import org.caremap.appointment.AppointmentView;
import org.caremap.appointment.Appointments;
import org.caremap.appointment.NewAppointment;
import org.caremap.chart.ChartHeaders;
import org.caremap.chart.ChartPage;
import org.caremap.chart.ChartTab;
import org.caremap.organization.Organizations;
import org.caremap.shared.DomainException;
import org.caremap.shared.NotFoundException;
import org.caremap.shared.PatientId;
import org.jspecify.annotations.Nullable;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
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

/**
 * The chart's appointments tab: upcoming and past appointments, booking and changing one (field errors next to the
 * fields, what was typed kept), marking one arrived, no-show or cancelled, moving it to another time, and the
 * patient's calendar file. Authorization and audit happen in the appointment module.
 */
@ChartPage
@Controller
@RequestMapping("/patients/{id}/appointments")
class AppointmentsController {

	record AppointmentForm(@NotNull @Nullable AppointmentKind kind, @Size(max = 200) @Nullable String practitioner,
			@Size(max = 200) @Nullable String organisation, @Size(max = 200) @Nullable String place,
			@Size(max = 500) @Nullable String address,
			@NotNull @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) @Nullable LocalDateTime start,
			@NotNull @Min(5) @Max(1440) @Nullable Integer minutes, @Size(max = 2000) @Nullable String reason,
			@Nullable Boolean transportNeeded, @Nullable Boolean transportArranged,
			@Size(max = 1000) @Nullable String transportNote, @Nullable Boolean interpreterNeeded,
			@Size(max = 60) @Nullable String interpreterLanguage, @Nullable Boolean booked, @Nullable Integer version) {

		/** A box not ticked, or a client that leaves it out, is no. */
		static boolean yes(@Nullable Boolean box) {
			return Boolean.TRUE.equals(box);
		}

		static AppointmentForm blank(ZoneId zone) {
			LocalDateTime tomorrow = LocalDateTime.now(zone).plusDays(1).withHour(10).withMinute(0).withSecond(0).withNano(0);
			return new AppointmentForm(AppointmentKind.PROVIDER_VISIT, "", "", "", "", tomorrow, 30, "", false, false, "",
					false, "", true, null);
		}

		static AppointmentForm of(AppointmentView a, ZoneId zone) {
			return new AppointmentForm(a.kind(), a.practitioner(), a.organisation(), a.place(), a.address(),
					LocalDateTime.ofInstant(a.start(), zone), (int) a.minutes(), a.reason(), a.transportNeeded(),
					a.transportArranged(), a.transportNote(), a.interpreterNeeded(), a.interpreterLanguage(),
					a.status() == AppointmentStatus.BOOKED, a.version());
		}
	}

	record RescheduleForm(@NotNull @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) @Nullable LocalDateTime newStart,
			@NotNull @Min(5) @Max(1440) @Nullable Integer newMinutes, @Size(max = 2000) @Nullable String note) {
	}

	private final ChartHeaders headers;
	private final Appointments appointments;
	private final Organizations organizations;
	private final PatientAccess access;

	AppointmentsController(ChartHeaders headers, Appointments appointments, Organizations organizations,
			PatientAccess access) {
		this.headers = headers;
		this.appointments = appointments;
		this.organizations = organizations;
		this.access = access;
	}

	/**
	 * A change is refused (and the refusal audited) before its form is looked at, for whoever may not write the
	 * patient's record; the appointment module checks again when it changes anything.
	 */
	private void writable(UUID patient) {
		access.require(new PatientId(patient), AccessPurpose.WRITE);
	}

	private ZoneId zone() {
		return organizations.primary().map(o -> o.zone()).orElse(ZoneId.systemDefault());
	}

	@ModelAttribute("kinds")
	List<AppointmentKind> kinds() {
		return List.of(AppointmentKind.values());
	}

	@GetMapping
	String list(@PathVariable UUID id, Model model) {
		if (!model.containsAttribute("form")) model.addAttribute("form", AppointmentForm.blank(zone()));
		return page(id, null, model);
	}

	@GetMapping("/{appointment}/edit")
	String edit(@PathVariable UUID id, @PathVariable UUID appointment, Model model) {
		headers.prepare(id, model, "appointments");
		AppointmentView a = mine(id, appointment);
		if (!model.containsAttribute("form")) model.addAttribute("form", AppointmentForm.of(a, zone()));
		return page(id, a, model);
	}

	private String page(UUID id, @Nullable AppointmentView editing, Model model) {
		if (!model.containsAttribute("h")) headers.prepare(id, model, "appointments");
		List<AppointmentView> all = appointments.ofPatient(new PatientId(id));
		Instant now = Instant.now();
		// coming ones, and those whose time has passed but whose outcome nobody has marked yet (arrived or not)
		model.addAttribute("upcoming", all.stream().filter(a -> a.status().open())
			.sorted(java.util.Comparator.comparing(AppointmentView::start)).toList());
		model.addAttribute("past", all.stream().filter(a -> !a.status().open()).toList());
		model.addAttribute("editing", editing);
		model.addAttribute("now", now);
		if (!model.containsAttribute("rescheduleForm")) model.addAttribute("rescheduleForm", new RescheduleForm(null, 30, ""));
		return "appointment/appointments";
	}

	private AppointmentView mine(UUID patient, UUID appointment) {
		return appointments.find(appointment).filter(a -> a.patient().value().equals(patient))
			.orElseThrow(() -> new NotFoundException("appointment", appointment));
	}

	@PostMapping
	String book(@PathVariable UUID id, @Valid @ModelAttribute("form") AppointmentForm form, BindingResult errors,
			Model model, RedirectAttributes redirect) {
		writable(id);
		if (!errors.hasErrors()) {
			try {
				UUID made = appointments.record(details(id, form));
				redirect.addFlashAttribute("flash", "appointment.booked");
				return "redirect:/patients/" + id + "/appointments#appointment-" + made;
			}
			catch (DomainException ex) {
				reject(errors, ex);
			}
		}
		return page(id, null, model);
	}

	@PostMapping("/{appointment}")
	String save(@PathVariable UUID id, @PathVariable UUID appointment, @Valid @ModelAttribute("form") AppointmentForm form,
			BindingResult errors, Model model, RedirectAttributes redirect) {
		writable(id);
		headers.prepare(id, model, "appointments");
		AppointmentView a = mine(id, appointment);
		if (!errors.hasErrors()) {
			try {
				appointments.change(appointment, details(id, form), form.version() == null ? -1 : form.version());
				redirect.addFlashAttribute("flash", "appointment.saved");
				return "redirect:/patients/" + id + "/appointments#appointment-" + appointment;
			}
			catch (DomainException ex) {
				reject(errors, ex);
			}
		}
		return page(id, a, model);
	}

	private static void reject(BindingResult errors, DomainException ex) {
		String field = switch (ex.code()) {
			case "appointment.who" -> "practitioner";
			case "appointment.ends-before", "appointment.too-long" -> "minutes";
			case "appointment.incomplete" -> "kind";
			default -> null;
		};
		if (field != null) errors.rejectValue(field, "error." + ex.code(), ex.arguments(), ex.getMessage());
		else errors.reject("error." + ex.code(), ex.arguments(), ex.getMessage());
	}

	private NewAppointment details(UUID id, AppointmentForm form) {
		Instant start = form.start().atZone(zone()).toInstant();
		return new NewAppointment(new PatientId(id), form.kind(), form.practitioner(), form.organisation(), form.place(),
				form.address(), start, start.plusSeconds(60L * form.minutes()), form.reason(),
				AppointmentForm.yes(form.transportNeeded()), AppointmentForm.yes(form.transportArranged()), form.transportNote(),
				AppointmentForm.yes(form.interpreterNeeded()), form.interpreterLanguage(), AppointmentForm.yes(form.booked()));
	}

	@PostMapping("/{appointment}/status")
	String status(@PathVariable UUID id, @PathVariable UUID appointment,
			@RequestParam(required = false) AppointmentStatus.@Nullable Action action,
			@RequestParam(required = false) @Nullable String note, RedirectAttributes redirect) {
		writable(id);
		org.caremap.chart.ChartActions.attempt(redirect, "appointment.done." + (action == null ? "none" : action.name()), () -> {
			if (action == null || action == AppointmentStatus.Action.RESCHEDULE) {
				throw new DomainException("form.incomplete", "choose what happened");
			}
			mineForChange(id, appointment);
			appointments.apply(appointment, action, note == null || note.length() > 2000 ? null : note);
		});
		return "redirect:/patients/" + id + "/appointments#appointment-" + appointment;
	}

	/** The appointment must be this patient's: the patient's record is checked first (a refusal is audited). */
	private void mineForChange(UUID patient, UUID appointment) {
		headers.header(patient);
		mine(patient, appointment);
	}

	@PostMapping("/{appointment}/reschedule")
	String reschedule(@PathVariable UUID id, @PathVariable UUID appointment,
			@Valid @ModelAttribute("rescheduleForm") RescheduleForm form, BindingResult errors, Model model,
			RedirectAttributes redirect) {
		writable(id);
		headers.prepare(id, model, "appointments");
		mine(id, appointment);
		if (!errors.hasErrors()) {
			try {
				Instant start = form.newStart().atZone(zone()).toInstant();
				UUID made = appointments.reschedule(appointment, start, start.plusSeconds(60L * form.newMinutes()), form.note());
				redirect.addFlashAttribute("flash", "appointment.rescheduled");
				return "redirect:/patients/" + id + "/appointments#appointment-" + made;
			}
			catch (DomainException ex) {
				errors.rejectValue("newStart", "error." + ex.code(), ex.arguments(), ex.getMessage());
			}
		}
		model.addAttribute("form", AppointmentForm.blank(zone()));
		model.addAttribute("rescheduling", appointment);
		return page(id, null, model);
	}

	@GetMapping("/{appointment}/calendar.ics")
	ResponseEntity<byte[]> calendar(@PathVariable UUID id, @PathVariable UUID appointment) {
		headers.header(id);
		AppointmentView a = mine(id, appointment);
		byte[] body = IcsCalendar.of(a, Instant.now()).getBytes(StandardCharsets.UTF_8);
		return ResponseEntity.ok()
			.contentType(new MediaType("text", "calendar", StandardCharsets.UTF_8))
			.header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename("appointment.ics").build().toString())
			.body(body);
	}

	/** The appointments tab of the chart, after the tasks. */
	@Component
	static final class Tab implements ChartTab {

		@Override
		public String key() {
			return "appointments";
		}

		@Override
		public int order() {
			return 75;
		}

		@Override
		public String path() {
			return "/appointments";
		}
	}
}
