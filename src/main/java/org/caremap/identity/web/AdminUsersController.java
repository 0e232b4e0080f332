package org.caremap.identity.web;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.caremap.identity.NewUser;
import org.caremap.identity.Role;
import org.caremap.identity.UserAccounts;
import org.caremap.identity.UserView;
import org.caremap.identity.internal.TemporaryPasswords;
import org.caremap.shared.DomainException;
import org.caremap.shared.NotFoundException;
import org.caremap.shared.UserId;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Administration of user accounts: create, roles, disable and enable, unlock, reset password. */
@Controller
@RequestMapping("/admin/users")
class AdminUsersController {

	record UserForm(@NotBlank @Pattern(regexp = "^[a-zA-Z0-9][a-zA-Z0-9._-]{1,62}$") String username,
			@NotBlank @Size(max = 120) String displayName, @Email @Size(max = 200) @Nullable String email,
			@NotEmpty @Nullable Set<Role> roles) {
	}

	record EditForm(@NotBlank @Size(max = 120) String displayName, @Email @Size(max = 200) @Nullable String email,
			@NotEmpty @Nullable Set<Role> roles) {
	}

	private final UserAccounts accounts;

	AdminUsersController(UserAccounts accounts) {
		this.accounts = accounts;
	}

	@ModelAttribute("allRoles")
	List<Role> allRoles() {
		return List.of(Role.values());
	}

	@GetMapping
	String list(Model model) {
		model.addAttribute("users", accounts.list());
		return "identity/admin-users";
	}

	@GetMapping("/new")
	String newUser(Model model) {
		model.addAttribute("form", new UserForm("", "", "", EnumSet.noneOf(Role.class)));
		return "identity/admin-user-new";
	}

	@PostMapping("/new")
	String create(@Valid @ModelAttribute("form") UserForm form, BindingResult errors, RedirectAttributes redirect) {
		if (errors.hasErrors()) return "identity/admin-user-new";
		String temporary = TemporaryPasswords.generate();
		try {
			UserView created = accounts.create(new NewUser(form.username(), form.displayName(), form.email(),
					form.roles() == null ? Set.of() : form.roles(), temporary, true));
			redirect.addFlashAttribute("temporaryPassword", temporary);
			redirect.addFlashAttribute("flash", "admin.users.created");
			return "redirect:/admin/users/" + created.id();
		}
		catch (DomainException ex) {
			String field = ex.code().equals("user.display-name-required") ? "displayName"
					: ex.code().equals("user.role-required") ? "roles" : "username";
			errors.rejectValue(field, "error." + ex.code(), ex.arguments(), ex.getMessage());
			return "identity/admin-user-new";
		}
	}

	@GetMapping("/{id}")
	String show(@PathVariable UUID id, Model model) {
		UserView user = accounts.find(new UserId(id)).orElseThrow(() -> new NotFoundException("user", id));
		model.addAttribute("user", user);
		if (!model.containsAttribute("form")) {
			model.addAttribute("form", new EditForm(user.displayName(), user.email(), user.roles()));
		}
		return "identity/admin-user";
	}

	@PostMapping("/{id}")
	String update(@PathVariable UUID id, @Valid @ModelAttribute("form") EditForm form, BindingResult errors,
			Model model, RedirectAttributes redirect) {
		UserId userId = new UserId(id);
		UserView user = accounts.find(userId).orElseThrow(() -> new NotFoundException("user", id));
		model.addAttribute("user", user);
		if (errors.hasErrors()) return "identity/admin-user";
		try {
			accounts.changeDetails(userId, form.displayName(), form.email() == null ? "" : form.email());
			accounts.changeRoles(userId, form.roles() == null ? Set.of() : form.roles());
		}
		catch (DomainException ex) {
			errors.rejectValue(ex.code().equals("user.display-name-required") ? "displayName" : "roles",
					"error." + ex.code(), ex.arguments(), ex.getMessage());
			return "identity/admin-user";
		}
		redirect.addFlashAttribute("flash", "admin.users.saved");
		return "redirect:/admin/users/" + id;
	}

	@PostMapping("/{id}/disable")
	String disable(@PathVariable UUID id, RedirectAttributes redirect) {
		return act(id, redirect, "admin.users.disabled", () -> accounts.disable(new UserId(id)));
	}

	@PostMapping("/{id}/enable")
	String enable(@PathVariable UUID id, RedirectAttributes redirect) {
		return act(id, redirect, "admin.users.enabledDone", () -> accounts.enable(new UserId(id)));
	}

	@PostMapping("/{id}/unlock")
	String unlock(@PathVariable UUID id, RedirectAttributes redirect) {
		return act(id, redirect, "admin.users.unlocked", () -> accounts.unlock(new UserId(id)));
	}

	@PostMapping("/{id}/reset-password")
	String resetPassword(@PathVariable UUID id, RedirectAttributes redirect) {
		String temporary = accounts.resetPassword(new UserId(id));
		redirect.addFlashAttribute("temporaryPassword", temporary);
		redirect.addFlashAttribute("flash", "admin.users.passwordReset");
		return "redirect:/admin/users/" + id;
	}

	private String act(UUID id, RedirectAttributes redirect, String okKey, Runnable action) {
		try {
			action.run();
			redirect.addFlashAttribute("flash", okKey);
		}
		catch (DomainException ex) {
			redirect.addFlashAttribute("flashError", "error." + ex.code());
		}
		return "redirect:/admin/users/" + id;
	}
}
