package org.caremap.workspace;

import java.time.Duration;

import org.caremap.identity.CurrentUser;
import org.caremap.notification.Notifications;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.ui.Model;

/** What the layout needs on every page: who is signed in, what they may reach, unread count, idle timeout. */
@ControllerAdvice
class ShellModel {

	private final Notifications notifications;
	private final long idleSeconds;

	ShellModel(Notifications notifications, @Value("${caremap.security.idle-timeout:15m}") Duration idleTimeout) {
		this.notifications = notifications;
		this.idleSeconds = idleTimeout.toSeconds();
	}

	/**
	 * The language switch: the other language (English or Spanish) and this page's address asking for it with
	 * {@code ?uilang=}, its other parameters kept (only the path after a form was posted: the page to go back to).
	 */
	static void languageSwitch(Model model, jakarta.servlet.http.HttpServletRequest request) {
		String current = org.springframework.web.servlet.support.RequestContextUtils.getLocale(request).getLanguage();
		String other = "es".equals(current) ? "en" : "es";
		String href = request.getRequestURI();
		String query = "GET".equals(request.getMethod()) ? request.getQueryString() : null;
		try {
			href = org.springframework.web.util.UriComponentsBuilder.fromPath(request.getRequestURI())
				.query(query)
				.replaceQueryParam(org.caremap.platform.Languages.SWITCH_PARAMETER, other)
				.build(true)
				.toUriString();
		}
		catch (IllegalArgumentException oddlyEncoded) {
			href = org.springframework.web.util.UriComponentsBuilder.fromPath(request.getRequestURI())
				.queryParam(org.caremap.platform.Languages.SWITCH_PARAMETER, other)
				.build()
				.encode()
				.toUriString();
		}
		model.addAttribute("otherLanguage", other);
		model.addAttribute("languageHref", href);
	}

	@ModelAttribute
	void shell(Model model, jakarta.servlet.http.HttpServletRequest request) {
		model.addAttribute("currentPath", request.getRequestURI());
		languageSwitch(model, request);
		model.addAttribute("idleSeconds", idleSeconds);
		CurrentUser.get().ifPresent(me -> {
			model.addAttribute("me", me);
			if (!model.containsAttribute("unreadCount")) {
				model.addAttribute("unreadCount", notifications.unreadCount(me.id()));
			}
			if (!model.containsAttribute("urgentCount")) {
				model.addAttribute("urgentCount", notifications.unreadUrgentCount(me.id()));
			}
		});
	}
}
