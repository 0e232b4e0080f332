package org.caremap.workforce.web;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.caremap.identity.CurrentUser;
import org.caremap.identity.Role;
import org.caremap.identity.UserAccounts;
import org.caremap.organization.Organizations;
import org.caremap.shared.DomainException;
import org.caremap.shared.NotFoundException;
import org.caremap.shared.UserId;
import org.caremap.workforce.CredentialKind;
import org.caremap.workforce.CredentialView;
import org.caremap.workforce.Credentials;
import org.caremap.workforce.NewCredential;
import org.caremap.workforce.StaffCredentials;
import org.caremap.workforce.Standing;
import org.caremap.workforce.TeamMemberStanding;
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
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The credentials pages: a person's own (they see theirs and add to them), the same page of one person for their
 * supervisor or an administrator (who also renew, void and say whether a licence is required), and the supervisor's
 * view of the team's standing. The workforce module decides again who may, for every call.
 */
@Controller
@RequestMapping("/credentials")
class CredentialsController {

	/** A credential as typed. */
	record CredentialForm(@NotNull @Nullable CredentialKind kind, @NotBlank @Size(max = 60) @Nullable String type,
			@Size(max = 40) @Nullable String state, @Size(max = 60) @Nullable String number,
			@NotNull @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate expiresOn) {

		static CredentialForm empty() {
			return new CredentialForm(CredentialKind.LICENCE, "", "", "", null);
		}

		@SuppressWarnings("NullAway")
		NewCredential credential() {
			return new NewCredential(kind, type == null ? "" : type, state, number, expiresOn);
		}
	}

	/** A training completed, as typed. */
	record TrainingForm(@NotNull @Nullable UUID training,
			@NotNull @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate completedOn) {
	}

	private final Credentials credentials;
	private final UserAccounts accounts;
	private final Organizations organizations;

	CredentialsController(Credentials credentials, UserAccounts accounts, Organizations organizations) {
		this.credentials = credentials;
		this.accounts = accounts;
		this.organizations = organizations;
	}

	private UserId existing(UUID user) {
		return accounts.find(new UserId(user)).map(u -> u.id()).orElseThrow(() -> new NotFoundException("user", user));
	}

	private static boolean overseer() {
		CurrentUser me = CurrentUser.require();
		return me.has(Role.ADMIN) || me.has(Role.SUPERVISOR);
	}

	private String page(Model model, StaffCredentials staff, boolean own) {
		model.addAttribute("staff", staff);
		model.addAttribute("own", own);
		// a supervisor or administrator looking at someone else's page renews and voids; nobody at their own
		model.addAttribute("oversee", !own && overseer());
		model.addAttribute("kinds", CredentialKind.values());
		model.addAttribute("today", organizations.today());
		model.addAttribute("action", own ? "/credentials" : "/credentials/staff/" + staff.user());
		if (!model.containsAttribute("credentialForm")) model.addAttribute("credentialForm", CredentialForm.empty());
		if (!model.containsAttribute("trainingForm")) model.addAttribute("trainingForm", new TrainingForm(null, organizations.today()));
		return "workforce/credentials";
	}

	@GetMapping
	String mine(Model model) {
		UserId me = CurrentUser.require().id();
		return page(model, credentials.of(me), true);
	}

	@PostMapping
	String addMine(@Valid @ModelAttribute("credentialForm") CredentialForm form, BindingResult errors, Model model,
			RedirectAttributes redirect) {
		UserId me = CurrentUser.require().id();
		return add(me, form, errors, model, redirect, true);
	}

	@PostMapping("/trainings")
	String trainingMine(@Valid @ModelAttribute("trainingForm") TrainingForm form, BindingResult errors, Model model,
			RedirectAttributes redirect) {
		return training(CurrentUser.require().id(), form, errors, model, redirect, true);
	}

	@GetMapping("/staff/{user}")
	@PreAuthorize("hasAnyRole('SUPERVISOR', 'ADMIN')")
	String person(@PathVariable UUID user, Model model) {
		UserId id = existing(user);
		return page(model, credentials.of(id), id.equals(CurrentUser.require().id()));
	}

	@PostMapping("/staff/{user}")
	@PreAuthorize("hasAnyRole('SUPERVISOR', 'ADMIN')")
	String addFor(@PathVariable UUID user, @Valid @ModelAttribute("credentialForm") CredentialForm form, BindingResult errors,
			Model model, RedirectAttributes redirect) {
		UserId id = existing(user);
		return add(id, form, errors, model, redirect, id.equals(CurrentUser.require().id()));
	}

	@PostMapping("/staff/{user}/trainings")
	@PreAuthorize("hasAnyRole('SUPERVISOR', 'ADMIN')")
	String trainingFor(@PathVariable UUID user, @Valid @ModelAttribute("trainingForm") TrainingForm form, BindingResult errors,
			Model model, RedirectAttributes redirect) {
		UserId id = existing(user);
		return training(id, form, errors, model, redirect, id.equals(CurrentUser.require().id()));
	}

