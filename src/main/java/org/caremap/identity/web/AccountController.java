package org.caremap.identity.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import org.caremap.identity.CurrentUser;
import org.caremap.identity.UserAccounts;
import java.util.Locale;

import org.caremap.identity.internal.PasswordPolicy;
import org.caremap.identity.internal.StaffLanguages;
import org.caremap.shared.DomainException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The signed-in user's own account: the language they read Caremap in, and their password. */
@Controller
@RequestMapping("/account")
class AccountController {

	/** The language chosen on the account page: en or es. */
	record LanguageForm(@NotBlank @jakarta.validation.constraints.Pattern(regexp = "en|es") String language) {
	}

	record PasswordForm(@NotBlank String currentPassword, @NotBlank String newPassword, @NotBlank String confirmPassword) {
	}

	private final UserAccounts accounts;
	private final PasswordPolicy policy;
	private final StaffLanguages languages;
	private final SecurityContextRepository contexts = new HttpSessionSecurityContextRepository();

	AccountController(UserAccounts accounts, PasswordPolicy policy, StaffLanguages languages) {
		this.accounts = accounts;
		this.policy = policy;
		this.languages = languages;
	}

	@GetMapping
	String account(Model model, Locale locale) {
		CurrentUser me = CurrentUser.require();
		String chosen = languages.stored(me.id()).orElse(locale).getLanguage();
		model.addAttribute("form", new LanguageForm(chosen));
		model.addAttribute("chosen", languages.stored(me.id()).isPresent());
		return "identity/account";
	}

	@PostMapping("/language")
	String chooseLanguage(@Valid @ModelAttribute("form") LanguageForm form, BindingResult errors, Model model,
			HttpServletRequest request, HttpServletResponse response, RedirectAttributes redirect) {
		CurrentUser me = CurrentUser.require();
		if (errors.hasErrors()) {
			model.addAttribute("chosen", languages.stored(me.id()).isPresent());
			return "identity/account";
		}
		Locale language = Locale.forLanguageTag(form.language());
		languages.choose(me.id(), language);
		// this session follows the choice at once (the switch in the header changes only the session; this form keeps it)
		// the request's resolver (the one of platform.Languages), so this page needs no web bean when Caremap runs a command
		LocaleResolver localeResolver = org.springframework.web.servlet.support.RequestContextUtils.getLocaleResolver(request);
		if (localeResolver != null) localeResolver.setLocale(request, response, language);
		redirect.addFlashAttribute("flash", "account.language.saved");
		return "redirect:/account";
	}

	@GetMapping("/password")
	String passwordForm(Model model) {
		model.addAttribute("form", new PasswordForm("", "", ""));
		model.addAttribute("mustChange", CurrentUser.require().mustChangePassword());
		model.addAttribute("minLength", policy.minLength());
		return "identity/password";
	}

	@PostMapping("/password")
	String changePassword(@Valid @ModelAttribute("form") PasswordForm form, BindingResult errors, Model model,
			HttpServletRequest request, HttpServletResponse response, RedirectAttributes redirect) {
		model.addAttribute("mustChange", CurrentUser.require().mustChangePassword());
		model.addAttribute("minLength", policy.minLength());
		if (!errors.hasErrors() && !form.newPassword().equals(form.confirmPassword())) {
			errors.rejectValue("confirmPassword", "password.mismatch");
		}
		if (errors.hasErrors()) return "identity/password";
		try {
			accounts.changeOwnPassword(form.currentPassword(), form.newPassword());
		}
		catch (DomainException ex) {
			String field = ex.code().equals("password.currentWrong") ? "currentPassword" : "newPassword";
			errors.rejectValue(field, ex.code(), new Object[] { policy.minLength() }, ex.code());
			return "identity/password";
		}
		CurrentUser updated = CurrentUser.require().withPasswordChanged();
		SecurityContext context = SecurityContextHolder.createEmptyContext();
		context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(updated, null, updated.getAuthorities()));
		SecurityContextHolder.setContext(context);
		contexts.saveContext(context, request, response);
		redirect.addFlashAttribute("flash", "account.passwordChanged");
		return "redirect:/";
	}
}
