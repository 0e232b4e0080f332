package org.caremap.careplan.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.Locale;

import org.caremap.access.Part2Segment;
import org.caremap.access.Segmentation;
import org.caremap.shared.PatientId;
import org.caremap.timeline.TimelineEntry;
import org.caremap.timeline.TimelineSource;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Care-plan versions and agreements on the patient's timeline (not those of a withheld Part 2 case's plan). */
@Component
class CarePlanTimeline implements TimelineSource {

	private final JdbcClient jdbc;
	private final MessageSource messages;
	private final Segmentation segmentation;

	CarePlanTimeline(JdbcClient jdbc, MessageSource messages, Segmentation segmentation) {
		this.jdbc = jdbc;
		this.messages = messages;
		this.segmentation = segmentation;
	}

	@Override
	public List<TimelineEntry> entries(PatientId patient) {
		Locale locale = LocaleContextHolder.getLocale();
		// the plans of cases in Part 2 programs the reader is outside of are left out
		Part2Segment segment = segmentation.part2(patient);
		List<TimelineEntry> entries = new ArrayList<>(jdbc.sql("""
				select v.created_at, v.version, v.reason, v.author, v.reason_key, v.reason_args, p.case_id
				from care_plan_version v join care_plan p on p.id = v.plan_id where p.patient_id = ?""")
			.param(patient.value())
			.query((rs, n) -> segment.withholds(rs.getObject(7, UUID.class)) ? null : new TimelineEntry(rs.getTimestamp(1).toInstant(), "careplan.version",
					messages.getMessage("timeline.careplan.version.summary", new Object[] { rs.getInt(2),
							new org.caremap.careplan.CarePlanView.VersionInfo(rs.getInt(2), rs.getString(3), rs.getString(4),
									rs.getTimestamp(1).toInstant(), null, rs.getString(5),
									rs.getArray(6) == null ? List.of() : List.of((String[]) rs.getArray(6).getArray()))
								.reasonIn(messages, locale) }, locale),
					rs.getString(4),
					"/patients/" + patient.value() + "/care-plan"))
			.list());
		entries.addAll(jdbc.sql("""
				select a.agreed_at, a.party_name, a.party_relation, a.version, a.recorded_by, p.case_id
				from care_plan_agreement a join care_plan p on p.id = a.plan_id where p.patient_id = ?""")
			.param(patient.value())
			.query((rs, n) -> segment.withholds(rs.getObject(6, UUID.class)) ? null : new TimelineEntry(rs.getTimestamp(1).toInstant(), "careplan.agreed",
					messages.getMessage("timeline.careplan.agreed.summary", new Object[] { rs.getString(2), rs.getInt(4) }, locale),
					rs.getString(5),
					"/patients/" + patient.value() + "/care-plan"))
			.list());
		entries.removeIf(Objects::isNull);
		return entries;
	}
}
