package org.caremap.team.web;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.caremap.access.AccessPurpose;
import org.caremap.access.PatientAccess;
import org.caremap.access.Part2Segment;
import org.caremap.access.Segmentation;
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
import org.caremap.identity.UserView;
import org.caremap.patient.PatientDetails;
import org.caremap.patient.PatientProvider;
import org.caremap.patient.PatientRegistry;
import org.caremap.patient.SupportContact;
import org.caremap.shared.DomainException;
import org.caremap.shared.PatientId;
import org.caremap.shared.UserId;
import org.caremap.team.ContactWay;
import org.caremap.team.MemberKind;
import org.caremap.team.MemberView;
import org.caremap.team.Members;
import org.caremap.team.NewMember;
import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
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

/**
 * The chart's care team: the Caremap users of each case (its case manager and the staff members the cases tab adds)
 * together with the members from outside the organisation (a physician from the patient's providers, a pharmacist, a
 * community health worker, an organisation's contact, a caregiver from the support network), each with role, period and
 * how to reach them; adding and ending an outside member for whoever may change the case.
 */
@ChartPage
@Controller
@RequestMapping("/patients/{id}/team")
class MembersController {

	/** The add form as typed. {@code source} is {@code provider:<id>} or {@code contact:<id>} to take a known person. */
	record MemberForm(@Nullable UUID caseId, @NotNull @Nullable MemberKind kind, @Size(max = 80) @Nullable String source,
			@Size(max = 200) @Nullable String name, @Size(max = 200) @Nullable String role,
			@Size(max = 200) @Nullable String organization,
			@Size(max = 40) @Pattern(regexp = "^$|^[0-9+()./ -]{7,40}$") @Nullable String phone,
			@Email @Size(max = 254) @Nullable String email, @NotNull @Nullable ContactWay preferred, @Nullable UUID account,
			@DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate from,
			@DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate to) {

		static MemberForm empty(LocalDate today) {
			return new MemberForm(null, null, null, null, null, null, null, null, ContactWay.PHONE, null, today, null);
		}
	}

	/** One row of the team: a Caremap user or a member from outside. */
	record Row(@Nullable UUID member, CaseId caseId, String program, String name, String role, boolean outside,
			@Nullable String organization, @Nullable String phone, @Nullable String email, @Nullable ContactWay preferred,
			LocalDate from, @Nullable LocalDate to, boolean signsIn, @Nullable MemberKind kind) {

		/** Whether they are on the team on this day (the organisation's today). */
		public boolean current(LocalDate today) {
			return !from.isAfter(today) && (to == null || to.isAfter(today));
		}
	}

	/** A person the form may take from the patient's record. */
	record Choice(String value, String label) {
	}

	private final org.caremap.organization.Organizations organizations;
	private final ChartHeaders headers;
	private final Cases cases;
	private final Members members;
	private final UserAccounts accounts;
	private final PatientRegistry registry;
	private final PatientAccess access;
	private final MessageSource messages;
	private final org.caremap.program.Programs programs;

	private final Segmentation segmentation;

	MembersController(ChartHeaders headers, Cases cases, Members members, UserAccounts accounts, PatientRegistry registry,
			PatientAccess access, MessageSource messages, org.caremap.program.Programs programs,
			org.caremap.organization.Organizations organizations, Segmentation segmentation) {
		this.segmentation = segmentation;
		this.organizations = organizations;
		this.headers = headers;
		this.cases = cases;
		this.members = members;
		this.accounts = accounts;
		this.registry = registry;
		this.access = access;
		this.messages = messages;
		this.programs = programs;
	}

	@GetMapping
	String team(@PathVariable UUID id, Model model, Locale locale) {
		if (!model.containsAttribute("memberForm")) model.addAttribute("memberForm", MemberForm.empty(organizations.today()));
		return page(id, model, locale);
	}

