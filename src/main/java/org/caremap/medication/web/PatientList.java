package org.caremap.medication.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.caremap.medication.ListedMedication;
import org.caremap.medication.MedicationEntry;
import org.jspecify.annotations.Nullable;

/**
 * The patient's own medication list, in plain words and large type, in English or Spanish: the texts come from the
 * module's bundle ({@code medication/patient-list_<lang>.properties}), shared by the printable page and the PDF
 * (PDFBox, the library the care plan's patient copy uses).
 */
final class PatientList {

	static final List<String> LANGUAGES = List.of("en", "es");
	private static final Map<String, Map<String, String>> TEXTS = new HashMap<>();

	private PatientList() {
	}

	static String language(@Nullable String requested) {
		return requested != null && LANGUAGES.contains(requested) ? requested : "en";
	}

	static synchronized Map<String, String> texts(String lang) {
		return TEXTS.computeIfAbsent(language(lang), l -> {
			Properties p = new Properties();
			try (InputStream in = PatientList.class.getResourceAsStream("/medication/patient-list_" + l + ".properties")) {
				if (in == null) throw new IllegalStateException("no texts for " + l);
				p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			Map<String, String> m = new HashMap<>();
			p.forEach((k, v) -> m.put((String) k, (String) v));
			return Map.copyOf(m);
		});
	}

	static DateTimeFormatter dates(String lang) {
		return DateTimeFormatter.ofPattern(lang.equals("es") ? "d 'de' MMMM 'de' yyyy" : "MMMM d, yyyy", Locale.forLanguageTag(lang));
	}

	static byte[] pdf(String patientName, List<ListedMedication> medications, String manager, String lang, LocalDate today) {
		Map<String, String> t = texts(lang);
		try (PDDocument doc = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
			doc.getDocumentInformation().setTitle(t.get("title") + " - " + patientName);
			doc.getDocumentInformation().setCreator("Caremap");
			Writer w = new Writer(doc);
			w.text(t.get("title"), w.bold, 22, 6);
			w.text(t.get("for") + ": " + patientName + "     " + t.get("date") + ": " + dates(lang).format(today), w.regular, 12, 2);
			if (!manager.isBlank()) w.text(t.get("manager") + ": " + manager, w.regular, 12, 2);
			w.gap(6);
			w.text(t.get("intro"), w.regular, 12, 8);
			List<ListedMedication> active = medications.stream().filter(ListedMedication::active).toList();
			if (active.isEmpty()) w.text(t.get("none"), w.regular, 13, 4);
			for (ListedMedication m : active) {
				MedicationEntry e = m.entry();
				w.gap(4);
				w.text(e.name(), w.bold, 14, 2);
				if (e.dose() != null) w.text(t.get("dose") + ": " + e.dose(), w.regular, 13, 1);
				if (e.route() != null) w.text(t.get("route") + ": " + e.route(), w.regular, 13, 1);
				if (e.frequency() != null) w.text(t.get("frequency") + ": " + e.frequency(), w.regular, 13, 1);
				if (e.prescriber() != null) w.text(t.get("prescriber") + ": " + e.prescriber(), w.regular, 13, 1);
			}
			List<ListedMedication> stopped = medications.stream().filter(m -> !m.active()).toList();
			if (!stopped.isEmpty()) {
				w.gap(10);
				w.text(t.get("stopped"), w.bold, 15, 4);
				for (ListedMedication m : stopped) w.text("-  " + m.entry().name(), w.regular, 12, 2);
			}
			w.gap(12);
			w.text(t.get("questions"), w.regular, 12, 2);
			w.finish(t.get("page"), t.get("of"));
			doc.save(out);
			return out.toByteArray();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Lays text out top to bottom, wrapping words and starting new pages. */
	private static final class Writer {
		private static final float MARGIN = 54;
		final PDType1Font regular = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
		final PDType1Font bold = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);
		private final PDDocument doc;
		private final List<PDPage> pages = new ArrayList<>();
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

		void gap(float points) {
			y -= points;
		}

		void text(String text, PDType1Font font, float size, float after) throws IOException {
			float width = PDRectangle.LETTER.getWidth() - 2 * MARGIN;
			for (String line : wrap(font, size, safe(font, text), width)) {
				if (y < MARGIN + size + 20) newPage();
				y -= size * 1.3f;
				stream.beginText();
				stream.setFont(font, size);
				stream.newLineAtOffset(MARGIN, y);
				stream.showText(line);
				stream.endText();
			}
			y -= after;
		}

		private static List<String> wrap(PDType1Font font, float size, String text, float width) throws IOException {
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

		/** Characters the standard font cannot show become "?" rather than failing the document. */
		private static String safe(PDType1Font font, String text) {
			StringBuilder s = new StringBuilder();
			for (int i = 0; i < text.length(); i++) {
				char c = text.charAt(i);
				try {
					font.encode(String.valueOf(c));
					s.append(c);
				}
				catch (IllegalArgumentException | IOException ex) {
					s.append('?');
				}
			}
			return s.toString();
		}

		void finish(String page, String of) throws IOException {
			if (stream != null) stream.close();
			int n = pages.size();
			for (int i = 0; i < n; i++) {
				try (PDPageContentStream s = new PDPageContentStream(doc, pages.get(i), PDPageContentStream.AppendMode.APPEND, true)) {
					s.beginText();
					s.setFont(regular, 9);
					s.newLineAtOffset(MARGIN, MARGIN / 2);
					s.showText(safe(regular, page + " " + (i + 1) + " " + of + " " + n));
					s.endText();
				}
			}
		}
	}
}
