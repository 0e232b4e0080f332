package org.caremap.community.internal;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.caremap.community.CommunityReferralView;
import org.caremap.organization.Organizations;
import org.caremap.shared.PatientDocumentWriter;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * The patient's copy of a community referral, in plain words, English or Spanish: what was asked, of whom, where it
 * is, its hours and phone, how to get there and how to apply, what was shared, and who to call. The texts come from
 * the module's bundle ({@code community/patient-referral_<lang>.properties}), shared by the printable page and the PDF.
 */
@Component
public class ReferralDocument {

	public static final List<String> LANGUAGES = List.of("en", "es");

	private final Organizations organizations;

	ReferralDocument(Organizations organizations) {
		this.organizations = organizations;
	}

	public static String language(@Nullable String requested) {
		return requested != null && LANGUAGES.contains(requested) ? requested : "en";
	}

	public static Map<String, String> texts(String lang) {
		return PatientDocumentWriter.texts("/community/patient-referral_" + language(lang) + ".properties");
	}

	public static DateTimeFormatter dates(String lang) {
		return DateTimeFormatter.ofPattern(language(lang).equals("es") ? "d 'de' MMMM 'de' yyyy" : "MMMM d, yyyy",
				Locale.forLanguageTag(language(lang)));
	}

	/** The day the referral was sent, in the organisation's zone, as the patient's copy writes it (page and PDF alike). */
	public String sentOn(CommunityReferralView r, String lang) {
		LocalDate sent = r.sentAt().atZone(organizations.primary().map(o -> o.zone()).orElse(ZoneOffset.UTC)).toLocalDate();
		return dates(lang).format(sent);
	}

	byte[] pdf(CommunityReferralView r, String patientName, String requested) {
		String lang = language(requested);
		Map<String, String> t = texts(lang);
		PatientDocumentWriter w = new PatientDocumentWriter(t.get("title") + " - " + patientName);
		w.title(t.get("title"));
		w.paragraph(t.get("for") + ": " + patientName + "     " + t.get("sent") + ": " + sentOn(r, lang));
		w.paragraph(t.get("intro"));
		w.heading(t.get("where"));
		w.line(r.serviceName(), true, 14, 0, 2);
		w.paragraph(r.organizationName());
		w.field(t.get("address"), r.address());
		w.field(t.get("phone"), r.phone());
		w.field(t.get("hours"), r.hours());
		w.field(t.get("getThere"), r.transportation());
		w.field(t.get("apply"), r.applicationProcess());
		w.heading(t.get("asked"));
		w.paragraph(r.request());
		w.heading(t.get("shared"));
		CommunityReferralView.Shared s = r.shared();
		if (s.nameAndContact()) w.bullet(t.get("shared.nameAndContact"));
		if (s.birthDate()) w.bullet(t.get("shared.birthDate"));
		if (s.language()) w.bullet(t.get("shared.language"));
		if (s.need()) w.bullet(t.get("shared.need"));
		if (s.insurance()) w.bullet(t.get("shared.insurance"));
		if (s.noteForOrganization() != null) w.bullet(t.get("shared.note"));
		w.heading(t.get("next"));
		w.paragraph(t.get("nextText"));
		w.paragraph(t.get("questions") + " " + r.senderName());
		return w.finish(t.get("footer"), t.get("page"), t.get("of"));
	}
}