	@PostMapping("/members")
	String add(@PathVariable UUID id, @Valid @ModelAttribute("memberForm") MemberForm form, BindingResult errors, Model model,
			Locale locale, RedirectAttributes redirect) {
		PatientId patient = new PatientId(id);
		access.require(patient, AccessPurpose.WRITE);
		String name = form.name();
		String phone = form.phone();
		String email = form.email();
		String organization = form.organization();
		NewMember.Source source = null;
		if (form.source() != null && !form.source().isBlank()) {
			PatientDetails details = registry.details(patient).orElseThrow();
			source = source(form.source());
			if (source == null) errors.rejectValue("source", "error.team.source", "choose someone from the list");
			else if (source.kind() == NewMember.Source.Kind.PROVIDER) {
				UUID link = source.id();
				PatientProvider p = details.providers().stream().filter(x -> x.id().equals(link)).findFirst().orElse(null);
				if (p == null) errors.rejectValue("source", "error.team.source", "choose someone from the list");
				else {
					name = blank(name) ? p.name() : name;
					phone = blank(phone) ? p.phone() : phone;
				}
			}
			else {
				UUID contact = source.id();
				SupportContact c = details.network().stream().filter(x -> contact.equals(x.id())).findFirst().orElse(null);
				if (c == null) errors.rejectValue("source", "error.team.source", "choose someone from the list");
				else {
					name = blank(name) ? c.name() : name;
					phone = blank(phone) ? c.phone() : phone;
					email = blank(email) ? c.email() : email;
				}
			}
		}
		if (blank(name) && !errors.hasFieldErrors("source")) errors.rejectValue("name", "error.team.name-required", "give the member's name");
		if (form.preferred() != null) {
			if ((form.preferred() == ContactWay.PHONE || form.preferred() == ContactWay.TEXT) && blank(phone) && !errors.hasFieldErrors("phone")) {
				errors.rejectValue("phone", "error.team.phone-required", "give a phone number to call or text");
			}
			if (form.preferred() == ContactWay.EMAIL && blank(email) && !errors.hasFieldErrors("email")) {
				errors.rejectValue("email", "error.team.email-required", "give an e-mail address");
			}
		}
		if (form.kind() == MemberKind.COMMUNITY_ORGANIZATION && blank(organization)) {
			errors.rejectValue("organization", "error.team.organization-required", "name the organisation");
		}
		LocalDate from = form.from() == null ? organizations.today() : form.from();
		if (form.to() != null && form.to().isBefore(from)) errors.rejectValue("to", "error.case.team-period", "the period ends before it starts");
		CaseId caseId = form.caseId() != null ? new CaseId(form.caseId()) : openCase(patient);
		if (caseId == null) errors.reject("error.team.case-closed", "the patient has no open case");
		if (!errors.hasErrors() && caseId != null && form.kind() != null && form.preferred() != null && name != null) {
			String role = blank(form.role()) ? messages.getMessage("team.kind." + form.kind().name(), null, form.kind().name(), locale)
					: form.role();
			try {
				members.add(patient, new NewMember(caseId, form.kind(), name, role, organization, phone, email, form.preferred(),
						source, form.account() == null ? null : new UserId(form.account()), from, form.to()));
				redirect.addFlashAttribute("flash", "team.member.added");
				return "redirect:/patients/" + id + "/team";
			}
			catch (org.caremap.shared.NotFoundException ex) {
				errors.rejectValue("account", "error.team.account", "choose an account from the list");
			}
			catch (DomainException ex) {
				String field = switch (ex.code()) {
					case "case.team-period" -> "to";
					case "team.account-not-care-team" -> "account";
					default -> null;
				};
				if (field != null) errors.rejectValue(field, "error." + ex.code(), ex.arguments(), ex.getMessage());
				else errors.reject("error." + ex.code(), ex.arguments(), ex.getMessage());
			}
		}
		return page(id, model, locale);
	}

	@PostMapping("/members/{member}/end")
	String end(@PathVariable UUID id, @PathVariable UUID member, @RequestParam(defaultValue = "") String reason,
			RedirectAttributes redirect) {
		PatientId patient = new PatientId(id);
		access.require(patient, AccessPurpose.WRITE);
		ChartActions.attempt(redirect, "team.member.ended", () -> members.end(patient, member, organizations.today(),
				reason.length() > 500 ? reason.substring(0, 500) : reason));
		return "redirect:/patients/" + id + "/team";
	}

