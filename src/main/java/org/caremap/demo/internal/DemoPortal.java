package org.caremap.demo.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.Properties;
import java.util.UUID;

import org.caremap.patient.PatientRegistry;
import org.caremap.patient.SupportContact;
import org.caremap.portal.NewPortalAccount;
import org.caremap.portal.PortalAccounts;
import org.caremap.shared.PatientId;
import org.caremap.shared.SystemActor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The demo's patient portal: one demo patient of the demo case manager (with a care plan; a Spanish speaker when
 * there is one) gets a portal account, and a family member told "appointments only" gets a proxy account. Made once,
 * through the portal's API; the logins (random per installation) are kept in {@code <home>/demo-portal-logins.properties}
 * and printed at every start like the staff logins.
 */
@Component
@Order(110)
class DemoPortal implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger("org.caremap.Caremap");
	static final String PATIENT_LOGIN = "portal-patient";
	static final String PROXY_LOGIN = "portal-family";

	private final DemoOrganization demo;
	private final PortalAccounts accounts;
	private final PatientRegistry patients;
	private final JdbcClient jdbc;
	private final Path loginsFile;

	DemoPortal(DemoOrganization demo, PortalAccounts accounts, PatientRegistry patients, JdbcClient jdbc,
			@Value("${caremap.home:caremap-data}") Path home) {
		this.demo = demo;
		this.accounts = accounts;
		this.patients = patients;
		this.jdbc = jdbc;
		this.loginsFile = home.resolve("demo-portal-logins.properties");
	}

	@Override
	public void run(ApplicationArguments args) {
		if (!demo.enabled()) return;
		Properties saved = read();
		boolean made = jdbc.sql("select exists (select 1 from portal_account where login = ?)").param(PATIENT_LOGIN)
			.query(Boolean.class).single();
		if (!made) {
			UUID chosen = jdbc.sql("""
					select c.patient_id from care_case c
					join user_account u on u.id = c.case_manager_id
					join care_plan p on p.case_id = c.id and p.status = 'ACTIVE'
				join care_plan_version v on v.plan_id = p.id and v.version = p.current_version
				                         and jsonb_array_length(coalesce(v.content -> 'goals', '[]'::jsonb)) > 0
					join patient pt on pt.id = c.patient_id
					where u.username = 'casemanager' and c.status = 'ACTIVE'
					order by pt.preferred_language = 'es' desc, c.patient_id desc limit 1""").query(UUID.class).optional().orElse(null);
			if (chosen == null) return;
			PatientId patient = new PatientId(chosen);
			SecureRandom random = new SecureRandom();
			String patientPassword = DemoOrganization.demoPassword(random);
			String proxyPassword = DemoOrganization.demoPassword(random);
			SystemActor.run("demo", List.of("SYSTEM"), () -> {
				var details = patients.details(patient).orElseThrow();
				String name = details.header().givenName() + " " + details.header().familyName();
				accounts.create(new NewPortalAccount(patient, null, PATIENT_LOGIN, name, patientPassword));
				String family = "Sam " + details.header().familyName();
				patients.addContact(patient, new SupportContact(null, family, "Son", "(614) 555-0123", null, true, false,
						SupportContact.Disclosure.APPOINTMENTS));
				UUID contact = patients.details(patient).orElseThrow().network().stream()
					.filter(c -> c.name().equals(family)).findFirst().orElseThrow().id();
				accounts.create(new NewPortalAccount(patient, contact, PROXY_LOGIN, family, proxyPassword));
			});
			saved.setProperty(PATIENT_LOGIN, patientPassword);
			saved.setProperty(PROXY_LOGIN, proxyPassword);
			DemoOrganization.writeLogins(loginsFile, saved);
		}
		if (saved.getProperty(PATIENT_LOGIN) != null) {
			log.info("Demo patient portal logins at /portal/login (sign-in name / password):" + System.lineSeparator()
					+ String.format("    %-15s %s   (the patient)", PATIENT_LOGIN, saved.getProperty(PATIENT_LOGIN))
					+ System.lineSeparator()
					+ String.format("    %-15s %s   (a family member: appointments only)", PROXY_LOGIN,
							saved.getProperty(PROXY_LOGIN)));
		}
	}


	private Properties read() {
		Properties saved = new Properties();
		if (!Files.exists(loginsFile)) return saved;
		try (var in = Files.newInputStream(loginsFile)) {
			saved.load(in);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return saved;
	}
}
