package org.caremap.caseload;

import java.util.Set;

import org.caremap.program.ProgramId;
import org.caremap.shared.PatientId;
import org.jspecify.annotations.Nullable;

/**
 * Which of a case manager's open cases a caseload page shows, and in which order. {@code patients}, when set,
 * keeps only the cases of these patients (e.g. those a name or record number search found).
 */
public record CaseloadQuery(@Nullable ProgramId program, @Nullable Acuity acuity, @Nullable CaseStatus status,
		@Nullable Set<PatientId> patients, Order order) {

	public CaseloadQuery {
		patients = patients == null ? null : Set.copyOf(patients);
	}

	/**
	 * The orders the database can give a caseload on its own (the patient's name, last contact and next due belong
	 * to other modules). Each is a fixed ORDER BY clause, never built from what a user sent.
	 */
	public enum Order {
		/** Highest acuity first, then newest start. */
		ACUITY("case acuity when 'COMPLEX' then 4 when 'HIGH' then 3 when 'MODERATE' then 2 else 1 end desc, start_date desc, id"),
		/** Newest start first. */
		START("start_date desc, id");

		private final String sql;

		Order(String sql) {
			this.sql = sql;
		}

		public String sql() {
			return sql;
		}
	}
}
