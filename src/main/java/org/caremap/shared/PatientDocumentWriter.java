package org.caremap.shared;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.jspecify.annotations.Nullable;

/**
 * The one way Caremap lays out a document it hands to a patient (a care plan's copy, the medication list, what a
 * community referral sent): Letter pages, large plain type top to bottom, words wrapped, new pages as needed, a
 * footer with the page number on each. Characters the standard fonts cannot draw become "?" so that a stray symbol
 * never stops the print. Use it once: write, then {@link #finish}.
 */
public final class PatientDocumentWriter {

	private static final float MARGIN = 54;

	private final PDDocument doc = new PDDocument();
	private final PDType1Font regular = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
	private final PDType1Font bold = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);
	private final List<PDPage> pages = new ArrayList<>();
	private final Map<Character, Boolean> encodable = new HashMap<>();
	private @Nullable PDPageContentStream stream;
	private float y;

	private static final Map<String, Map<String, String>> BUNDLES = new java.util.concurrent.ConcurrentHashMap<>();

	/**
	 * The texts of a patient document in one language, from a UTF-8 properties file on the class path (e.g.
	 * {@code /community/patient-referral_es.properties}), read once.
	 */
	public static Map<String, String> texts(String resource) {
		return BUNDLES.computeIfAbsent(resource, r -> {
			java.util.Properties p = new java.util.Properties();
			try (java.io.InputStream in = PatientDocumentWriter.class.getResourceAsStream(r)) {
				if (in == null) throw new IllegalStateException("no texts at " + r);
				p.load(new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8));
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			Map<String, String> m = new HashMap<>();
			p.forEach((k, v) -> m.put((String) k, (String) v));
			return Map.copyOf(m);
		});
	}

	public PatientDocumentWriter(String title) {
		doc.getDocumentInformation().setTitle(title);
		doc.getDocumentInformation().setCreator("Caremap");
		io(this::newPage);
	}

	private interface Step {
		void run() throws IOException;
	}

	private static void io(Step step) {
		try {
			step.run();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private void newPage() throws IOException {
		if (stream != null) stream.close();
		PDPage page = new PDPage(PDRectangle.LETTER);
		doc.addPage(page);
		pages.add(page);
		stream = new PDPageContentStream(doc, page);
		y = page.getMediaBox().getHeight() - MARGIN;
	}

	private static float width() {
		return PDRectangle.LETTER.getWidth() - 2 * MARGIN;
	}

	/** The document's title line. */
	public PatientDocumentWriter title(String text) {
		return line(text, true, 22, 0, 6);
	}

	/** A section's heading, kept with at least a few lines of what follows. */
	public PatientDocumentWriter heading(String text) {
		gap(8);
		if (y < MARGIN + 80) io(this::newPage);
		return line(text, true, 15, 0, 6);
	}

	public PatientDocumentWriter paragraph(String text) {
		return line(text, false, 12, 0, 4);
	}

	/** "Label: value" as one paragraph, the label in bold type only where the fonts allow (plain here, for width). */
	public PatientDocumentWriter field(String label, @Nullable String value) {
		if (value == null || value.isBlank()) return this;
		return line(label + ": " + value, false, 12, 0, 3);
	}

	public PatientDocumentWriter bullet(String text) {
		io(() -> write("•  " + text, regular, 12, 0, 4, 12));
		return this;
	}

	public PatientDocumentWriter gap(float points) {
		y -= points;
		return this;
	}

	/** One paragraph in the regular or bold face, at a size, indented, with space after it. */
	public PatientDocumentWriter line(String text, boolean strong, float size, float indent, float after) {
		io(() -> write(text, strong ? bold : regular, size, indent, after, 0));
		return this;
	}

	private void write(String text, PDType1Font font, float size, float indent, float after, float hanging) throws IOException {
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

	/**
	 * Writes the footer on every page ({@code footer} then "page 1 of 2" in the words given; the footer may be empty)
	 * and returns the PDF.
	 */
	public byte[] finish(String footer, String page, String of) {
		try (doc; ByteArrayOutputStream out = new ByteArrayOutputStream()) {
			stream.close();
			stream = null;
			int n = pages.size();
			for (int i = 0; i < n; i++) {
				try (PDPageContentStream s = new PDPageContentStream(doc, pages.get(i), PDPageContentStream.AppendMode.APPEND, true)) {
					s.beginText();
					s.setFont(regular, 9);
					s.newLineAtOffset(MARGIN, MARGIN / 2);
					s.showText(safe(regular, (footer.isBlank() ? "" : footer + "  ·  ") + page + " " + (i + 1) + " " + of + " " + n));
					s.endText();
				}
			}
			doc.save(out);
			return out.toByteArray();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}
}
