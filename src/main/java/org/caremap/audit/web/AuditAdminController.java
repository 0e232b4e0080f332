package org.caremap.audit.web;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.servlet.http.HttpServletResponse;
import org.caremap.audit.AuditDirectory;
import org.caremap.audit.AuditEntry;
import org.caremap.audit.AuditOutcome;
import org.caremap.audit.AuditTrail;
import org.caremap.audit.AuditVerifier;
import org.caremap.audit.internal.AuditLog;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The administrator's view of the audit trail: entries filtered by user, patient, action, outcome and dates, 50 to
 * a page (GET parameters, so a filtered page can be bookmarked), and verification of the chain.
 */
@Controller
@RequestMapping("/admin/audit")
class AuditAdminController {

	static final int PAGE_SIZE = 50;

	private final AuditLog log;
	private final AuditVerifier verifier;
	private final AuditTrail trail;
	private final ObjectProvider<AuditDirectory> directory;

	AuditAdminController(AuditLog log, AuditVerifier verifier, AuditTrail trail,
			ObjectProvider<AuditDirectory> directory) {
		this.log = log;
		this.verifier = verifier;
		this.trail = trail;
		this.directory = directory;
	}

	/** The filter as typed, kept for the form and the paging links. */
	public record Form(String user, String patient, String action, String outcome, String from, String to) {

		public Map<String, String> asParams() {
			Map<String, String> p = new LinkedHashMap<>();
			p.put("user", user);
			p.put("patient", patient);
			p.put("action", action);
			p.put("outcome", outcome);
			p.put("from", from);
			p.put("to", to);
			p.values().removeIf(String::isEmpty);
			return p;
		}

		public boolean any() {
			return !asParams().isEmpty();
		}
	}

	/** One row as shown. */
	public record Shown(AuditLog.Row row, String who, @Nullable String username, String resource) {
	}

	@GetMapping
	String page(@RequestParam(defaultValue = "") String user, @RequestParam(defaultValue = "") String patient,
			@RequestParam(defaultValue = "") String action, @RequestParam(defaultValue = "") String outcome,
			@RequestParam(defaultValue = "") String from, @RequestParam(defaultValue = "") String to,
			@RequestParam(defaultValue = "") String before, @RequestParam(defaultValue = "") String after,
			Model model, HttpServletResponse response) {
		Form form = new Form(user.strip(), patient.strip(), action.strip(), outcome.strip(), from.strip(), to.strip());
		Map<String, String> errors = new LinkedHashMap<>();
		ZoneId zone = zone();

		java.util.Collection<String> actors = null;
		if (!form.user().isEmpty()) {
			if (form.user().length() > 100) errors.put("user", "audit.filter.user.invalid");
			else actors = usernames(form.user());
		}
		UUID patientId = null;
		if (!form.patient().isEmpty()) {
			try {
				patientId = UUID.fromString(form.patient());
			}
			catch (IllegalArgumentException e) {
				errors.put("patient", "audit.filter.patient.invalid");
			}
		}
		String actionValue = null;
		if (!form.action().isEmpty()) {
			String normalised = form.action().toUpperCase(Locale.ROOT).replace(' ', '_');
			if (normalised.matches("[A-Z_]{1,40}")) actionValue = normalised;
			else errors.put("action", "audit.filter.action.invalid");
		}
		String outcomeValue = null;
		if (!form.outcome().isEmpty()) {
			try {
				outcomeValue = AuditOutcome.valueOf(form.outcome().toUpperCase(Locale.ROOT)).name();
			}
			catch (IllegalArgumentException e) {
				errors.put("outcome", "audit.filter.outcome.invalid");
			}
		}
		LocalDate fromDate = date(form.from(), "from", errors);
		LocalDate toDate = date(form.to(), "to", errors);
		if (fromDate != null && toDate != null && toDate.isBefore(fromDate)) errors.put("to", "audit.filter.to.before");
		Long beforeKey = key(before, errors);
		Long afterKey = key(after, errors);

		model.addAttribute("form", form);
		model.addAttribute("errors", errors);
		model.addAttribute("outcomes", AuditOutcome.values());
		model.addAttribute("zone", zone);
		if (!errors.isEmpty()) {
			response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
			model.addAttribute("rows", List.of());
			return "audit/admin";
		}
		if (actors != null && actors.isEmpty()) {
			// no account matches: the text may still be a system actor's name ("system:adt", "anonymous")
			actors = Set.of(form.user());
		}
		AuditLog.Filter filter = new AuditLog.Filter(actors, patientId, actionValue, outcomeValue,
				fromDate == null ? null : fromDate.atStartOfDay(zone).toInstant(),
				toDate == null ? null : toDate.plusDays(1).atStartOfDay(zone).toInstant());
		AuditLog.Page page = log.page(filter, beforeKey, afterKey, PAGE_SIZE);
		List<AuditLog.Row> rows = page.rows();
		model.addAttribute("rows", shown(rows));
		boolean readingBack = beforeKey == null && afterKey != null;
		boolean newer = readingBack ? page.more() : beforeKey != null;
		boolean older = readingBack ? true : page.more();
		if (!rows.isEmpty()) {
			if (newer) model.addAttribute("previousUrl", link(form, "after", rows.get(0).id()));
			if (older) model.addAttribute("nextUrl", link(form, "before", rows.get(rows.size() - 1).id()));
		}
		return "audit/admin";
	}