	private String page(UUID id, Model model, Locale locale) {
		ChartHeader header = headers.prepare(id, model, "team");
		PatientId patient = new PatientId(id);
		// the team of a case in a Part 2 program the reader is outside of is left out (and counted)
		Part2Segment segment = segmentation.part2(patient);
		Part2Segment.Filtered<CaseView> filtered = segment.filter(cases.ofPatient(patient), c -> c.id().value());
		List<CaseView> all = filtered.shown();
		model.addAttribute("withheld", filtered.withheld());
		java.util.Map<org.caremap.program.ProgramId, String> programNames = new java.util.HashMap<>();
		programs.all().forEach(p -> programNames.put(p.id(), p.name()));
		java.util.Set<UserId> staff = new java.util.HashSet<>();
		for (CaseView c : all) {
			staff.add(c.caseManager());
			c.team().forEach(m -> staff.add(m.user()));
		}
		java.util.Map<UserId, String> names = accounts.displayNames(staff);
		List<Row> rows = new ArrayList<>();
		String caseManager = messages.getMessage("team.role.caseManager", null, "Case manager", locale);
		for (CaseView c : all) {
			String program = programNames.getOrDefault(c.program(), "");
			rows.add(new Row(null, c.id(), program, names.getOrDefault(c.caseManager(), "?"), caseManager, false, null, null, null,
					null, c.startDate(), c.closedOn(), true, null));
			for (CaseView.TeamMember m : c.team()) {
				rows.add(new Row(null, c.id(), program, names.getOrDefault(m.user(), "?"), m.role(), false, null, null, null, null,
						m.from(), m.to(), true, null));
			}
		}
		for (MemberView m : members.ofPatient(patient)) {
			if (segment.withholds(m.caseId().value())) continue;
			String program = all.stream().filter(c -> c.id().equals(m.caseId())).findFirst()
				.map(c -> programNames.getOrDefault(c.program(), "")).orElse("");
			rows.add(new Row(m.id(), m.caseId(), program, m.name(), m.role(), true, m.organization(), m.phone(), m.email(),
					m.preferred(), m.from(), m.to(), m.account() != null, m.kind()));
		}
		model.addAttribute("rows", rows);
		LocalDate today = organizations.today();
		model.addAttribute("current", rows.stream().filter(r -> r.current(today)).toList());
		model.addAttribute("past", rows.stream().filter(r -> !r.current(today)).toList());
		List<CaseView> open = all.stream().filter(c -> c.status() != CaseStatus.CLOSED).toList();
		model.addAttribute("openCases", open);
		model.addAttribute("programNames", programNames);
		model.addAttribute("kinds", MemberKind.values());
		model.addAttribute("ways", ContactWay.values());
		model.addAttribute("mayChange", header.may("WRITE") && !open.isEmpty());
		List<Choice> choices = new ArrayList<>();
		header.value(PatientDetails.class).or(() -> registry.details(patient)).ifPresent(d -> {
			for (PatientProvider p : d.providers()) {
				choices.add(new Choice("provider:" + p.id(), messages.getMessage("team.source.provider",
						new Object[] { p.name(), messages.getMessage("team.providerRole." + p.role().name(), null, p.role().name(), locale) },
						locale)));
			}
			for (SupportContact c : d.network()) {
				if (c.id() != null) {
					choices.add(new Choice("contact:" + c.id(), messages.getMessage("team.source.contact",
							new Object[] { c.name(), c.relationship() }, locale)));
				}
			}
		});
		model.addAttribute("sources", choices);
		model.addAttribute("accountChoices", accounts.withRole(Role.CARE_TEAM).stream().filter(UserView::enabled).toList());
		return "team/members";
	}

	private @Nullable CaseId openCase(PatientId patient) {
		Part2Segment segment = segmentation.part2(patient);
		return cases.ofPatient(patient).stream().filter(c -> c.status() != CaseStatus.CLOSED)
			.filter(c -> !segment.withholds(c.id().value())).findFirst().map(CaseView::id).orElse(null);
	}

	private static NewMember.@Nullable Source source(String value) {
		String[] parts = value.split(":", 2);
		if (parts.length != 2) return null;
		try {
			UUID uuid = UUID.fromString(parts[1]);
			return switch (parts[0]) {
				case "provider" -> new NewMember.Source(NewMember.Source.Kind.PROVIDER, uuid);
				case "contact" -> new NewMember.Source(NewMember.Source.Kind.SUPPORT_CONTACT, uuid);
				default -> null;
			};
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	private static boolean blank(@Nullable String text) {
		return text == null || text.isBlank();
	}

	/** The chart's care team tab, after the cases. */
	@Component
	static final class Tab implements ChartTab {

		@Override
		public String key() {
			return "team";
		}

		@Override
		public int order() {
			return 32;
		}

		@Override
		public String path() {
			return "/team";
		}
	}
}
