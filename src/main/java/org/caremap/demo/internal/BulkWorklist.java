package org.caremap.demo.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

/**
 * The task module's worklist read model ("My day") for a bulk-loaded population, derived with set-based SQL from the
 * rows just loaded, as the task module's listeners would have written them from the patient and caseload modules'
 * events had the population been recorded through them: each patient's display data and each case's acuity.
 */
final class BulkWorklist {

	private BulkWorklist() {
	}

	static void fill(Connection c, Map<String, Long> rows) throws SQLException {
		String[][] statements = {
				{ "task_worklist_patient", """
						insert into task_worklist_patient (patient_id, family_name, given_name, birth_date, preferred_language,
						                                   voided, changed_at)
						select id, family_name, given_name, birth_date, preferred_language, voided, coalesce(updated_at, created_at)
						from patient on conflict do nothing""" },
				{ "task_worklist_case", """
						insert into task_worklist_case (case_id, acuity, changed_at)
						select id, acuity, coalesce(updated_at, created_at) from care_case on conflict do nothing""" } };
		boolean auto = c.getAutoCommit();
		c.setAutoCommit(false);
		try (Statement st = c.createStatement()) {
			for (String[] statement : statements) rows.put(statement[0], (long) st.executeUpdate(statement[1]));
			st.execute("analyze task_worklist_patient");
			st.execute("analyze task_worklist_case");
			c.commit();
		}
		finally {
			c.setAutoCommit(auto);
		}
	}
}
