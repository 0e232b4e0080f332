package org.caremap.measure;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;

import jakarta.validation.constraints.Size;

import org.caremap.shared.DomainException;
import org.caremap.shared.PatientId;
import org.jspecify.annotations.Nullable;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.validation.BindingResult;

/**
 * A reading as the portal's and the chart's forms post it (the time in the organisation's zone, as a
 * {@code datetime-local} field gives it). The ranges are checked by {@link Measures#record}; its refusal is put back
 * on the field at fault by {@link #reject}.
 */
public record ReadingForm(@Nullable MeasureKind kind, @Nullable Integer systolic, @Nullable Integer diastolic,
		@Nullable BigDecimal value, @Size(max = 10) @Nullable String unit,
		@DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) @Nullable LocalDateTime takenAt,
		@Size(max = 1000) @Nullable String note) {

	public static ReadingForm blank(MeasureKind kind, ZoneId zone) {
		return new ReadingForm(kind, null, null, null, kind.unit(),
				LocalDateTime.now(zone).truncatedTo(ChronoUnit.MINUTES), null);
	}

	public NewReading reading(PatientId patient, ZoneId zone) {
		Instant at = takenAt == null ? Instant.now() : takenAt.atZone(zone).toInstant();
		return new NewReading(patient, kind == null ? MeasureKind.BLOOD_PRESSURE : kind, systolic, diastolic, value, unit,
				at, note);
	}

	/** Puts the refusal of {@link Measures#record} on the field it names ({@code measure.<field>-...}). */
	public static void reject(BindingResult errors, DomainException ex) {
		String code = ex.code();
		String field = null;
		if (code.startsWith("measure.")) {
			String rest = code.substring("measure.".length());
			if (rest.startsWith("limit-")) rest = rest.substring("limit-".length());
			int dash = rest.indexOf('-');
			field = dash < 0 ? null : rest.substring(0, dash);
		}
		if (field != null && errors.getTarget() != null
				&& org.springframework.beans.BeanUtils.getPropertyDescriptor(errors.getTarget().getClass(), field) != null) {
			errors.rejectValue(field, "error." + code, ex.arguments(), ex.getMessage());
		}
		else {
			errors.reject("error." + code, ex.arguments(), ex.getMessage());
		}
	}
}
