package org.caremap.utilization.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.caremap.utilization.AppealLevel;
import org.caremap.utilization.AuthorizationView;
import org.caremap.utilization.AuthorizationView.AppealView;
import org.caremap.utilization.AuthorizationView.LineView;
import org.caremap.utilization.LineDecision;

/**
 * The appeal letter: drafted from a template with the case facts (who, the payer's reference and notice, what was
 * asked and what was decided line by line with the payer's reasons, the diagnoses, the clinical notes, the deadline
 * and its rule), edited by the case manager while the appeal is a draft, and printed as a PDF to send.
 */
final class AppealLetter {

	private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("MMMM d, yyyy", Locale.ENGLISH);

	private AppealLetter() {
	}

	static String draft(AuthorizationView a, AppealLevel level, String patientName, LocalDate notice, LocalDate deadline,
			LocalDate today) {
		String kind = switch (level) {
			case INTERNAL -> "a reconsideration (first-level appeal)";
			case SECOND_LEVEL -> "a second-level appeal";
			case EXTERNAL -> "an external (independent) review";
		};
		StringBuilder s = new StringBuilder();
		s.append(DAY.format(today)).append("\n\n");
		s.append(a.payer()).append("\nUtilization Management / Appeals\n\n");
		s.append("Re: Request for ").append(kind).append("\n");
		s.append("Member: ").append(patientName).append(a.memberId() == null ? "" : ", member ID " + a.memberId()).append("\n");
		if (a.payerReference() != null) s.append("Authorization reference: ").append(a.payerReference()).append("\n");
		s.append("Date of the notice: ").append(DAY.format(notice)).append("\n");
		s.append("Service: ").append(a.service()).append("\n\n");
		s.append("To whom it may concern,\n\n");
		s.append("On behalf of ").append(patientName).append(" and the requesting provider, ").append(a.requestingProvider())
			.append(", we ask for ").append(kind).append(" of your decision of ")
			.append(a.decidedAt() == null ? DAY.format(notice) : DAY.format(a.decidedAt().atZone(java.time.ZoneOffset.UTC).toLocalDate()))
			.append(" on the prior authorization request for ").append(a.service()).append(", wanted from ")
			.append(DAY.format(a.wantedFrom())).append(" to ").append(DAY.format(a.wantedTo())).append(".\n\n");
		s.append("What was requested and decided:\n");
		for (LineView l : a.lines()) {
			s.append("- ").append(l.system()).append(' ').append(l.code()).append(l.description() == null ? "" : " (" + l.description() + ")")
				.append(": ").append(l.unitsRequested()).append(' ').append(units(l)).append(" requested; ");
			if (l.decision() == LineDecision.DENIED) s.append("denied");
			else if (l.decision() == LineDecision.PARTIAL) s.append(l.unitsApproved()).append(" approved");
			else s.append("approved");
			if (l.denialReason() != null) s.append(". Reason given: ").append(l.denialReason());
			s.append(".\n");
		}
		if (a.decisionReason() != null) s.append("Reason given for the decision: ").append(a.decisionReason()).append("\n");
		s.append("\nDiagnoses (ICD-10-CM): ").append(String.join(", ", a.diagnoses())).append("\n\n");
		s.append("Why the service is medically necessary:\n");
		s.append(a.clinicalNotes() == null ? "[Describe the patient's condition, what was tried, and why this service is needed now.]"
				: a.clinicalNotes()).append("\n\n");
		if (!a.documents().isEmpty()) {
			s.append("Enclosed: ");
			s.append(String.join(", ", a.documents().stream().map(AuthorizationView.DocumentInfo::filename).toList())).append("\n\n");
		}
		s.append("We ask that you reverse the decision and approve the service as requested. This appeal is filed within the ")
			.append("filing window, which ends on ").append(DAY.format(deadline)).append(".\n\n");
		s.append("Sincerely,\n\n").append(a.requestingProvider()).append("\n");
		return s.toString();
	}

	private static String units(LineView l) {
		return switch (l.unitKind()) {
			case VISIT -> "visits";
			case DAY -> "days";
			case UNIT -> "units";
			case HOUR -> "hours";
		};
	}

	/** The letter as filed (or as drafted so far), on letter paper with the wrapping and page breaks it needs. */
	static byte[] pdf(AppealView appeal, String title) {
		try (PDDocument doc = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
			doc.getDocumentInformation().setTitle(title);
			doc.getDocumentInformation().setCreator("Caremap");
			PDType1Font font = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
			float size = 11;
			float leading = size * 1.4f;
			float margin = 60;
			float width = PDRectangle.LETTER.getWidth() - 2 * margin;
			List<String> lines = new ArrayList<>();
			for (String paragraph : appeal.letter().replace("\r", "").split("\n", -1)) {
				lines.addAll(wrap(font, size, safe(font, paragraph), width));
			}
			PDPageContentStream stream = null;
			float y = 0;
			for (String line : lines) {
				if (stream == null || y < margin) {
					if (stream != null) stream.close();
					PDPage page = new PDPage(PDRectangle.LETTER);
					doc.addPage(page);
					stream = new PDPageContentStream(doc, page);
					y = page.getMediaBox().getHeight() - margin;
				}
				y -= leading;
				if (!line.isEmpty()) {
					stream.beginText();
					stream.setFont(font, size);
					stream.newLineAtOffset(margin, y);
					stream.showText(line);
					stream.endText();
				}
			}
			if (stream != null) stream.close();
			doc.save(out);
			return out.toByteArray();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static List<String> wrap(PDType1Font font, float size, String text, float width) throws IOException {
		List<String> lines = new ArrayList<>();
		if (text.isEmpty()) {
			lines.add("");
			return lines;
		}
		StringBuilder line = new StringBuilder();
		for (String word : text.split(" ")) {
			String candidate = line.isEmpty() ? word : line + " " + word;
			if (!line.isEmpty() && font.getStringWidth(candidate) / 1000 * size > width) {
				lines.add(line.toString());
				line = new StringBuilder(word);
			}
			else line = new StringBuilder(candidate);
		}
		if (!line.isEmpty()) lines.add(line.toString());
		return lines;
	}

	/** Characters the standard font cannot draw become '?', so a stray symbol never stops the letter. */
	private static String safe(PDType1Font font, String text) {
		StringBuilder out = new StringBuilder();
		for (char ch : text.replace('\t', ' ').toCharArray()) {
			try {
				font.encode(String.valueOf(ch));
				out.append(ch);
			}
			catch (IOException | IllegalArgumentException ex) {
				out.append('?');
			}
		}
		return out.toString();
	}
}