	@PostMapping("/verify")
	String verify(Model model) {
		verifier.sealNow();
		model.addAttribute("verification", verifier.verify());
		trail.record(AuditEntry.write("VERIFY", "AuditTrail", null, null));
		Form form = new Form("", "", "", "", "", "");
		model.addAttribute("form", form);
		model.addAttribute("errors", Map.of());
		model.addAttribute("outcomes", AuditOutcome.values());
		model.addAttribute("zone", zone());
		AuditLog.Page page = log.page(new AuditLog.Filter(null, null, null, null, null, null), null, null, PAGE_SIZE);
		model.addAttribute("rows", shown(page.rows()));
		if (page.more() && !page.rows().isEmpty()) {
			model.addAttribute("nextUrl", link(form, "before", page.rows().get(page.rows().size() - 1).id()));
		}
		return "audit/admin";
	}

	private List<Shown> shown(List<AuditLog.Row> rows) {
		AuditDirectory people = directory.getIfAvailable();
		Map<String, String> names = people == null ? Map.of()
				: people.displayNames(rows.stream().map(AuditLog.Row::actor).distinct().toList());
		return rows.stream().map(r -> {
			String name = names.get(r.actor());
			return new Shown(r, name == null ? r.actor() : name, name == null ? null : r.actor(),
					ResourceNames.plain(r.resourceType()));
		}).toList();
	}

	private java.util.Collection<String> usernames(String text) {
		AuditDirectory people = directory.getIfAvailable();
		return people == null ? Set.of(text) : people.usernamesMatching(text);
	}

	private ZoneId zone() {
		AuditDirectory people = directory.getIfAvailable();
		return people == null ? ZoneId.systemDefault() : people.zone();
	}

	private static @Nullable LocalDate date(String text, String field, Map<String, String> errors) {
		if (text.isEmpty()) return null;
		try {
			return LocalDate.parse(text);
		}
		catch (DateTimeParseException e) {
			errors.put(field, "audit.filter.date.invalid");
			return null;
		}
	}

	private static @Nullable Long key(String text, Map<String, String> errors) {
		if (text.isBlank()) return null;
		try {
			return Long.parseLong(text.strip());
		}
		catch (NumberFormatException e) {
			errors.put("page", "audit.filter.page.invalid");
			return null;
		}
	}

	private static String link(Form form, String direction, long id) {
		UriComponentsBuilder uri = UriComponentsBuilder.fromPath("/admin/audit");
		form.asParams().forEach(uri::queryParam);
		uri.queryParam(direction, id);
		return uri.encode().build().toUriString();
	}
}
