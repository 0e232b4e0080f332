package org.caremap.team.internal;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.caremap.caseload.CaseId;
import org.caremap.shared.PatientId;
import org.caremap.timeline.TimelineEntry;
import org.caremap.timeline.TimelineSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Each secure message on the patient's timeline (the subject of its thread, urgent said in words), for a reader who
 * may see the thread; to anyone else who reads the chart the timeline shows no message (the thread check is
 * {@link ThreadAccess}'s, a refusal there is audited).
 */
@Component
class MessageTimeline implements TimelineSource {

	private final JdbcClient jdbc;
	private final ThreadAccess threads;

	MessageTimeline(JdbcClient jdbc, ThreadAccess threads) {
		this.jdbc = jdbc;
		this.threads = threads;
	}

	@Override
	public List<TimelineEntry> entries(PatientId patient) {
		boolean any = jdbc.sql("select exists (select 1 from message where patient_id = ? and not voided)")
			.param(patient.value()).query(Boolean.class).single();
		if (!any) return List.of();
		Set<CaseId> visible = threads.quietly(patient);
		if (visible != null && visible.isEmpty()) return List.of();
		return jdbc.sql("""
				select m.posted_at, m.urgent, t.subject, m.created_by, t.id, t.case_id
				from message m join message_thread t on t.id = m.thread_id
				where m.patient_id = ? and not m.voided and not t.voided order by m.posted_at, m.id""")
			.param(patient.value())
			.query((rs, n) -> new Object[] { rs.getObject(1, OffsetDateTime.class).toInstant(), rs.getBoolean(2), rs.getString(3),
					rs.getString(4), rs.getObject(5, UUID.class), new CaseId(rs.getObject(6, UUID.class)) })
			.list()
			.stream()
			.filter(r -> visible == null || visible.contains((CaseId) r[5]))
			.map(r -> new TimelineEntry((java.time.Instant) r[0], (Boolean) r[1] ? "message.urgent" : "message", (String) r[2],
					(String) r[3], "/patients/" + patient + "/messages/" + r[4] + "#m-last"))
			.toList();
	}
}
