package org.caremap.assessment.internal;

import org.caremap.patient.PatientsMerged;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Assessments, flags and social needs move with a merged patient record. Where both records had the same
 * instrument open (or the same need open), the survivor's stays and the other is closed with the merge as reason.
 */
@Component
class AssessmentsFollowMerges {

	private final JdbcClient jdbc;

	AssessmentsFollowMerges(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@EventListener
	void on(PatientsMerged merged) {
		var survivor = merged.survivor().value();
		var other = merged.merged().value();
		jdbc.sql("""
				update assessment m set status = 'CANCELLED', closed_reason = 'patient records merged', version = version + 1,
				       updated_at = now(), updated_by = 'system:merge'
				where m.patient_id = ? and m.status in ('ASSIGNED', 'IN_PROGRESS')
				  and exists (select 1 from assessment s where s.patient_id = ? and s.instrument_key = m.instrument_key
				              and s.status in ('ASSIGNED', 'IN_PROGRESS'))""")
			.params(other, survivor).update();
		jdbc.sql("""
				update social_need m set status = 'RESOLVED', resolution = 'patient records merged', resolved_at = now(),
				       resolved_by = 'system:merge'
				where m.patient_id = ? and m.status = 'OPEN'
				  and exists (select 1 from social_need s where s.patient_id = ? and s.code = m.code and s.status = 'OPEN')""")
			.params(other, survivor).update();
		for (String table : new String[] { "assessment", "assessment_flag", "social_need" }) {
			jdbc.sql("update " + table + " set patient_id = ? where patient_id = ?").params(survivor, other).update();
		}
	}
}
