package org.caremap.demo.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.UUID;

import org.caremap.careplan.CarePlans;
import org.caremap.caseload.CaseStatus;
import org.caremap.caseload.CaseloadRow;
import org.caremap.caseload.Cases;
import org.caremap.identity.UserAccounts;
import org.caremap.patient.PatientRegistry;
import org.caremap.patient.SupportContact;
import org.caremap.portal.NewPortalAccount;
import org.caremap.portal.PortalAccounts;
import org.caremap.organization.Organizations;
import org.caremap.shared.PatientId;
import org.caremap.task.NewTask;
import org.caremap.task.TaskPriority;
import org.caremap.task.TaskType;
import org.caremap.task.Tasks;
import org.caremap.shared.SystemActor;
import org.caremap.shared.UserId;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.stereotype.Component;

/**
 * The demo's patient portal: one demo patient of the demo case manager (with a care plan; a Spanish speaker when
 * there is one) gets a portal account, and a family member told "appointments only" gets a proxy account. Made once,
 * through the portal's API, the patient chosen through the caseload's, care plans' and registry's APIs; the logins (random per installation) are kept in {@code <home>/demo-portal-logins.properties}
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
	private final Cases cases;
	private final CarePlans plans;
	private final UserAccounts staff;
	private final UserDetailsService users;
	private final Path loginsFile;
	private final Tasks tasks;
	private final Organizations organizations;

	DemoPortal(DemoOrganization demo, PortalAccounts accounts, PatientRegistry patients, Cases cases, CarePlans plans,
			UserAccounts staff, UserDetailsService users, Tasks tasks, Organizations organizations,
			@Value("${caremap.home:caremap-data}") Path home) {
		this.tasks = tasks;
		this.organizations = organizations;
		this.demo = demo;
		this.accounts = accounts;
		this.patients = patients;
		this.cases = cases;
		this.plans = plans;
		this.staff = staff;
		this.users = users;
		this.loginsFile = home.resolve("demo-portal-logins.properties");
	}

	@Override
	public void run(ApplicationArguments args) {
		if (!demo.enabled()) return;
		Properties saved = read();
		if (!accounts.loginTaken(PATIENT_LOGIN)) {
			PatientId chosen = choosePatient();
			if (chosen == null) return;
			PatientId patient = chosen;
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
			askThePatient(patient);
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


	/**
	 * A patient of the demo case manager, through the modules' APIs as she reads them: an active case with an active
	 * care plan that has goals; a Spanish speaker first, then the same one at every installation (the highest id).
	 */
	private @Nullable PatientId choosePatient() {
		return DemoUsers.as(users, "casemanager", () -> {
			UserId me = staff.findByUsername("casemanager").orElseThrow().id();
			List<PatientId> withGoals = cases.caseload(me).stream()
				.filter(row -> row.status() == CaseStatus.ACTIVE)
				.map(CaseloadRow::patient)
				.distinct()
				.sorted(Comparator.comparing((PatientId p) -> p.value()).reversed())
				.filter(p -> plans.ofPatient(p).stream()
					.anyMatch(plan -> "ACTIVE".equals(plan.status()) && !plan.content().goals().isEmpty()))
				.toList();
			return withGoals.stream()
				.filter(p -> patients.details(p).map(d -> "es".equals(d.header().preferredLanguage())).orElse(false))
				.findFirst()
				.or(() -> withGoals.stream().findFirst())
				.orElse(null);
		});
	}

	/**
	 * Two things the case manager asked the demo patient to do, seen in the portal's *Things to do*: titles from the
	 * bundle, so the patient reads them in their language.
	 */
	private void askThePatient(PatientId patient) {
		DemoUsers.as(users, "casemanager", () -> {
			UserId me = staff.findByUsername("casemanager").orElseThrow().id();
			CaseloadRow open = cases.caseload(me).stream()
				.filter(row -> row.patient().equals(patient) && row.status() == CaseStatus.ACTIVE)
				.findFirst().orElseThrow();
			ZoneId zone = organizations.zone();
			Instant inTwoDays = organizations.today().plusDays(2).atTime(18, 0).atZone(zone).toInstant();
			Instant inAWeek = organizations.today().plusDays(7).atTime(18, 0).atZone(zone).toInstant();
			tasks.create(new NewTask(patient, open.id(), TaskType.OTHER, "Take your blood pressure each morning and enter it",
					null, me, null, TaskPriority.ROUTINE, null, inTwoDays, "demo:portal-bp")
				.titled("task.title.demo.bloodPressure").byThePatient());
			tasks.create(new NewTask(patient, open.id(), TaskType.OTHER,
					"Bring all your medicine bottles to the next visit", null, me, null, TaskPriority.ROUTINE, null, inAWeek,
					"demo:portal-medicines")
				.titled("task.title.demo.medicineBottles").byThePatient());
			return null;
		});
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
