package org.caremap.caseload.internal;

import org.caremap.patient.PatientsMerged;
import org.caremap.shared.DomainException;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Cases move with a merged patient record, in the merge's own transaction. */
@Component
class CasesFollowMerges {

	private final JdbcClient jdbc;

	CasesFollowMerges(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@EventListener
	void on(PatientsMerged merged) {
		long clashes = jdbc.sql("""
				select count(*) from care_case a join care_case b on a.program_id = b.program_id
				where a.patient_id = ? and b.patient_id = ? and a.status <> 'CLOSED' and b.status <> 'CLOSED'""")
			.params(merged.survivor().value(), merged.merged().value())
			.query(Long.class)
			.single();
		if (clashes > 0) {
			throw new DomainException("patient.merge-open-cases",
					"both records have an open case in the same program; close one of them first");
		}
		jdbc.sql("update care_case set patient_id = ? where patient_id = ?")
			.params(merged.survivor().value(), merged.merged().value())
			.update();
	}
}
