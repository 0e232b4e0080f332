package org.caremap.utilization;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;

import org.caremap.shared.DomainException;
import org.caremap.shared.PatientId;
import org.caremap.shared.Texts;
import org.jspecify.annotations.Nullable;

/**
 * A prior authorization request to draft: the patient's coverage (which names the payer), the service in words, its
 * lines, ICD-10-CM diagnoses (at least one), the requesting and servicing provider, the dates wanted (at most a year),
 * urgency and the clinical notes; {@code intervention} names the care-plan intervention it was started from, if any.
 */
public record NewAuthorization(PatientId patient, UUID coverage, String service, List<String> diagnoses,
		String requestingProvider, @Nullable String servicingProvider, LocalDate wantedFrom, LocalDate wantedTo,
		Urgency urgency, @Nullable String clinicalNotes, List<Line> lines, @Nullable UUID intervention) {

	/** ICD-10-CM: a letter (not U), a digit, a digit or letter, then optionally a dot and up to four more. */
	static final Pattern ICD10CM = Pattern.compile("[A-TV-Z][0-9][0-9AB](\\.[0-9A-Z]{1,4})?");

	public NewAuthorization {
		if (patient == null || coverage == null || wantedFrom == null || wantedTo == null || urgency == null) {
			throw new DomainException("authorization.incomplete", "a request needs a patient, a coverage, dates and an urgency");
		}
		service = Texts.orNull(service);
		if (service == null) throw new DomainException("authorization.service", "say what service is requested");
		requestingProvider = Texts.orNull(requestingProvider);
		if (requestingProvider == null) throw new DomainException("authorization.requester", "name the requesting provider");
		servicingProvider = Texts.orNull(servicingProvider);
		clinicalNotes = Texts.orNull(clinicalNotes);
		List<String> codes = new ArrayList<>();
		for (String d : diagnoses == null ? List.<String>of() : diagnoses) {
			String code = d == null ? "" : d.trim().toUpperCase(Locale.ROOT);
			if (code.isEmpty()) continue;
			if (!ICD10CM.matcher(code).matches()) {
				throw new DomainException("authorization.diagnosis", code + " is not an ICD-10-CM code", code);
			}
			if (!codes.contains(code)) codes.add(code);
		}
		if (codes.isEmpty()) throw new DomainException("authorization.no-diagnosis", "name at least one diagnosis (ICD-10-CM)");
		if (codes.size() > 12) throw new DomainException("authorization.too-many-diagnoses", "at most 12 diagnoses");
		diagnoses = List.copyOf(codes);
		if (wantedTo.isBefore(wantedFrom)) throw new DomainException("authorization.dates", "the dates end before they start");
		if (wantedTo.isAfter(wantedFrom.plusYears(1))) {
			throw new DomainException("authorization.too-long", "a request covers at most a year");
		}
		if (lines == null || lines.isEmpty()) throw new DomainException("authorization.no-lines", "add at least one line");
		if (lines.size() > 50) throw new DomainException("authorization.too-many-lines", "at most 50 lines");
		lines = List.copyOf(lines);
	}

	/** One line: a code of its system with its units. */
	public record Line(CodeSystem system, String code, @Nullable String description, int units, UnitKind unitKind) {

		public Line {
			if (system == null || unitKind == null) throw new DomainException("authorization.line-incomplete", "a line needs a code system and a unit");
			code = code == null ? "" : code.trim().toUpperCase(Locale.ROOT);
			if (!system.fits(code)) {
				throw new DomainException("authorization.code", code + " is not a " + system + " code", code, system.name());
			}
			description = Texts.orNull(description);
			if (units < 1 || units > 9999) throw new DomainException("authorization.units", "units from 1 to 9999");
		}
	}
}
