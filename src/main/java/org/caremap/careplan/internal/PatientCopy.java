package org.caremap.careplan.internal;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.caremap.careplan.CarePlanContent;
import org.caremap.shared.PatientDocumentWriter;
import org.caremap.careplan.CarePlanView;
import org.caremap.careplan.PatientPlanText;

/**
 * The patient's copy of the care plan: plain words, large type, what we work on, the patient's goals, who does
 * what, what may get in the way, and the agreement. Items from a template print in the patient's language when
 * the template has it; the labels are translated for every language offered ({@link #LANGUAGES}).
 */
final class PatientCopy {

	static final List<String> LANGUAGES = List.of("en", "es");

	/** The labels of the copy: texts of the message bundles ({@code careplan.copy.<name>}), in the copy's language. */
	private static final List<String> LABEL_NAMES = List.of("title", "often", "review", "for", "date", "manager", "problems", "goals", "target", "by", "SHORT", "LONG", "who", "barriers", "response", "agreement", "agreedBy", "notAgreed", "signature", "version", "page", "of", "none", "CASE_MANAGER", "PROVIDER", "PATIENT", "FAMILY", "COMMUNITY", "PATIENT_REL", "FAMILY_REL", "CAREGIVER_REL", "LEGAL_REPRESENTATIVE_REL", "IN_PERSON", "PHONE", "VIDEO", "PORTAL", "SIGNED_COPY", "questions");

	private static final org.springframework.context.support.ResourceBundleMessageSource BUNDLE = bundle();

	private static org.springframework.context.support.ResourceBundleMessageSource bundle() {
		var bundle = new org.springframework.context.support.ResourceBundleMessageSource();
		bundle.setBasename("messages");
		bundle.setDefaultEncoding("UTF-8");
		bundle.setFallbackToSystemLocale(false);
		return bundle;
	}

	/** The copy's labels in this language (en or es), by name. */
	static Map<String, String> labels(String lang) {
		Locale locale = Locale.forLanguageTag(lang);
		Map<String, String> labels = new java.util.HashMap<>();
		for (String name : LABEL_NAMES) labels.put(name, BUNDLE.getMessage("careplan.copy." + name, null, locale));
		return labels;
	}

	private PatientCopy() {
	}

	static String language(String requested) {
		return LANGUAGES.contains(requested) ? requested : "en";
	}

	/**
	 * The copy, with what other modules say to the patient about an intervention printed under it (e.g. what the
	 * insurer approved); {@code notice}: the plan is a 42 CFR Part 2 record printed for a reader who sees it under the
	 * patient's consent to disclose, so the full notice against redisclosure (42 CFR 2.32) is printed at its end.
	 */
	static byte[] render(CarePlanView plan, String patientName, String manager, String organization, String requested,
			LocalDate today, ZoneId zone, Map<java.util.UUID, List<String>> interventionWords, boolean notice) {
		String lang = language(requested);
		Map<String, String> l = labels(lang);
		PatientPlanText text = text(plan, patientName, manager, organization, requested, today, zone, interventionWords);
		PatientDocumentWriter w = new PatientDocumentWriter(text.title() + " - " + patientName);
		w.line(text.title(), true, 22, 0, 8);
		for (String line : text.header()) w.line(line, false, 12, 0, 2);
		w.gap(8);
		for (PatientPlanText.Section section : text.sections()) {
			w.heading(section.heading());
			if (section.items().isEmpty()) w.line(section.empty(), false, 12, 0, 4);
			for (PatientPlanText.Item item : section.items()) {
				if (section.key().equals("goals")) {
					// a goal: its words in bold, then how we will know (12pt) and by when (11pt)
					w.line(item.text(), true, 12, 0, 2);
					w.line(item.details().get(0), false, 12, 14, 2);
					w.line(item.details().get(1), false, 11, 14, 8);
				}
				else {
					w.bullet(item.text());
					for (String detail : item.details()) w.line(detail, false, 11, 14, 4);
				}
			}
		}
		w.heading(text.agreement().heading());
		if (plan.currentAgreement() != null) w.line(text.agreement().items().get(0).text(), false, 12, 0, 6);
		else {
			w.line(text.agreement().items().get(0).text(), false, 12, 0, 24);
			w.line(l.get("signature") + ": ______________________________     " + l.get("date") + ": ____________",
					false, 12, 0, 6);
		}
		w.gap(10);
		w.line(text.closing(), false, 11, 0, 4);
		if (notice) {
			Locale locale = Locale.forLanguageTag(lang);
			w.heading(BUNDLE.getMessage("careplan.copy.part2Notice", null, locale));
			w.line(BUNDLE.getMessage("part2.notice.full", null, locale), false, 10, 0, 4);
		}
		return w.finish(l.get("version") + " " + plan.version(), l.get("page"), l.get("of"));
	}

