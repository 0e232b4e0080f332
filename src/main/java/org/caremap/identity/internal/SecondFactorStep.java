package org.caremap.identity.internal;

import java.io.IOException;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.caremap.identity.CurrentUser;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.stereotype.Component;

/**
 * What follows a right password. An account with a second factor is not signed in yet: the password's sign-in waits
 * in the session (nobody is signed in meanwhile) and the page asks for the authenticator code ({@code /login/code}).
 * A person whose role requires the second factor and who has none is signed in and sent to set it up before anything
 * else. Everyone else goes where they were going.
 */
@Component
public class SecondFactorStep implements AuthenticationSuccessHandler {

	/** The session's sign-in waiting for its authenticator code. */
	public static final String PENDING = "caremap.signIn.pendingCode";

	/** Set on a session whose person must set up the second factor before anything else. */
	public static final String ENROL = "caremap.signIn.mustEnrolTotp";

	private final StaffSecondFactor secondFactor;
	private final SavedRequestAwareAuthenticationSuccessHandler onward = new SavedRequestAwareAuthenticationSuccessHandler();
	private final SecurityContextRepository contexts = new HttpSessionSecurityContextRepository();

	SecondFactorStep(StaffSecondFactor secondFactor) {
		this.secondFactor = secondFactor;
		onward.setDefaultTargetUrl("/");
	}

	@Override
	public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response,
			Authentication authentication) throws IOException, ServletException {
		if (authentication.getPrincipal() instanceof CurrentUser user) {
			if (secondFactor.enabled(user.getUsername())) {
				request.getSession().setAttribute(PENDING, authentication);
				SecurityContext empty = SecurityContextHolder.createEmptyContext();
				SecurityContextHolder.setContext(empty);
				contexts.saveContext(empty, request, response);
				request.getSession().removeAttribute(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY);
				response.sendRedirect(request.getContextPath() + "/login/code");
				return;
			}
			if (secondFactor.required(user)) request.getSession().setAttribute(ENROL, Boolean.TRUE);
		}
		onward.onAuthenticationSuccess(request, response, authentication);
	}

	/** After the right code: the waiting sign-in becomes this session's (under a new session id), and goes on. */
	public void complete(HttpServletRequest request, HttpServletResponse response, Authentication authentication)
			throws IOException, ServletException {
		request.getSession().removeAttribute(PENDING);
		request.changeSessionId();
		SecurityContext context = SecurityContextHolder.createEmptyContext();
		context.setAuthentication(authentication);
		SecurityContextHolder.setContext(context);
		contexts.saveContext(context, request, response);
		onward.onAuthenticationSuccess(request, response, authentication);
	}
}
