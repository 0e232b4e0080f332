package org.caremap.notification.web;

import java.util.UUID;

import org.caremap.identity.CurrentUser;
import org.caremap.notification.Notifications;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;

/** The notification list: read, mark read (in place with htmx, or by a plain form post). */
@Controller
@RequestMapping("/notifications")
class NotificationController {

	private final Notifications notifications;

	NotificationController(Notifications notifications) {
		this.notifications = notifications;
	}

	@GetMapping
	String list(Model model) {
		CurrentUser me = CurrentUser.require();
		model.addAttribute("notifications", notifications.recent(me.id(), 100));
		return "notification/list";
	}

	@PostMapping("/{id}/read")
	String markRead(@PathVariable UUID id, @RequestHeader(value = "HX-Request", required = false) String htmx,
			Model model) {
		CurrentUser me = CurrentUser.require();
		notifications.markRead(me.id(), id);
		if (htmx != null) {
			model.addAttribute("notifications", notifications.recent(me.id(), 100));
			model.addAttribute("unreadCount", notifications.unreadCount(me.id()));
			return "notification/list :: content";
		}
		return "redirect:/notifications";
	}

	@PostMapping("/read-all")
	String markAllRead() {
		notifications.markAllRead(CurrentUser.require().id());
		return "redirect:/notifications";
	}
}
