package org.caremap.identity.web;

import java.io.IOException;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.caremap.identity.CurrentUser;
import org.caremap.identity.internal.SecondFactorStep;
import org.caremap.identity.internal.StaffSecondFactor;
import org.caremap.shared.QrCodes;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The second factor of a local staff account: the code asked after the password ({@code /login/code}), and on the
 * account page setting up an authenticator app (a new secret as a QR code and as text, confirmed by a first code) or
 * turning it off with the password (not while a role requires it). The secret waits in the session until confirmed.
 */
@Controller
class SecondFactorController {

	static final String SETUP = "caremap.account.totpSetup";

	private final StaffSecondFactor secondFactor;
	private final SecondFactorStep step;

	SecondFactorController(StaffSecondFactor secondFactor, SecondFactorStep step) {
		this.secondFactor = secondFactor;
		this.step = step;
	}

	@GetMapping("/login/code")
	String codeForm(HttpSession session, Model model) {
		if (!(session.getAttribute(SecondFactorStep.PENDING) instanceof Authentication)) return "redirect:/login";
		return "identity/login-code";
	}

	@PostMapping("/login/code")
	String code(@RequestParam(defaultValue = "") String code, HttpServletRequest request, HttpServletResponse response,
			Model model) throws IOException, ServletException {
		HttpSession session = request.getSession();
		if (!(session.getAttribute(SecondFactorStep.PENDING) instanceof Authentication pending)) return "redirect:/login";
		switch (secondFactor.check(pending.getName(), code, request.getRemoteAddr())) {
			case ACCEPTED -> {
				step.complete(request, response, pending);
				return null;
			}
			case WRONG -> {
				model.addAttribute("errorKey", "login.code.wrong");
				return "identity/login-code";
			}
			default -> {
				// locked (now or by this failure), disabled or throttled: the sign-in starts over, with the one answer
				session.removeAttribute(SecondFactorStep.PENDING);
				return "redirect:/login?error=bad";
			}
		}
	}

	@GetMapping("/account/two-factor")
	String account(HttpSession session, Model model) {
		CurrentUser me = CurrentUser.require();
		boolean on = secondFactor.enabled(me.getUsername());
		model.addAttribute("totpOn", on);
		model.addAttribute("required", secondFactor.required(me));
		model.addAttribute("mustEnrol", Boolean.TRUE.equals(session.getAttribute(SecondFactorStep.ENROL)));
		if (!on) {
			// the key shown stays the same until it is confirmed (the person may have added it to their app already)
			StaffSecondFactor.Setup setup = session.getAttribute(SETUP) instanceof String pending
					? secondFactor.setup(me, pending) : secondFactor.newSetup(me);
			session.setAttribute(SETUP, setup.secret());
			model.addAttribute("setup", setup);
			model.addAttribute("qr", QrCodes.svg(setup.uri(), "totp-qr-label"));
			model.addAttribute("secretGroups", setup.secret().replaceAll("(.{4})(?!$)", "$1 "));
		}
		return "identity/two-factor";
	}

	@PostMapping("/account/two-factor")
	String enable(@RequestParam(defaultValue = "") String code, HttpSession session, RedirectAttributes redirect) {
		CurrentUser me = CurrentUser.require();
		if (!(session.getAttribute(SETUP) instanceof String secret) || code.length() > 20
				|| !secondFactor.enable(me, secret, code)) {
			redirect.addFlashAttribute("flashError", "account.totp.wrongCode");
			return "redirect:/account/two-factor";
		}
		session.removeAttribute(SETUP);
		boolean wasRequired = Boolean.TRUE.equals(session.getAttribute(SecondFactorStep.ENROL));
		session.removeAttribute(SecondFactorStep.ENROL);
		redirect.addFlashAttribute("flash", "account.totp.on");
		return wasRequired ? "redirect:/" : "redirect:/account/two-factor";
	}

	@PostMapping("/account/two-factor/off")
	String disable(@RequestParam(defaultValue = "") String password, HttpServletRequest request,
			RedirectAttributes redirect) {
		CurrentUser me = CurrentUser.require();
		if (secondFactor.required(me)) {
			redirect.addFlashAttribute("flashError", "account.totp.requiredByRole");
			return "redirect:/account/two-factor";
		}
		if (!secondFactor.disable(me, password.length() > 200 ? "" : password, request.getRemoteAddr())) {
			redirect.addFlashAttribute("flashError", "account.totp.wrongPassword");
			return "redirect:/account/two-factor";
		}
		redirect.addFlashAttribute("flash", "account.totp.off");
		return "redirect:/account/two-factor";
	}
}
