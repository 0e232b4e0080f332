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

	private static final Map<String, Map<String, String>> LABELS = Map.of(
			"en", Map.ofEntries(Map.entry("title", "My care plan"), Map.entry("often", "How often"),
					Map.entry("review", "We will look at this plan together again on"), Map.entry("for", "For"), Map.entry("date", "Date"),
					Map.entry("manager", "My care manager"), Map.entry("problems", "What we are working on"),
					Map.entry("goals", "My goals"), Map.entry("target", "How we will know"), Map.entry("by", "By"),
					Map.entry("SHORT", "short term"), Map.entry("LONG", "long term"), Map.entry("who", "Who does what"),
					Map.entry("barriers", "What might get in the way"), Map.entry("response", "What we will do"),
					Map.entry("agreement", "We agreed on this plan"), Map.entry("agreedBy", "Agreed by"),
					Map.entry("notAgreed", "Not agreed yet. Sign here when you agree:"),
					Map.entry("signature", "Signature"), Map.entry("version", "Plan version"),
					Map.entry("page", "Page"), Map.entry("of", "of"), Map.entry("none", "Nothing written yet."),
					Map.entry("CASE_MANAGER", "Your care manager"), Map.entry("PROVIDER", "Your doctor or nurse"),
					Map.entry("PATIENT", "You"), Map.entry("FAMILY", "Your family"),
					Map.entry("COMMUNITY", "A community service"), Map.entry("PATIENT_REL", "patient"),
					Map.entry("FAMILY_REL", "family"), Map.entry("CAREGIVER_REL", "caregiver"),
					Map.entry("LEGAL_REPRESENTATIVE_REL", "legal representative"), Map.entry("IN_PERSON", "in person"),
					Map.entry("PHONE", "by phone"), Map.entry("VIDEO", "by video"), Map.entry("PORTAL", "online"),
					Map.entry("SIGNED_COPY", "signed copy"), Map.entry("questions",
							"Questions? Call your care manager. Bring this plan to your appointments.")),
			"es", Map.ofEntries(Map.entry("title", "Mi plan de cuidado"), Map.entry("often", "Con qué frecuencia"),
					Map.entry("review", "Vamos a revisar este plan juntos otra vez el"), Map.entry("for", "Para"), Map.entry("date", "Fecha"),
					Map.entry("manager", "Mi coordinador/a de cuidado"), Map.entry("problems", "En qué estamos trabajando"),
					Map.entry("goals", "Mis metas"), Map.entry("target", "Cómo sabremos que lo logramos"),
					Map.entry("by", "Para el"), Map.entry("SHORT", "a corto plazo"), Map.entry("LONG", "a largo plazo"),
					Map.entry("who", "Quién hace qué"), Map.entry("barriers", "Lo que podría ser un obstáculo"),
					Map.entry("response", "Lo que haremos"), Map.entry("agreement", "Estamos de acuerdo con este plan"),
					Map.entry("agreedBy", "Aceptado por"),
					Map.entry("notAgreed", "Todavía no aceptado. Firme aquí cuando esté de acuerdo:"),
					Map.entry("signature", "Firma"), Map.entry("version", "Versión del plan"), Map.entry("page", "Página"),
					Map.entry("of", "de"), Map.entry("none", "Todavía no hay nada escrito."),
					Map.entry("CASE_MANAGER", "Su coordinador/a de cuidado"), Map.entry("PROVIDER", "Su médico o enfermera"),
					Map.entry("PATIENT", "Usted"), Map.entry("FAMILY", "Su familia"),
					Map.entry("COMMUNITY", "Un servicio de la comunidad"), Map.entry("PATIENT_REL", "paciente"),
					Map.entry("FAMILY_REL", "familia"), Map.entry("CAREGIVER_REL", "cuidador/a"),
					Map.entry("LEGAL_REPRESENTATIVE_REL", "representante legal"), Map.entry("IN_PERSON", "en persona"),
					Map.entry("PHONE", "por teléfono"), Map.entry("VIDEO", "por video"), Map.entry("PORTAL", "en línea"),
					Map.entry("SIGNED_COPY", "copia firmada"), Map.entry("questions",
							"¿Preguntas? Llame a su coordinador/a de cuidado. Traiga este plan a sus citas.")));

	private PatientCopy() {
	}

	static String language(String requested) {
		return LANGUAGES.contains(requested) ? requested : "en";
	}

	/** The copy, with what other modules say to the patient about an intervention printed under it (e.g. what the insurer approved). */
	static byte[] render(CarePlanView plan, String patientName, String manager, String organization, String requested,
			LocalDate today, ZoneId zone, Map<java.util.UUID, List<String>> interventionWords) {
		String lang = language(requested);
		Map<String, String> l = LABELS.get(lang);
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
		return w.finish(l.get("version") + " " + plan.version(), l.get("page"), l.get("of"));
	}

	/** The words of the copy, as {@link #render} prints them (the portal shows the same). */
	static PatientPlanText text(CarePlanView plan, String patientName, String manager, String organization,
			String requested, LocalDate today, ZoneId zone, Map<java.util.UUID, List<String>> interventionWords) {
		String lang = language(requested);
		Map<String, String> l = LABELS.get(lang);
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
