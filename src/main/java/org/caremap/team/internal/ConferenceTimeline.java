package org.caremap.team.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.caremap.access.Part2Segment;
import org.caremap.access.Segmentation;
import org.caremap.shared.PatientId;
import org.caremap.timeline.TimelineEntry;
import org.caremap.timeline.TimelineSource;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Case conferences on the patient's timeline: each conference that discussed the patient (not a cancelled one), and
 * each decision made there about them. Served by {@code conference_case_patient_idx}.
 */
@Component
class ConferenceTimeline implements TimelineSource {

	private final JdbcClient jdbc;
	private final MessageSource messages;
	private final Segmentation segmentation;

	ConferenceTimeline(JdbcClient jdbc, MessageSource messages, Segmentation segmentation) {
		this.jdbc = jdbc;
		this.messages = messages;
		this.segmentation = segmentation;
	}

	@Override
	public List<TimelineEntry> entries(PatientId patient) {
		Locale locale = LocaleContextHolder.getLocale();
		// a conference's discussion of a case in a Part 2 program the reader is outside of is left out
		Part2Segment segment = segmentation.part2(patient);
		List<TimelineEntry> out = new ArrayList<>(jdbc.sql("""
				select c.id, c.title, c.starts_at, c.status, c.signed_by_name, k.case_id
				from conference_case k join conference c on c.id = k.conference_id
				where k.patient_id = ? and not k.voided and c.status <> 'CANCELLED'""")
			.param(patient.value())
			.query((rs, n) -> {
				if (segment.withholds(rs.getObject(6, UUID.class))) return null;
				String key = "SIGNED".equals(rs.getString(4)) ? "timeline.conference.signed" : "timeline.conference.planned";
				return new TimelineEntry(JdbcConferences.instant(rs, "starts_at"), "conference",
						messages.getMessage(key, new Object[] { rs.getString(2) }, key, locale), rs.getString(5),
						"/team/conferences/" + rs.getObject(1, UUID.class));
			})
			.list());
		out.addAll(jdbc.sql("""
				select c.id, d.text, d.owner_name, d.due_on, d.created_at, d.created_by, d.case_id
				from conference_decision d join conference c on c.id = d.conference_id
				where d.patient_id = ? and not d.voided and c.status <> 'CANCELLED'""")
			.param(patient.value())
			.query((rs, n) -> {
				if (segment.withholds(rs.getObject(7, UUID.class))) return null;
				String owner = rs.getString(3);
				String text = owner == null ? rs.getString(2)
						: messages.getMessage("timeline.decision.owned", new Object[] { rs.getString(2), owner,
								org.caremap.shared.DateTexts.day(rs.getObject(4, java.time.LocalDate.class), locale) }, locale);
				return new TimelineEntry(JdbcConferences.instant(rs, "created_at"), "decision", text, null,
						"/team/conferences/" + rs.getObject(1, UUID.class));
			})
			.list());
		out.removeIf(java.util.Objects::isNull);
		return out;
	}
}
