package org.caremap.identity.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.caremap.identity.CurrentUser;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** A user with a temporary password sees nothing but the page to choose their own. */
@Configuration(proxyBeanMethods = false)
class PasswordChangeRequired implements WebMvcConfigurer, HandlerInterceptor {

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		registry.addInterceptor(this)
			.addPathPatterns("/**")
			.excludePathPatterns("/account/password", "/login", "/logout", "/error", "/webjars/**", "/assets/**",
					"/actuator/**");
	}

	@Override
	public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
			throws Exception {
		if (CurrentUser.get().map(CurrentUser::mustChangePassword).orElse(false)) {
			response.sendRedirect(request.getContextPath() + "/account/password");
			return false;
		}
		return true;
	}
}
