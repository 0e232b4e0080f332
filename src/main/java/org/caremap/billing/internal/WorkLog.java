package org.caremap.billing.internal;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.caremap.caseload.CaseId;
import org.caremap.contact.ContactKinds;
import org.caremap.contact.ContactLogged;
import org.caremap.shared.Ids;
import org.caremap.shared.PatientId;
import org.caremap.task.TaskCompleted;
import org.caremap.task.TimeSpent;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * The minutes of the work itself, no stopwatch: each logged contact with minutes, and each completed task whose time
 * was entered, becomes one work item. Idempotent: one item per source (a redelivered event records nothing twice).
 */
@Component
public class WorkLog {

	private final JdbcClient jdbc;

	WorkLog(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@ApplicationModuleListener
	void on(ContactLogged e) {
		if (e.minutes() <= 0) return;
		StaffTime staff = e.staffKind() == ContactKinds.StaffKind.PHYSICIAN ? StaffTime.PHYSICIAN : StaffTime.CLINICAL_STAFF;
		record("CONTACT", e.contact(), e.patient(), e.caseId(), "CONTACT_" + e.type().name(), e.occurredAt(),
				e.minutes(), staff, e.loggedBy());
	}

	@ApplicationModuleListener
	void on(TaskCompleted e) {
		TimeSpent spent = e.spent();
		if (spent == null) return;
		StaffTime staff = spent.whose() == TimeSpent.Whose.PHYSICIAN ? StaffTime.PHYSICIAN : StaffTime.CLINICAL_STAFF;
		record("TASK", e.task().value(), e.patient(), e.caseId(), spent.kind().name(), e.completedAt(), spent.minutes(),
				staff, e.completedBy());
	}

	/** Records one work item; false when its source was recorded already. */
	boolean record(String sourceKind, UUID source, PatientId patient, @Nullable CaseId caseId, String workKind,
			Instant at, int minutes, StaffTime staff, String by) {
		return jdbc.sql("""
				insert into billing_work_item (id, source_kind, source_id, patient_id, case_id, work_kind, occurred_at,
				                               minutes, staff, recorded_by)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict (source_kind, source_id) do nothing""")
			.params(Ids.newId(), sourceKind, source, patient.value(), caseId == null ? null : caseId.value(), workKind,
					java.sql.Timestamp.from(at), minutes, staff.name(), by)
			.update() == 1;
	}

	/** The work items of a case between two instants (the month's bounds, padded by the caller). */
	List<WorkItem> ofCase(CaseId caseId, Instant from, Instant to) {
		return jdbc.sql("""
				select id, source_kind, source_id, work_kind, occurred_at, minutes, staff from billing_work_item
				where case_id = ? and occurred_at >= ? and occurred_at < ? order by occurred_at, id""")
			.params(caseId.value(), java.sql.Timestamp.from(from), java.sql.Timestamp.from(to))
			.query((rs, n) -> new WorkItem(rs.getObject(1, UUID.class), rs.getString(2), rs.getObject(3, UUID.class),
					rs.getString(4), rs.getTimestamp(5).toInstant(), rs.getInt(6), StaffTime.valueOf(rs.getString(7))))
			.list();
	}
}
