package org.caremap.careplan.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.caremap.careplan.CarePlanContent;
import org.caremap.careplan.CarePlanView;
import org.jspecify.annotations.Nullable;

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
		try (PDDocument doc = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
			PDDocumentInformation info = doc.getDocumentInformation();
			info.setTitle(l.get("title") + " - " + patientName);
			info.setCreator("Caremap");
			Writer w = new Writer(doc);
			w.text(l.get("title"), w.bold, 22, 0, 8);
			w.text(l.get("for") + ": " + patientName + "     " + l.get("date") + ": " + dates.format(today), w.regular, 12, 0, 2);
			w.text(l.get("manager") + ": " + manager + (organization.isBlank() ? "" : ", " + organization), w.regular, 12, 0, 2);
			if (plan.reviewDue() != null) w.text(l.get("review") + ": " + dates.format(plan.reviewDue()), w.regular, 12, 0, 2);
			w.gap(8);

			CarePlanContent c = plan.content();
			w.heading(l.get("problems"));
			List<CarePlanContent.Problem> problems = c.problems().stream()
				.filter(p -> p.status() == CarePlanContent.ProblemStatus.ACTIVE).toList();
			if (problems.isEmpty()) w.text(l.get("none"), w.regular, 12, 0, 4);
			for (CarePlanContent.Problem p : problems) w.bullet(in(lang, p.text(), p.translations()));

			w.heading(l.get("goals"));
			if (c.goals().isEmpty()) w.text(l.get("none"), w.regular, 12, 0, 4);
			for (CarePlanContent.Goal g : c.goals()) {
				if (g.lifecycle() == CarePlanContent.Lifecycle.CANCELLED) continue;
				w.text(in(lang, g.text(), g.translations()), w.bold, 12, 0, 2);
				w.text(l.get("target") + ": " + in(lang, g.target(), g.targetTranslations()), w.regular, 12, 14, 2);
				String when = (g.targetDate() == null ? "" : l.get("by") + " " + dates.format(g.targetDate()) + " · ")
						+ l.get(g.term().name());
				w.text(when, w.regular, 11, 14, 8);
			}

			w.heading(l.get("who"));
			if (c.interventions().isEmpty()) w.text(l.get("none"), w.regular, 12, 0, 4);
			for (CarePlanContent.Intervention i : c.interventions()) {
				if (i.status() == CarePlanContent.InterventionStatus.STOPPED) continue;
				String who = l.get(i.owner().name()) + (i.ownerName() == null ? "" : " (" + i.ownerName() + ")");
				w.bullet(who + ": " + in(lang, i.text(), i.translations()));
				if (i.frequency() != null) {
					w.text(l.get("often") + ": " + in(lang, i.frequency(), i.frequencyTranslations()), w.regular, 11, 14, 4);
				}
				for (String said : interventionWords.getOrDefault(i.id(), List.of())) w.text(said, w.regular, 11, 14, 4);
			}

			w.heading(l.get("barriers"));
			if (c.barriers().isEmpty()) w.text(l.get("none"), w.regular, 12, 0, 4);
			for (CarePlanContent.Barrier b : c.barriers()) {
				w.bullet(in(lang, b.text(), b.translations()));
				if (b.response() != null) w.text(l.get("response") + ": " + b.response(), w.regular, 11, 14, 4);
			}

			w.heading(l.get("agreement"));
			CarePlanView.Agreement a = plan.currentAgreement();
			if (a != null) {
				w.text(l.get("agreedBy") + ": " + a.partyName() + " (" + l.get(a.relation().name() + "_REL") + "), "
						+ dates.format(a.agreedAt().atZone(ZoneId.systemDefault()).toLocalDate()) + ", "
						+ l.get(a.method().name()), w.regular, 12, 0, 6);
			}
			else {
				w.text(l.get("notAgreed"), w.regular, 12, 0, 24);
				w.text(l.get("signature") + ": ______________________________     " + l.get("date") + ": ____________",
						w.regular, 12, 0, 6);
			}
			w.gap(10);
			w.text(l.get("questions"), w.regular, 11, 0, 4);
			w.finish(l.get("version") + " " + plan.version(), l.get("page"), l.get("of"));
			doc.save(out);
			return out.toByteArray();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static String in(String lang, String text, Map<String, String> translations) {
		return translations.getOrDefault(lang, text);
	}

	/** Lays text out top to bottom, wrapping words and starting new pages. */
	private static final class Writer {
		private static final float MARGIN = 54;
		private final PDDocument doc;
		final PDType1Font regular = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
		final PDType1Font bold = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);
		private final List<PDPage> pages = new ArrayList<>();
		private final Map<Character, Boolean> encodable = new HashMap<>();
		private @Nullable PDPageContentStream stream;
		private float y;

		Writer(PDDocument doc) throws IOException {
			this.doc = doc;
			newPage();
		}

		private void newPage() throws IOException {
			if (stream != null) stream.close();
			PDPage page = new PDPage(PDRectangle.LETTER);
			doc.addPage(page);
			pages.add(page);
			stream = new PDPageContentStream(doc, page);
			y = page.getMediaBox().getHeight() - MARGIN;
		}

		private float width() {
			return PDRectangle.LETTER.getWidth() - 2 * MARGIN;
		}

		void heading(String text) throws IOException {
			gap(8);
			if (y < MARGIN + 80) newPage();
			text(text, bold, 15, 0, 6);
		}

		void bullet(String text) throws IOException {
			text("•  " + text, regular, 12, 0, 4, 12);
		}

		void gap(float points) {
			y -= points;
		}

		void text(String text, PDType1Font font, float size, float indent, float after) throws IOException {
			text(text, font, size, indent, after, 0);
		}

		private void text(String text, PDType1Font font, float size, float indent, float after, float hanging)
				throws IOException {
			String safe = safe(font, text);
			float leading = size * 1.35f;
			boolean first = true;
			for (String line : wrap(font, size, safe, width() - indent - hanging)) {
				if (y - leading < MARGIN + 20) newPage();
				y -= leading;
				stream.beginText();
				stream.setFont(font, size);
				stream.newLineAtOffset(MARGIN + indent + (first ? 0 : hanging), y);
				stream.showText(line);
				stream.endText();
				first = false;
			}
			y -= after;
		}

		private List<String> wrap(PDType1Font font, float size, String text, float width) throws IOException {
			List<String> lines = new ArrayList<>();
			StringBuilder line = new StringBuilder();
			for (String word : text.split(" ")) {
				String candidate = line.isEmpty() ? word : line + " " + word;
				if (!line.isEmpty() && font.getStringWidth(candidate) / 1000 * size > width) {
					lines.add(line.toString());
					line = new StringBuilder(word);
				}
				else {
					line = new StringBuilder(candidate);
				}
			}
			if (!line.isEmpty()) lines.add(line.toString());
			return lines;
		}

		/** Characters the standard fonts cannot draw are replaced, so a stray symbol never stops the print. */
		private String safe(PDType1Font font, String text) {
			StringBuilder out = new StringBuilder();
			for (char ch : text.replace('\t', ' ').replace('\n', ' ').replace('\r', ' ').toCharArray()) {
				boolean ok = encodable.computeIfAbsent(ch, c -> {
					try {
						font.encode(String.valueOf(c));
						return true;
					}
					catch (IOException | IllegalArgumentException ex) {
						return false;
					}
				});
				out.append(ok ? ch : '?');
			}
			return out.toString();
		}

		void finish(String version, String page, String of) throws IOException {
			stream.close();
			stream = null;
			int n = pages.size();
			for (int i = 0; i < n; i++) {
				try (PDPageContentStream s = new PDPageContentStream(doc, pages.get(i), PDPageContentStream.AppendMode.APPEND, true)) {
					s.beginText();
					s.setFont(regular, 9);
					s.newLineAtOffset(MARGIN, MARGIN / 2);
					s.showText(safe(regular, version + "  ·  " + page + " " + (i + 1) + " " + of + " " + n));
					s.endText();
				}
			}
		}
	}
}
