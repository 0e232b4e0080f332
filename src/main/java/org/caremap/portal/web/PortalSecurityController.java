package org.caremap.portal.web;

import java.util.Locale;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.caremap.identity.PortalPrincipal;
import org.caremap.platform.Languages;
import org.caremap.portal.PortalInvitations;
import org.caremap.portal.internal.PortalLanguage;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.servlet.support.RequestContextUtils;

/**
 * The second factor (an authenticator app, RFC 6238): the person sees a new secret (as text and as the otpauth://
 * address), types the code their app shows, and from then on signs in with a code too; they may turn it off with
 * their password. The secret waits in the session until confirmed. The same page keeps the language they read the
 * portal in.
 */
@Controller
class PortalSecurityController {

	static final String PENDING = "caremap.portal.totpPending";

	private final PortalInvitations invitations;
	private final PortalLanguage languages;
	private final org.caremap.portal.PortalAccounts accounts;

	PortalSecurityController(PortalInvitations invitations, PortalLanguage languages,
			org.caremap.portal.PortalAccounts accounts) {
		this.invitations = invitations;
		this.languages = languages;
		this.accounts = accounts;
	}

	/**
	 * Keeps the language on the person's account (the header's switch changes only this session: a link from
	 * anywhere can make that GET, so it never changes what is kept). This session follows at once.
	 */
	@PostMapping("/portal/security/language")
	String language(@RequestParam(defaultValue = "") String language, HttpServletRequest request,
			HttpServletResponse response, RedirectAttributes redirect) {
		PortalPrincipal me = me();
		Optional<Locale> chosen = language.length() > 5 ? Optional.empty() : Languages.supported(language);
		if (chosen.isEmpty()) {
			redirect.addFlashAttribute("flashError", "portal.account.language.unknown");
			return "redirect:/portal/security";
		}
		languages.choose(me, chosen.get());
		LocaleResolver resolver = RequestContextUtils.getLocaleResolver(request);
		if (resolver != null) resolver.setLocale(request, response, chosen.get());
		redirect.addFlashAttribute("flash", "account.language.saved");
		return "redirect:/portal/security";
	}

	private static PortalPrincipal me() {
		return PortalPrincipal.get().orElseThrow(() -> new AccessDeniedException("not a portal session"));
	}

	@GetMapping("/portal/security")
	String security(Model model, HttpSession session, Locale locale) {
		PortalPrincipal me = me();
		model.addAttribute("language", languages.stored(me).orElse(locale).getLanguage());
		model.addAttribute("languageChosen", languages.stored(me).isPresent());
		boolean on = invitations.hasTotp(me);
		model.addAttribute("totpOn", on);
		// the e-mail notice of new messages, for those who read the messages
		model.addAttribute("noticesShown", accounts.sections(me).contains(org.caremap.portal.PortalSection.MESSAGES));
		model.addAttribute("noticesOn", accounts.messageNotices(me));
		if (!on) {
			PortalInvitations.TotpSetup setup = invitations.newTotp(me);
			session.setAttribute(PENDING, setup.secret());
			model.addAttribute("setup", setup);
			model.addAttribute("qr", org.caremap.shared.QrCodes.svg(setup.uri(), "totp-qr-label"));
			model.addAttribute("secretGroups", setup.secret().replaceAll("(.{4})(?!$)", "$1 "));
		}
		return "portal/security";
	}

	@PostMapping("/portal/security/totp")
	String enable(@RequestParam(defaultValue = "") String code, HttpSession session, RedirectAttributes redirect) {
		PortalPrincipal me = me();
		Object secret = session.getAttribute(PENDING);
		if (!(secret instanceof String pending) || code.length() > 20 || !invitations.enableTotp(me, pending, code)) {
			redirect.addFlashAttribute("flashError", "portal.security.wrongCode");
			return "redirect:/portal/security";
		}
		session.removeAttribute(PENDING);
		redirect.addFlashAttribute("flash", "portal.security.on");
		return "redirect:/portal/security";
	}

	@PostMapping("/portal/security/notices")
	String notices(@RequestParam(defaultValue = "false") boolean on, RedirectAttributes redirect) {
		accounts.messageNotices(me(), on);
		redirect.addFlashAttribute("flash", on ? "portal.notices.on" : "portal.notices.off");
		return "redirect:/portal/security";
	}

	@PostMapping("/portal/security/totp/off")
	String disable(@RequestParam(defaultValue = "") String password, HttpServletRequest request,
			RedirectAttributes redirect) {
		PortalPrincipal me = me();
		if (!invitations.disableTotp(me, password.length() > 200 ? "" : password, request.getRemoteAddr())) {
			redirect.addFlashAttribute("flashError", "portal.security.wrongPassword");
			return "redirect:/portal/security";
		}
		redirect.addFlashAttribute("flash", "portal.security.off");
		return "redirect:/portal/security";
	}
}
