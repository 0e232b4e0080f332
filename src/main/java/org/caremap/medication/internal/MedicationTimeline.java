package org.caremap.medication.internal;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.caremap.shared.PatientId;
import org.caremap.timeline.TimelineEntry;
import org.caremap.timeline.TimelineSource;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The medication list's changes, signed reconciliations and adherence found below 80% on the patient's timeline, in
 * words: 'Medication stopped: Ibuprofen 200 MG Oral Tablet · bleeding risk with warfarin'.
 */
@Component
class MedicationTimeline implements TimelineSource {

	private final JdbcClient jdbc;
	private final MessageSource messages;

	MedicationTimeline(JdbcClient jdbc, MessageSource messages) {
		this.jdbc = jdbc;
		this.messages = messages;
	}

	@Override
	public List<TimelineEntry> entries(PatientId patient) {
		Locale locale = LocaleContextHolder.getLocale();
		String medications = "/patients/" + patient.value() + "/medications";
		List<TimelineEntry> out = new ArrayList<>(jdbc.sql("""
				select created_at, action, name, reason, created_by from medication_list_change
				where patient_id = ? and reconciliation_id is null order by id desc limit 200""")
			.param(patient.value())
			.query((rs, n) -> new TimelineEntry(rs.getObject(1, OffsetDateTime.class).toInstant(),
					"medication." + rs.getString(2), rs.getString(3) + (rs.getString(4) == null ? "" : " · " + rs.getString(4)),
					rs.getString(5), medications))
			.list());
		out.addAll(jdbc.sql("""
				select r.id, r.signed_at, r.signed_by,
				       (select count(*) from medication_reconciliation_line l where l.reconciliation_id = r.id),
				       (select count(*) from medication_reconciliation_line l where l.reconciliation_id = r.id
				        and cardinality(l.discrepancies) > 0)
				from medication_reconciliation r where r.patient_id = ? and r.status = 'SIGNED'""")
			.param(patient.value())
			.query((rs, n) -> new TimelineEntry(rs.getObject(2, OffsetDateTime.class).toInstant(), "reconciliation.signed",
					text(locale, "reconciliation.counts", rs.getLong(4), rs.getLong(5)), rs.getString(3),
					medications + "/reconciliations/" + rs.getObject(1)))
			.list());
		out.addAll(jdbc.sql("select flagged_at, drug_class, pdc from medication_adherence where patient_id = ? and flagged_at is not null")
			.param(patient.value())
			.query((rs, n) -> new TimelineEntry(rs.getObject(1, OffsetDateTime.class).withOffsetSameInstant(ZoneOffset.UTC).toInstant(),
					"adherence.gap", text(locale, "medication.flag", text(locale, "drugClass." + rs.getString(2)),
							rs.getBigDecimal(3).movePointRight(2).setScale(0, java.math.RoundingMode.HALF_UP)),
					null, medications + "/adherence"))
			.list());
		return out;
	}

	private String text(Locale locale, String key, Object... arguments) {
		return messages.getMessage(key, arguments, key, locale);
	}
}
