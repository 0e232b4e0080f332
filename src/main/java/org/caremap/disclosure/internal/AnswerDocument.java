package org.caremap.disclosure.internal;

import org.caremap.disclosure.Disclosures;
import org.caremap.disclosure.DisclosureView;
import org.caremap.disclosure.RequestView;

import java.time.format.DateTimeFormatter;
import java.util.Locale;

import org.caremap.audit.AuditHistory;
import org.caremap.identity.People;
import org.caremap.patient.PatientHeader;
import org.caremap.shared.PatientDocumentWriter;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * The PDF given to the patient: the accounting of disclosures of the period (each with its date, the recipient and
 * their address where known, what was disclosed and why), or the access log (who in the organisation opened or
 * changed the record, and when), in the reader's language.
 */
@Component
public class AnswerDocument {

	private final MessageSource messages;
	private final People people;

	AnswerDocument(MessageSource messages, People people) {
		this.messages = messages;
		this.people = people;
	}

	private String t(Locale locale, String key, Object... args) {
		return messages.getMessage(key, args, key, locale);
	}

	public byte[] pdf(Disclosures.Answer a, PatientHeader patient, Locale locale) {
		DateTimeFormatter day = DateTimeFormatter.ofPattern("d MMM yyyy", locale);
		DateTimeFormatter moment = DateTimeFormatter.ofPattern("d MMM yyyy HH:mm", locale);
		boolean accounting = a.request().kind() == RequestView.Kind.ACCOUNTING;
		String title = t(locale, accounting ? "disclosure.pdf.accountingTitle" : "disclosure.pdf.accessTitle");
		PatientDocumentWriter w = new PatientDocumentWriter(title).title(title);
		w.field(t(locale, "disclosure.pdf.patient"), patient.displayName() + " (" + day.format(patient.birthDate()) + ")");
		w.field(t(locale, "disclosure.pdf.period"), t(locale, "disclosure.pdf.periodValue", day.format(a.request().from()),
				day.format(a.request().to())));
		w.field(t(locale, "disclosure.pdf.requested"), t(locale, "disclosure.pdf.requestedValue", a.request().requestedBy(),
				day.format(a.request().requestedOn())));
		w.gap(6);
		if (accounting) {
			w.paragraph(t(locale, "disclosure.pdf.accountingIntro"));
			if (a.disclosures().isEmpty()) w.paragraph(t(locale, "disclosure.pdf.none"));
			for (DisclosureView d : a.disclosures()) {
				w.heading(day.format(d.disclosedOn()) + " · " + d.recipient());
				if (d.recipientAddress() != null) w.field(t(locale, "disclosure.address"), d.recipientAddress());
				w.field(t(locale, "disclosure.description"), DisclosureTexts.description(d, messages, locale));
				w.field(t(locale, "disclosure.purpose"), DisclosureTexts.purpose(d, messages, locale));
				w.field(t(locale, "disclosure.basis"), t(locale, "disclosure.basis." + d.basis().name()));
			}
		}
		else {
			w.paragraph(t(locale, "disclosure.pdf.accessIntro", a.accessCount()));
			for (AuditHistory.Access x : a.accesses()) {
				w.bullet(moment.format(x.at().atZone(a.zone())) + " · " + people.name(x.actor()) + " · "
						+ t(locale, "disclosure.access." + x.action(), x.action()) + " · " + x.resourceType()
						+ (x.outcome() == org.caremap.audit.AuditOutcome.SUCCESS ? "" : " · " + t(locale, "disclosure.access.refused")));
			}
			if (a.accessCount() > a.accesses().size()) {
				w.paragraph(t(locale, "disclosure.pdf.more", a.accessCount() - a.accesses().size()));
			}
		}
		return w.finish(t(locale, "disclosure.pdf.footer"), t(locale, "disclosure.pdf.page"), t(locale, "disclosure.pdf.of"));
	}
}
