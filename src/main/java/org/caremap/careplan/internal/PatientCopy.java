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

	static byte[] render(CarePlanView plan, String patientName, String manager, String organization, String requested,
			LocalDate today) {
		return render(plan, patientName, manager, organization, requested, today, Map.of());
	}

	/** The copy, with what other modules say to the patient about an intervention printed under it (e.g. what the insurer approved). */
	static byte[] render(CarePlanView plan, String patientName, String manager, String organization, String requested,
			LocalDate today, Map<java.util.UUID, List<String>> interventionWords) {
		String lang = language(requested);
		Map<String, String> l = LABELS.get(lang);
		DateTimeFormatter dates = DateTimeFormatter.ofPattern(lang.equals("es") ? "d 'de' MMMM 'de' yyyy" : "MMMM d, yyyy",
				Locale.forLanguageTag(lang));
		{
			PatientDocumentWriter w = new PatientDocumentWriter(l.get("title") + " - " + patientName);
			w.line(l.get("title"), true, 22, 0, 8);
			w.line(l.get("for") + ": " + patientName + "     " + l.get("date") + ": " + dates.format(today), false, 12, 0, 2);
			w.line(l.get("manager") + ": " + manager + (organization.isBlank() ? "" : ", " + organization), false, 12, 0, 2);
			if (plan.reviewDue() != null) w.line(l.get("review") + ": " + dates.format(plan.reviewDue()), false, 12, 0, 2);
			w.gap(8);

			CarePlanContent c = plan.content();
			w.heading(l.get("problems"));
			List<CarePlanContent.Problem> problems = c.problems().stream()
				.filter(p -> p.status() == CarePlanContent.ProblemStatus.ACTIVE).toList();
			if (problems.isEmpty()) w.line(l.get("none"), false, 12, 0, 4);
			for (CarePlanContent.Problem p : problems) w.bullet(in(lang, p.text(), p.translations()));

			w.heading(l.get("goals"));
			if (c.goals().isEmpty()) w.line(l.get("none"), false, 12, 0, 4);
			for (CarePlanContent.Goal g : c.goals()) {
				if (g.lifecycle() == CarePlanContent.Lifecycle.CANCELLED) continue;
				w.line(in(lang, g.text(), g.translations()), true, 12, 0, 2);
				w.line(l.get("target") + ": " + in(lang, g.target(), g.targetTranslations()), false, 12, 14, 2);
				String when = (g.targetDate() == null ? "" : l.get("by") + " " + dates.format(g.targetDate()) + " · ")
						+ l.get(g.term().name());
				w.line(when, false, 11, 14, 8);
			}

			w.heading(l.get("who"));
			if (c.interventions().isEmpty()) w.line(l.get("none"), false, 12, 0, 4);
			for (CarePlanContent.Intervention i : c.interventions()) {
				if (i.status() == CarePlanContent.InterventionStatus.STOPPED) continue;
				String who = l.get(i.owner().name()) + (i.ownerName() == null ? "" : " (" + i.ownerName() + ")");
				w.bullet(who + ": " + in(lang, i.text(), i.translations()));
				if (i.frequency() != null) {
					w.line(l.get("often") + ": " + in(lang, i.frequency(), i.frequencyTranslations()), false, 11, 14, 4);
				}
				for (String said : interventionWords.getOrDefault(i.id(), List.of())) w.line(said, false, 11, 14, 4);
			}

			w.heading(l.get("barriers"));
			if (c.barriers().isEmpty()) w.line(l.get("none"), false, 12, 0, 4);
			for (CarePlanContent.Barrier b : c.barriers()) {
				w.bullet(in(lang, b.text(), b.translations()));
				if (b.response() != null) w.line(l.get("response") + ": " + b.response(), false, 11, 14, 4);
			}

			w.heading(l.get("agreement"));
			CarePlanView.Agreement a = plan.currentAgreement();
			if (a != null) {
				w.line(l.get("agreedBy") + ": " + a.partyName() + " (" + l.get(a.relation().name() + "_REL") + "), "
						+ dates.format(a.agreedAt().atZone(ZoneId.systemDefault()).toLocalDate()) + ", "
						+ l.get(a.method().name()), false, 12, 0, 6);
			}
			else {
				w.line(l.get("notAgreed"), false, 12, 0, 24);
				w.line(l.get("signature") + ": ______________________________     " + l.get("date") + ": ____________",
						false, 12, 0, 6);
			}
			w.gap(10);
			w.line(l.get("questions"), false, 11, 0, 4);
			return w.finish(l.get("version") + " " + plan.version(), l.get("page"), l.get("of"));
		}
	}

	private static String in(String lang, String text, Map<String, String> translations) {
		return translations.getOrDefault(lang, text);
	}
}
