package org.caremap.notification.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

import org.caremap.access.PatientAccess;
import org.caremap.identity.CurrentUser;
import org.caremap.notification.NotificationView;
import org.caremap.notification.Notifications;
import org.caremap.patient.PatientHeader;
import org.caremap.patient.PatientRegistry;
import org.caremap.shared.PatientId;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * The notification list: one row per kind of thing about one patient (or with one title, when about nobody), naming
 * the patient to a reader who may open their record now, with a count and the repeats behind a 'show all'; one action
 * per row, opening what it is about (which marks the row read).
 */
@Controller
@RequestMapping("/notifications")
class NotificationController {

	private static final int SHOWN = 100;

	private final Notifications notifications;
	private final PatientAccess access;
	private final PatientRegistry patients;

	NotificationController(Notifications notifications, PatientAccess access, PatientRegistry patients) {
		this.notifications = notifications;
		this.access = access;
		this.patients = patients;
	}

	/** One row of the list: the newest notification of its group, the patient's name if the reader may see it. */
	record Row(NotificationView latest, @Nullable String patient, List<NotificationView> items) {

		public int count() {
			return items.size();
		}

		public boolean unread() {
			return items.stream().anyMatch(NotificationView::unread);
		}
	}

	@GetMapping
	String list(Model model) {
		model.addAttribute("rows", rows(CurrentUser.require()));
		return "notification/list";
	}

	private List<Row> rows(CurrentUser me) {
		List<NotificationView> recent = notifications.recent(me.id(), SHOWN);
		// names at display time, for the patients this reader may open now (one access query, one name query)
		Set<PatientId> about = new java.util.HashSet<>();
		recent.stream().map(NotificationView::patient).filter(Objects::nonNull).forEach(about::add);
		Set<PatientId> readable = about.isEmpty() ? Set.of() : access.readable(about);
		Map<PatientId, PatientHeader> headers = readable.isEmpty() ? Map.of() : patients.headers(readable);
		Map<String, List<NotificationView>> groups = new LinkedHashMap<>();
		for (NotificationView n : recent) {
			String key = n.category() + "|" + (n.patient() != null ? "p:" + n.patient().value() : "t:" + n.title());
			groups.computeIfAbsent(key, k -> new ArrayList<>()).add(n);
		}
		List<Row> rows = new ArrayList<>(groups.size());
		for (List<NotificationView> items : groups.values()) {
			NotificationView latest = items.get(0);
			PatientHeader header = latest.patient() == null || !readable.contains(latest.patient()) ? null
					: headers.get(latest.patient());
			rows.add(new Row(latest, header == null ? null : header.displayName(), List.copyOf(items)));
		}
		return rows;
	}

	/** Opens what a notification is about, marking it and the rest of its row read. */
	@PostMapping("/{id}/open")
	String open(@PathVariable UUID id) {
		CurrentUser me = CurrentUser.require();
		var found = notifications.find(me.id(), id);
		if (found.isEmpty()) return "redirect:/notifications";
		notifications.markGroupRead(me.id(), id);
		String link = found.get().link();
		return "redirect:" + (inside(link) ? link : "/notifications");
	}

	/** A path inside Caremap (never another site). */
	private static boolean inside(@Nullable String link) {
		return link != null && link.startsWith("/") && !link.startsWith("//") && !link.contains("\\")
				&& link.chars().noneMatch(Character::isWhitespace);
	}

	@PostMapping("/{id}/read")
	String markRead(@PathVariable UUID id, @RequestHeader(value = "HX-Request", required = false) String htmx,
			Model model) {
		CurrentUser me = CurrentUser.require();
		notifications.markGroupRead(me.id(), id);
		if (htmx != null) {
			model.addAttribute("rows", rows(me));
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
