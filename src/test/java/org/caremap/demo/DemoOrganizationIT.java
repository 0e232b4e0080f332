package org.caremap.demo;

import static org.assertj.core.api.Assertions.assertThat;

import org.caremap.identity.Role;
import org.caremap.identity.UserAccounts;
import org.caremap.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** A newcomer's first start: staff for every role, and 200 synthetic patients with identifiers and conditions. */
class DemoOrganizationIT extends IntegrationTest {

	@Autowired
	UserAccounts accounts;

	@Autowired
	DemoLogins logins;

	@Autowired
	JdbcClient jdbc;

	@Test
	void everyRoleHasADemoUserWithAPrintedLogin() {
		for (Role role : Role.values()) {
			assertThat(accounts.withRole(role)).as(role.name()).isNotEmpty();
		}
		assertThat(logins.all()).containsKeys("admin", "supervisor", "casemanager", "intake", "careteam", "reviewer");
		assertThat(logins.all().values()).allSatisfy(p -> assertThat(p).hasSizeGreaterThanOrEqualTo(12));
	}

	@Test
	void populationHasIdentifiersWithAuthoritiesAndCodedConditions() {
		assertThat(jdbc.sql("select count(*) from patient where created_by = 'system:demo'").query(Long.class).single()).isEqualTo(200);
		// every demo patient has a primary care provider
		assertThat(jdbc.sql("""
				select count(*) from patient p where p.created_by = 'system:demo' and not exists
				(select 1 from patient_provider pp where pp.patient_id = p.id and pp.role = 'PRIMARY_CARE')""")
			.query(Long.class).single()).isZero();
		// two hospitals' record numbers and payer member ids, each with its assigning authority
		assertThat(jdbc.sql("select distinct assigner from patient_identifier where type = 'MR' and created_by = 'system:demo'").query(String.class).list())
			.containsExactlyInAnyOrder("Riverside General Hospital", "St. Brigid Medical Center");
		assertThat(jdbc.sql("select distinct assigner from patient_identifier where type = 'MB' and created_by = 'system:demo'").query(String.class).list())
			.containsExactlyInAnyOrder("Medicare", "Lakeshore Health Plan");
		assertThat(jdbc.sql("select count(*) from patient p where p.created_by = 'system:demo' and not exists (select 1 from patient_identifier i where i.patient_id = p.id)")
			.query(Long.class).single()).isZero();
		// everyone carries ICD-10-CM coded chronic conditions, most two or more
		assertThat(jdbc.sql("select count(distinct patient_id) from patient_condition where code_system = 'http://hl7.org/fhir/sid/icd-10-cm'")
			.query(Long.class).single()).isGreaterThanOrEqualTo(200);
		assertThat(jdbc.sql("select min(n) from (select count(*) n from patient_condition where created_by = 'system:demo' group by patient_id) x")
			.query(Long.class).single()).isGreaterThanOrEqualTo(2);
		assertThat(jdbc.sql("select count(distinct sex) from patient where created_by = 'system:demo'").query(Long.class).single()).isEqualTo(2);
	}
}
