package org.caremap.careplan.internal;

import java.util.HashSet;
import java.util.Set;

import org.caremap.assessment.ActiveProblems;
import org.caremap.careplan.CarePlanContent;
import org.caremap.shared.PatientId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** The ICD-10-CM codes of active problems on the patient's active care plans (for re-assessment rules). */
@Component
class CarePlanProblems implements ActiveProblems {

	private static final JsonMapper JSON = JsonMapper.builder().build();
	private static final String ICD10 = "http://hl7.org/fhir/sid/icd-10-cm";
	private final JdbcClient jdbc;

	CarePlanProblems(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public Set<String> codes(PatientId patient) {
		Set<String> codes = new HashSet<>();
		jdbc.sql("""
				select v.content from care_plan p
				join care_plan_version v on v.plan_id = p.id and v.version = p.current_version
				where p.patient_id = ? and p.status = 'ACTIVE'""")
			.param(patient.value()).query(String.class).list()
			.forEach(json -> JSON.readValue(json, CarePlanContent.class).problems().stream()
				.filter(p -> p.status() == CarePlanContent.ProblemStatus.ACTIVE && p.code() != null && ICD10.equals(p.codeSystem()))
				.forEach(p -> codes.add(p.code())));
		return codes;
	}
}