	/** The words of the copy, as {@link #render} prints them (the portal shows the same). */
	static PatientPlanText text(CarePlanView plan, String patientName, String manager, String organization,
			String requested, LocalDate today, ZoneId zone, Map<java.util.UUID, List<String>> interventionWords) {
		String lang = language(requested);
		Map<String, String> l = labels(lang);
		DateTimeFormatter dates = DateTimeFormatter.ofPattern(lang.equals("es") ? "d 'de' MMMM 'de' yyyy" : "MMMM d, yyyy",
				Locale.forLanguageTag(lang));
		List<String> header = new java.util.ArrayList<>();
		header.add(l.get("for") + ": " + patientName + "     " + l.get("date") + ": " + dates.format(today));
		header.add(l.get("manager") + ": " + manager + (organization.isBlank() ? "" : ", " + organization));
		if (plan.reviewDue() != null) header.add(l.get("review") + ": " + dates.format(plan.reviewDue()));

		CarePlanContent c = plan.content();
		List<PatientPlanText.Item> problems = c.problems().stream()
			.filter(p -> p.status() == CarePlanContent.ProblemStatus.ACTIVE)
			.map(p -> new PatientPlanText.Item(p.id(), in(lang, p.text(), p.translations()), List.of()))
			.toList();
		List<PatientPlanText.Item> goals = new java.util.ArrayList<>();
		for (CarePlanContent.Goal g : c.goals()) {
			if (g.lifecycle() == CarePlanContent.Lifecycle.CANCELLED) continue;
			String when = (g.targetDate() == null ? "" : l.get("by") + " " + dates.format(g.targetDate()) + " · ")
					+ l.get(g.term().name());
			goals.add(new PatientPlanText.Item(g.id(), g.textIn(lang),
					List.of(l.get("target") + ": " + g.targetIn(lang), when)));
		}
		List<PatientPlanText.Item> who = new java.util.ArrayList<>();
		for (CarePlanContent.Intervention i : c.interventions()) {
			if (i.status() == CarePlanContent.InterventionStatus.STOPPED) continue;
			String owner = l.get(i.owner().name()) + (i.ownerName() == null ? "" : " (" + i.ownerName() + ")");
			List<String> details = new java.util.ArrayList<>();
			if (i.frequency() != null) details.add(l.get("often") + ": " + in(lang, i.frequency(), i.frequencyTranslations()));
			details.addAll(interventionWords.getOrDefault(i.id(), List.of()));
			who.add(new PatientPlanText.Item(i.id(), owner + ": " + i.textIn(lang), details));
		}
		List<PatientPlanText.Item> barriers = c.barriers().stream()
			.map(b -> new PatientPlanText.Item(b.id(), in(lang, b.text(), b.translations()),
					b.response() == null ? List.of() : List.of(l.get("response") + ": " + b.response())))
			.toList();
		CarePlanView.Agreement a = plan.currentAgreement();
		String agreed = a != null
				? l.get("agreedBy") + ": " + a.partyName() + " (" + l.get(a.relation().name() + "_REL") + "), "
						+ dates.format(a.agreedAt().atZone(zone).toLocalDate()) + ", "
						+ l.get(a.method().name())
				: l.get("notAgreed");
		return new PatientPlanText(l.get("title"), header,
				List.of(new PatientPlanText.Section("problems", l.get("problems"), problems, l.get("none")),
						new PatientPlanText.Section("goals", l.get("goals"), goals, l.get("none")),
						new PatientPlanText.Section("who", l.get("who"), who, l.get("none")),
						new PatientPlanText.Section("barriers", l.get("barriers"), barriers, l.get("none"))),
				new PatientPlanText.Section("agreement", l.get("agreement"),
						List.of(new PatientPlanText.Item(null, agreed, List.of())), l.get("none")),
				l.get("questions"), plan.version());
	}

	private static String in(String lang, String text, Map<String, String> translations) {
		return translations.getOrDefault(lang, text);
	}
}
