package org.caremap.identity.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.caremap.identity.internal.SecondFactorStep;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * A person whose role requires the second factor and who signed in with a password alone sees nothing but the page to
 * set it up (after choosing their own password, when theirs was temporary).
 */
@Configuration(proxyBeanMethods = false)
class SecondFactorRequired implements WebMvcConfigurer, HandlerInterceptor {

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		registry.addInterceptor(this)
			.addPathPatterns("/**")
			.excludePathPatterns("/account/two-factor", "/account/two-factor/**", "/account/password", "/login",
					"/login/**", "/logout", "/error", "/webjars/**", "/assets/**", "/actuator/**");
	}

	@Override
	public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
			throws Exception {
		HttpSession session = request.getSession(false);
		if (session != null && Boolean.TRUE.equals(session.getAttribute(SecondFactorStep.ENROL))) {
			response.sendRedirect(request.getContextPath() + "/account/two-factor");
			return false;
		}
		return true;
	}
}
