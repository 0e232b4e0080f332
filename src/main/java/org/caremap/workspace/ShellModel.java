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

	@ModelAttribute
	void shell(Model model, jakarta.servlet.http.HttpServletRequest request) {
		model.addAttribute("currentPath", request.getRequestURI());
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
