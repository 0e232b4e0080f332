package org.caremap.medication.web;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.caremap.medication.ListedMedication;
import org.caremap.medication.MedicationEntry;
import org.caremap.shared.PatientDocumentWriter;
import org.jspecify.annotations.Nullable;

/**
 * The patient's own medication list, in plain words and large type, in English or Spanish: the texts come from the
 * module's bundle ({@code medication/patient-list_<lang>.properties}), shared by the printable page and the PDF
 * (PDFBox, the library the care plan's patient copy uses).
 */
final class PatientList {

	static final List<String> LANGUAGES = List.of("en", "es");

	private PatientList() {
	}

	static String language(@Nullable String requested) {
		return requested != null && LANGUAGES.contains(requested) ? requested : "en";
	}

	static Map<String, String> texts(String lang) {
		return PatientDocumentWriter.texts("/medication/patient-list_" + language(lang) + ".properties");
	}

	static DateTimeFormatter dates(String lang) {
		return DateTimeFormatter.ofPattern(lang.equals("es") ? "d 'de' MMMM 'de' yyyy" : "MMMM d, yyyy", Locale.forLanguageTag(lang));
	}

	static byte[] pdf(String patientName, List<ListedMedication> medications, String manager, String lang, LocalDate today) {
		Map<String, String> t = texts(lang);
		{
			PatientDocumentWriter w = new PatientDocumentWriter(t.get("title") + " - " + patientName);
			w.line(t.get("title"), true, 22, 0, 6);
			w.line(t.get("for") + ": " + patientName + "     " + t.get("date") + ": " + dates(lang).format(today), false, 12, 0, 2);
			if (!manager.isBlank()) w.line(t.get("manager") + ": " + manager, false, 12, 0, 2);
			w.gap(6);
			w.line(t.get("intro"), false, 12, 0, 8);
			List<ListedMedication> active = medications.stream().filter(ListedMedication::active).toList();
			if (active.isEmpty()) w.line(t.get("none"), false, 13, 0, 4);
			for (ListedMedication m : active) {
				MedicationEntry e = m.entry();
				w.gap(4);
				w.line(e.name(), true, 14, 0, 2);
				if (e.dose() != null) w.line(t.get("dose") + ": " + e.dose(), false, 13, 0, 1);
				if (e.route() != null) w.line(t.get("route") + ": " + e.route(), false, 13, 0, 1);
				if (e.frequency() != null) w.line(t.get("frequency") + ": " + e.frequency(), false, 13, 0, 1);
				if (e.prescriber() != null) w.line(t.get("prescriber") + ": " + e.prescriber(), false, 13, 0, 1);
			}
			List<ListedMedication> stopped = medications.stream().filter(m -> !m.active()).toList();
			if (!stopped.isEmpty()) {
				w.gap(10);
				w.line(t.get("stopped"), true, 15, 0, 4);
				for (ListedMedication m : stopped) w.line("-  " + m.entry().name(), false, 12, 0, 2);
			}
			w.gap(12);
			w.line(t.get("questions"), false, 12, 0, 2);
			return w.finish("", t.get("page"), t.get("of"));
		}
	}
}