	@PostMapping("/staff/{user}/licence-required")
	@PreAuthorize("hasAnyRole('SUPERVISOR', 'ADMIN')")
	String licenceRequired(@PathVariable UUID user, @RequestParam(defaultValue = "false") boolean required,
			RedirectAttributes redirect) {
		UserId id = existing(user);
		credentials.requireLicence(id, required);
		redirect.addFlashAttribute("flash", required ? "workforce.licenceRequired.on" : "workforce.licenceRequired.off");
		return "redirect:/credentials/staff/" + id;
	}

	private static String back(UserId user, boolean own) {
		return own ? "redirect:/credentials" : "redirect:/credentials/staff/" + user;
	}

	private String add(UserId user, CredentialForm form, BindingResult errors, Model model, RedirectAttributes redirect,
			boolean own) {
		if (!errors.hasErrors()) {
			try {
				credentials.add(user, form.credential());
				redirect.addFlashAttribute("flash", "workforce.credential.added");
				return back(user, own);
			}
			catch (IllegalArgumentException ex) {
				errors.rejectValue("type", "workforce.credential.typeInvalid");
			}
		}
		return page(model, credentials.of(user), own);
	}

	private String training(UserId user, TrainingForm form, BindingResult errors, Model model, RedirectAttributes redirect,
			boolean own) {
		if (!errors.hasErrors() && form.training() != null && form.completedOn() != null) {
			try {
				credentials.recordTraining(user, form.training(), form.completedOn());
				redirect.addFlashAttribute("flash", "workforce.training.recorded");
				return back(user, own);
			}
			catch (NotFoundException ex) {
				errors.rejectValue("training", "workforce.training.unknown");
			}
			catch (DomainException ex) {
				errors.rejectValue("completedOn", "error." + ex.code());
			}
		}
		return page(model, credentials.of(user), own);
	}

	@PostMapping("/entries/{credential}")
	@PreAuthorize("hasAnyRole('SUPERVISOR', 'ADMIN')")
	String change(@PathVariable UUID credential, @RequestParam UUID user, @RequestParam(defaultValue = "0") int version,
			@Valid @ModelAttribute("renewal") CredentialForm form, BindingResult errors, RedirectAttributes redirect) {
		UserId id = existing(user);
		if (errors.hasErrors()) {
			redirect.addFlashAttribute("flashError", "workforce.credential.renewIncomplete");
			return back(id, false);
		}
		try {
			credentials.change(credential, version, form.credential());
			redirect.addFlashAttribute("flash", "workforce.credential.changed");
		}
		catch (IllegalArgumentException ex) {
			redirect.addFlashAttribute("flashError", "workforce.credential.renewIncomplete");
		}
		catch (DomainException ex) {
			redirect.addFlashAttribute("flashError", "error." + ex.code());
		}
		return back(id, false);
	}

	@PostMapping("/entries/{credential}/void")
	@PreAuthorize("hasAnyRole('SUPERVISOR', 'ADMIN')")
	String voidIt(@PathVariable UUID credential, @RequestParam UUID user, @RequestParam(defaultValue = "") String reason,
			RedirectAttributes redirect) {
		UserId id = existing(user);
		try {
			credentials.voidCredential(credential, reason);
			redirect.addFlashAttribute("flash", "workforce.credential.voided");
		}
		catch (DomainException ex) {
			if (ex instanceof NotFoundException) throw ex;
			redirect.addFlashAttribute("flashError", "error." + ex.code());
		}
		return back(id, false);
	}

	/** The ways the team view sorts. */
	enum Sort {
		NAME, STANDING, NEXT
	}

	@GetMapping("/team")
	@PreAuthorize("hasAnyRole('SUPERVISOR', 'ADMIN')")
	String team(@RequestParam(defaultValue = "STANDING") String sort, Model model) {
		Sort by = java.util.Arrays.stream(Sort.values()).filter(s -> s.name().equalsIgnoreCase(sort)).findFirst().orElse(Sort.STANDING);
		Comparator<TeamMemberStanding> byName = Comparator.comparing(TeamMemberStanding::name, String.CASE_INSENSITIVE_ORDER);
		Comparator<TeamMemberStanding> order = switch (by) {
			case NAME -> byName;
			case STANDING -> Comparator.comparing((TeamMemberStanding r) -> r.standing().ordinal()).reversed()
				.thenComparing(r -> r.nextOn() == null ? LocalDate.MAX : r.nextOn()).thenComparing(byName);
			case NEXT -> Comparator.comparing((TeamMemberStanding r) -> r.nextOn() == null ? LocalDate.MAX : r.nextOn())
				.thenComparing(byName);
		};
		List<TeamMemberStanding> rows = credentials.team().stream().sorted(order).toList();
		model.addAttribute("rows", rows);
		model.addAttribute("sort", by);
		model.addAttribute("standings", Standing.values());
		return "workforce/team";
	}

}
