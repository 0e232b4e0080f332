package org.caremap.fhir.internal;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.caremap.audit.AuditEntry;
import org.caremap.audit.AuditOutcome;
import org.caremap.audit.AuditTrail;
import org.caremap.fhir.ImportOutcome;
import org.caremap.shared.Ids;
import org.caremap.shared.PatientId;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Asynchronous bundle imports: created by a client, run by one node in chunks, polled and cancelled by the client
 * that asked (and no one else), removed a day after they end.
 */
@Service
class BundleImportJobs {

	record Job(UUID id, String requestedBy, String actsAs, String bundleType, int entryCount, int doneCount,
			String status, @Nullable String error, Instant createdAt) {
	}

	record Result(int index, String type, ImportOutcome outcome) {
	}

	private final JdbcClient jdbc;
	private final AuditTrail audit;

	BundleImportJobs(JdbcClient jdbc, AuditTrail audit) {
		this.jdbc = jdbc;
		this.audit = audit;
	}

	UUID create(String requestedBy, String actsAs, String bundleType, String bundle, int entries) {
		UUID id = Ids.newId();
		jdbc.sql("""
				insert into fhir_import_job (id, requested_by, acts_as, bundle_type, bundle, entry_count, status)
				values (?, ?, ?, ?, ?, ?, 'QUEUED')""")
			.params(id, requestedBy, actsAs, bundleType, bundle, entries).update();
		audit.record(new AuditEntry("IMPORT", "BundleImport", id.toString(), null, AuditOutcome.SUCCESS,
				"queued: " + bundleType + " of " + entries + " entries"));
		return id;
	}

	Optional<Job> find(UUID id) {
		return jdbc.sql("""
				select id, requested_by, acts_as, bundle_type, entry_count, done_count, status, error, created_at
				from fhir_import_job where id = ?""").param(id)
			.query((rs, n) -> new Job(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getString(4),
					rs.getInt(5), rs.getInt(6), rs.getString(7), rs.getString(8),
					rs.getObject(9, OffsetDateTime.class).toInstant()))
			.optional();
	}

	/** How many imports this client has queued or running. */
	int unfinished(String requestedBy) {
		return jdbc.sql("select count(*) from fhir_import_job where requested_by = ? and status in ('QUEUED', 'RUNNING')")
			.param(requestedBy).query(Integer.class).single();
	}

	Optional<String> bundle(UUID id) {
		return jdbc.sql("select bundle from fhir_import_job where id = ?").param(id).query(String.class).optional();
	}

	/** Marks the job running; false when it was cancelled or has ended meanwhile. */
	boolean start(UUID id) {
		return jdbc.sql("update fhir_import_job set status = 'RUNNING' where id = ? and status in ('QUEUED', 'RUNNING')")
			.param(id).update() == 1;
	}

	Map<Integer, ImportOutcome> done(UUID id) {
		Map<Integer, ImportOutcome> out = new LinkedHashMap<>();
		for (Result r : results(id)) out.put(r.index(), r.outcome());
		return out;
	}

	List<Result> results(UUID id) {
		return jdbc.sql("""
				select entry_index, resource_type, outcome, reference, reason, patient_id
				from fhir_import_result where job_id = ? order by entry_index""").param(id)
			.query((rs, n) -> {
				UUID patient = rs.getObject(6, UUID.class);
				return new Result(rs.getInt(1), rs.getString(2), new ImportOutcome(ImportOutcome.Kind.valueOf(rs.getString(3)),
						rs.getString(4), rs.getString(5), patient == null ? null : new PatientId(patient)));
			})
			.list();
	}

	/** A chunk's outcomes, in the chunk's transaction (the caller's). */
	void record(UUID id, Map<Integer, org.caremap.fhir.FhirImport.Entry> chunk) {
		for (Map.Entry<Integer, org.caremap.fhir.FhirImport.Entry> e : chunk.entrySet()) {
			ImportOutcome o = e.getValue().outcome();
			jdbc.sql("""
					insert into fhir_import_result (job_id, entry_index, resource_type, outcome, reference, reason, patient_id)
					values (?, ?, ?, ?, ?, ?, ?)""")
				.params(id, e.getKey(), e.getValue().type(), o.kind().name(), o.reference(), o.reason(),
						o.patient() == null ? null : o.patient().value())
				.update();
		}
		jdbc.sql("update fhir_import_job set done_count = done_count + ? where id = ?").params(chunk.size(), id).update();
	}

	boolean cancelled(UUID id) {
		return jdbc.sql("select coalesce((select status from fhir_import_job where id = ?), 'CANCELLED') = 'CANCELLED'")
			.param(id).query(Boolean.class).single();
	}

	/** Cancels a job that has not ended (what was imported stays), or deletes one that has, with its results. */
	void cancelOrDelete(UUID id) {
		int cancelled = jdbc.sql("""
				update fhir_import_job set status = 'CANCELLED', finished_at = now(), expires_at = now() + interval '1 day'
				where id = ? and status in ('QUEUED', 'RUNNING')""").param(id).update();
		if (cancelled == 0) jdbc.sql("delete from fhir_import_job where id = ?").param(id).update();
		audit.record(new AuditEntry(cancelled == 1 ? "CANCEL" : "DELETE", "BundleImport", id.toString(), null,
				AuditOutcome.SUCCESS, null));
	}

	void finish(UUID id, @Nullable String error) {
		jdbc.sql("""
				update fhir_import_job set status = ?, error = ?, bundle = '', finished_at = now(),
				       expires_at = now() + interval '1 day'
				where id = ? and status = 'RUNNING'""")
			.params(error == null ? "COMPLETED" : "FAILED", error, id).update();
		audit.record(new AuditEntry("IMPORT", "BundleImport", id.toString(), null,
				error == null ? AuditOutcome.SUCCESS : AuditOutcome.FAILED, error == null ? "completed" : "failed: " + error));
	}

	int deleteExpired() {
		return jdbc.sql("delete from fhir_import_job where expires_at < now()").update();
	}
}
