package org.caremap.fhir.internal;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.caremap.audit.AuditEntry;
import org.caremap.audit.AuditOutcome;
import org.caremap.audit.AuditTrail;
import org.caremap.shared.Ids;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Bulk Data export jobs: kicked off by a client, run by one node (a scheduled job), polled and downloaded by the
 * client that asked (and no one else), deleted on request or a day after they finish.
 */
@Service
class BulkExports {

	/** The resource types an export holds by default, in the order they are written (patient data first). */
	static final List<String> PATIENT_TYPES = List.of("Patient", "Condition", "AllergyIntolerance", "MedicationStatement",
			"Coverage", "Encounter", "EpisodeOfCare", "CareTeam", "Consent", "ServiceRequest", "CarePlan", "Goal", "Task",
			"QuestionnaireResponse", "Communication", "MedicationRequest", "MedicationDispense", "Appointment",
			"Claim", "ClaimResponse", "CoverageEligibilityRequest", "CoverageEligibilityResponse");
	/** The types a system-level export adds: the directory and the instruments. */
	static final List<String> SYSTEM_TYPES = List.of("Practitioner", "Organization", "Questionnaire", "Group");

	record Job(UUID id, String requestedBy, String scopes, String level, @Nullable String group, List<String> types,
			@Nullable Instant since, String requestUrl, String status, @Nullable String progress, @Nullable String error,
			Instant transactionTime) {
	}

	record FileInfo(int seq, String type, int count) {
	}

	private final JdbcClient jdbc;
	private final AuditTrail audit;

	BulkExports(JdbcClient jdbc, AuditTrail audit) {
		this.jdbc = jdbc;
		this.audit = audit;
	}

	UUID create(String requestedBy, String scopes, String level, @Nullable String group, List<String> types,
			@Nullable Instant since, String requestUrl) {
		UUID id = Ids.newId();
		jdbc.sql("""
				insert into bulk_export_job (id, requested_by, token_scopes, level, group_id, types, since, request_url, status,
				                             transaction_time)
				values (?, ?, ?, ?, ?, ?, ?, ?, 'QUEUED', now())""")
			.params(id, requestedBy, scopes, level, group, types.toArray(String[]::new),
					since == null ? null : since.atOffset(ZoneOffset.UTC), requestUrl)
			.update();
		audit.record(new AuditEntry("EXPORT", "BulkExport", id.toString(), null, AuditOutcome.SUCCESS,
				level + (group == null ? "" : " Group/" + group) + " " + String.join(",", types)));
		return id;
	}

	Optional<Job> find(UUID id) {
		return jdbc.sql("select * from bulk_export_job where id = ?").param(id).query((rs, n) -> new Job(
				rs.getObject("id", UUID.class), rs.getString("requested_by"), rs.getString("token_scopes"), rs.getString("level"),
				rs.getString("group_id"), Arrays.asList((String[]) rs.getArray("types").getArray()),
				rs.getObject("since", OffsetDateTime.class) == null ? null : rs.getObject("since", OffsetDateTime.class).toInstant(),
				rs.getString("request_url"), rs.getString("status"), rs.getString("progress"), rs.getString("error"),
				rs.getObject("transaction_time", OffsetDateTime.class).toInstant())).optional();
	}

	List<FileInfo> files(UUID job) {
		return jdbc.sql("select seq, resource_type, line_count from bulk_export_file where job_id = ? order by seq").param(job)
			.query((rs, n) -> new FileInfo(rs.getInt(1), rs.getString(2), rs.getInt(3))).list();
	}

	Optional<Map.Entry<String, String>> file(UUID job, int seq) {
		return jdbc.sql("select resource_type, content from bulk_export_file where job_id = ? and seq = ?").params(job, seq)
			.query((rs, n) -> Map.entry(rs.getString(1), rs.getString(2))).optional();
	}

	/** Cancels a job still running, or deletes a finished one with its files. */
	void delete(UUID job) {
		jdbc.sql("update bulk_export_job set status = 'CANCELLED', finished_at = now() where id = ? and status in ('QUEUED', 'RUNNING')")
			.param(job).update();
		jdbc.sql("delete from bulk_export_job where id = ? and status <> 'RUNNING'").param(job).update();
		audit.record(new AuditEntry("DELETE", "BulkExport", job.toString(), null, AuditOutcome.SUCCESS, null));
	}

	boolean cancelled(UUID job) {
		return jdbc.sql("select coalesce((select status from bulk_export_job where id = ?), 'CANCELLED') = 'CANCELLED'")
			.param(job).query(Boolean.class).single();
	}

	void running(UUID job, String progress) {
		jdbc.sql("update bulk_export_job set status = 'RUNNING', progress = ? where id = ? and status in ('QUEUED', 'RUNNING')")
			.params(progress, job).update();
	}

	void addFile(UUID job, int seq, String type, int lines, String content) {
		jdbc.sql("insert into bulk_export_file (job_id, seq, resource_type, line_count, content) values (?, ?, ?, ?, ?)")
			.params(job, seq, type, lines, content).update();
	}

	void finish(UUID job, @Nullable String error) {
		jdbc.sql("""
				update bulk_export_job set status = ?, error = ?, finished_at = now(), expires_at = now() + interval '1 day'
				where id = ? and status = 'RUNNING'""")
			.params(error == null ? "COMPLETED" : "FAILED", error, job).update();
		// a job cancelled while it ran leaves nothing behind
		jdbc.sql("delete from bulk_export_job where id = ? and status = 'CANCELLED'").param(job).update();
	}

	int deleteExpired() {
		return jdbc.sql("delete from bulk_export_job where expires_at < now()").update();
	}
}
