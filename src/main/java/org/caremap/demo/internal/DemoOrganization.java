package org.caremap.demo.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

import org.caremap.caseload.Acuity;
import org.caremap.caseload.CaseId;
import org.caremap.caseload.Cases;
import org.caremap.caseload.Consent;
import org.caremap.caseload.ConsentMethod;
import org.caremap.caseload.Enrolment;
import org.caremap.demo.DemoLogins;
import org.caremap.identity.NewUser;
import org.caremap.identity.Role;
import org.caremap.identity.UserAccounts;
import org.caremap.identity.UserView;
import org.caremap.notification.Notifications;
import org.caremap.organization.OrganizationView;
import org.caremap.organization.Organizations;
import org.caremap.organization.ProviderDirectory;
import org.caremap.organization.ProviderView;
import org.caremap.patient.Coverage;
import org.caremap.patient.IdentifierType;
import org.caremap.patient.NewPatient;
import org.caremap.patient.PatientIdentifier;
import org.caremap.patient.PatientProvider;
import org.caremap.patient.PatientRegistry;
import org.caremap.platform.DatabaseInfo;
import org.caremap.program.ProgramView;
import org.caremap.program.Programs;
import org.caremap.referral.NewReferral;
import org.caremap.referral.ReferralSource;
import org.caremap.referral.Referrals;
import org.caremap.referral.Urgency;
import org.caremap.task.NewTask;
import org.caremap.task.TaskPriority;
import org.caremap.task.TaskType;
import org.caremap.task.Tasks;
import org.caremap.shared.PatientId;
import org.caremap.shared.SystemActor;
import org.caremap.shared.PrivateFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Creates the demo organisation on the first start with an empty database, and prints the demo logins at every
 * start while demo mode is on. Passwords are random per installation and kept in {@code <home>/demo-logins.properties}.
 */
@Component
@Order(100)
class DemoOrganization implements ApplicationRunner, DemoLogins {

	private static final Logger log = LoggerFactory.getLogger("org.caremap.Caremap");

	/** The demo staff: username, display name, roles. */
	record Staff(String username, String displayName, Set<Role> roles) {
	}

	static final List<Staff> STAFF = List.of(
			new Staff("admin", "Alex Morgan", Set.of(Role.ADMIN)),
			new Staff("supervisor", "Priya Raman, RN", Set.of(Role.SUPERVISOR)),
			new Staff("casemanager", "Dana Whitfield, RN", Set.of(Role.CASE_MANAGER)),
			new Staff("casemanager2", "Marcus Bell, LSW", Set.of(Role.CASE_MANAGER)),
			new Staff("intake", "Rosa Delgado", Set.of(Role.INTAKE)),
			new Staff("careteam", "Dr. Samuel Okafor", Set.of(Role.CARE_TEAM)),
			new Staff("reviewer", "Helen Cho, RN", Set.of(Role.UTILIZATION_REVIEW)));

	private final DemoProperties properties;
	private final DatabaseInfo database;
	private final UserAccounts accounts;
	private final Organizations organizations;
	private final PatientRegistry patients;
	private final Programs programs;
	private final ProviderDirectory providers;
	private final Cases cases;
	private final Referrals referrals;
	private final Tasks tasks;
	private final org.caremap.task.Clocks clocks;
	private final Notifications notifications;
	private final DemoAssessments demoAssessments;
	private final DemoTransitions demoTransitions;
	private final DemoTransitionWork demoTransitionWork;
	private final DemoStayReviews demoStayReviews;
	private final org.caremap.transition.AdtBacklog backlog;
	private final DemoMedications demoMedications;
	private final DemoAppointments demoAppointments;
	private final DemoAuthorizations demoAuthorizations;
	private final DemoCommunityReferrals demoCommunityReferrals;
	private final DemoTeam demoTeam;
	private final DemoCover demoCover;
	private final TransactionTemplate tx;
	private final Path loginsFile;
	private final Map<String, String> logins = new LinkedHashMap<>();

	DemoOrganization(DemoProperties properties, DatabaseInfo database, UserAccounts accounts,
			Organizations organizations, PatientRegistry patients, Programs programs, ProviderDirectory providers,
			Cases cases, Referrals referrals, Tasks tasks,
			Notifications notifications, DemoAssessments demoAssessments, DemoTransitions demoTransitions, DemoTransitionWork demoTransitionWork,
			DemoStayReviews demoStayReviews,
			org.caremap.transition.AdtBacklog backlog,
			DemoMedications demoMedications, DemoAppointments demoAppointments, DemoAuthorizations demoAuthorizations,
			DemoCommunityReferrals demoCommunityReferrals, DemoTeam demoTeam, DemoCover demoCover,
			TransactionTemplate tx, @Value("${caremap.home:caremap-data}") Path home, org.caremap.task.Clocks clocks) {
		this.clocks = clocks;
		this.demoAuthorizations = demoAuthorizations;
		this.demoCommunityReferrals = demoCommunityReferrals;
		this.demoTeam = demoTeam;
		this.demoCover = demoCover;
		this.properties = properties;
		this.database = database;
		this.accounts = accounts;
		this.organizations = organizations;
		this.patients = patients;
		this.programs = programs;
		this.providers = providers;
		this.cases = cases;
		this.referrals = referrals;
		this.tasks = tasks;
		this.notifications = notifications;
		this.demoAssessments = demoAssessments;
		this.demoTransitions = demoTransitions;
		this.demoTransitionWork = demoTransitionWork;
		this.demoStayReviews = demoStayReviews;
		this.backlog = backlog;
		this.demoMedications = demoMedications;
		this.demoAppointments = demoAppointments;
		this.tx = tx;
		this.loginsFile = home.resolve("demo-logins.properties");
	}

	boolean enabled() {
		return properties.enabled() != null ? properties.enabled() : database.embedded();
	}

	@Override
	public void run(ApplicationArguments args) {
		if (!enabled()) return;
		if (accounts.count() == 0) {
			long started = System.nanoTime();
			SystemActor.run("demo", List.of("ADMIN", "SYSTEM", "SUPERVISOR", "INTAKE"), () -> {
				Runnable hospitalFeed = tx.execute(s -> create());
				// the hospital's messages come once the organisation and its patients are committed (they are
				// applied in the background, by patient record number); the demo is ready once they are applied
				java.util.Objects.requireNonNull(hospitalFeed).run();
				awaitFeedApplied();
				demoTransitionWork.create();
				demoStayReviews.create();
				demoCommunityReferrals.create();
				demoTeam.create();
				demoCover.create();
			});
			log.info("Demo organisation created: {} staff, {} patients, their cases and referrals ({} ms)", STAFF.size(),
					properties.patients(),
					(System.nanoTime() - started) / 1_000_000);
		}
		readLogins();
		if (!logins.isEmpty()) {
			StringBuilder text = new StringBuilder("Demo logins (username / password):");
			logins.forEach((user, password) -> text.append(System.lineSeparator())
				.append(String.format("    %-13s %s", user, password)));
			log.info(text.toString());
		}
	}

	/** Waits (at most a minute) until the demo's hospital messages are applied, so that the first page shows them. */
	private void awaitFeedApplied() {
		long giveUp = System.nanoTime() + java.time.Duration.ofMinutes(1).toNanos();
		while (backlog.backlog().waiting() > 0 && System.nanoTime() < giveUp) {
			try {
				Thread.sleep(100);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
		}
	}

	/** Creates the organisation; returns the hospital's feed of stays, to be sent once all this is committed. */
	private Runnable create() {
		OrganizationView org = organizations.create("Riverside Care Partners", ZoneId.of("America/New_York"));
		holidays(organizations, org);
		SecureRandom random = new SecureRandom();
		Map<String, UserView> users = new LinkedHashMap<>();
		Properties saved = new Properties();
		for (Staff staff : STAFF) {
			String password = demoPassword(random);
			UserView user = accounts.create(new NewUser(staff.username(), staff.displayName(),
					staff.username() + "@riverside-care.example", staff.roles(), password, false));
			users.put(staff.username(), user);
			saved.setProperty(staff.username(), password);
		}
		var team = organizations.createTeam(org.id(), "Community care team", users.get("supervisor").id(),
				List.of(users.get("casemanager").id(), users.get("casemanager2").id(), users.get("intake").id()));

		List<NewPatient> population = SyntheticPopulation.generate(org.id(), properties.patients(), properties.seed(),
				LocalDate.now(org.zone()));
		accounts.changeLanguages(users.get("casemanager").id(), List.of("en", "es"));
		accounts.changeLanguages(users.get("casemanager2").id(), List.of("en", "vi"));
		accounts.changeLanguages(users.get("intake").id(), List.of("en", "es"));
		List<ProgramView> demoPrograms = DemoPrograms.create(programs, org.id(), users.get("supervisor").id());
		DemoClocks.add(clocks, demoPrograms);
		ProgramView ccm = demoPrograms.get(1);
		ProgramView complex = demoPrograms.get(2);
		ProgramView transitions = demoPrograms.get(0);

		List<ProviderView> primaryCare = List.of(
				providers.add(org.id(), new ProviderView(java.util.UUID.randomUUID(), ProviderView.Kind.PRACTITIONER,
						"Dr. Anita Shah", "Family medicine", "1234567893", "(614) 555-0140", "Riverside Primary Care")),
				providers.add(org.id(), new ProviderView(java.util.UUID.randomUUID(), ProviderView.Kind.PRACTITIONER,
						"Dr. Luis Ortega", "Internal medicine", null, "(614) 555-0141", "Eastside Health Center")),
				providers.add(org.id(), new ProviderView(java.util.UUID.randomUUID(), ProviderView.Kind.PRACTITIONER,
						"Dr. Grace Kim", "Geriatrics", null, "(740) 555-0142", "Lancaster Family Practice")));
		ProviderView cardiology = providers.add(org.id(), new ProviderView(java.util.UUID.randomUUID(),
				ProviderView.Kind.ORGANIZATION, "Riverside Heart Clinic", "Cardiology", null, "(614) 555-0150", null));
		List<PatientId> ids = new ArrayList<>(population.size());
		for (int i = 0; i < population.size(); i++) {
			PatientId id = patients.register(population.get(i));
			ids.add(id);
			// the member id of the patient's insurer is also their coverage
			for (PatientIdentifier member : population.get(i).identifiers()) {
				if (member.type() != IdentifierType.MB) continue;
				boolean medicare = member.system().equals(SyntheticPopulation.MEDICARE_MBI);
				patients.addCoverage(id, new Coverage(null, member.assigner(), medicare ? "Medicare Part A and B" : "Lakeshore Advantage HMO",
						member.value(), medicare ? null : "LSH-" + (1000 + i % 7), LocalDate.of(2020 + i % 5, 1 + i % 12, 1), null, 1));
			}
			patients.linkProvider(id, primaryCare.get(i % primaryCare.size()).id(),
					PatientProvider.Role.PRIMARY_CARE, null);
			if (population.get(i).conditions().stream().anyMatch(c -> c.code().startsWith("I50") || c.code().startsWith("I48"))) {
				patients.linkProvider(id, cardiology.id(), PatientProvider.Role.SPECIALIST, null);
			}
		}
		List<DemoAssessments.Enrolled> assessed = new ArrayList<>();
		List<DemoMedications.Patient> medicated = new ArrayList<>();
		// caseloads: 40% of the population with one case manager, 35% with the other; some referrals waiting
		LocalDate today = LocalDate.now(org.zone());
		for (int i = 0; i < ids.size(); i++) {
			int slot = i % 20;
			PatientId patient = ids.get(i);
			NewPatient person = population.get(i);
			ProgramView program = person.conditions().size() >= 4 ? complex : ccm;
			if (slot < 15) {
				UserView manager = users.get(slot < 8 ? "casemanager" : "casemanager2");
				CaseId caseId = cases.enrol(new Enrolment(patient, program.id(), null, manager.id(),
						today.minusDays(10 + (i * 7L) % 300),
						new Consent(today.minusDays(10 + (i * 7L) % 300), i % 3 == 0 ? ConsentMethod.WRITTEN : ConsentMethod.VERBAL,
								manager.displayName(), true, true, true, true),
						acuity(person.conditions().size()), person.conditions().size() + " chronic conditions"));
				if (slot % 5 == 0) {
					cases.addTeamMember(caseId, users.get("careteam").id(), "Primary care physician",
							today.minusDays(5), null);
				}
				if (i % 3 == 0) demoTask(patient, caseId, manager, i, org.zone(), team.id());
				if (i < 20 && slot % 2 == 0) { // a few patients of each case manager
					medicated.add(new DemoMedications.Patient(patient,
							person.conditions().stream().map(c -> c.code()).toList()));
				}
				if (slot < 8 && program == ccm && person.conditions().stream().anyMatch(c -> c.code().startsWith("F3"))) {
					assessed.add(new DemoAssessments.Enrolled(patient, caseId, person.givenName() + " " + person.familyName()));
				}
			}
			else if (slot < 18) {
				referrals.receive(new NewReferral(patient, slot == 15 ? transitions.id() : program.id(),
						ReferralSource.values()[i % ReferralSource.values().length], REFERRERS[i % REFERRERS.length], null,
						REASONS[i % REASONS.length], Urgency.values()[i % Urgency.values().length],
						java.time.Instant.now().minus(java.time.Duration.ofHours(3 + (i * 13L) % 200))));
			}
		}
		demoAssessments.create(assessed, ccm, org.zone());
		demoMedications.create(medicated, org.zone());
		demoAppointments.create(medicated.stream().map(DemoMedications.Patient::id).toList(), org.zone());
		demoAuthorizations.rules();
		demoAuthorizations.create(medicated.stream().map(DemoMedications.Patient::id).toList(), users.get("reviewer").id(), org.zone());
		// the hospital feed: stays of patients without a program (slots 18 and 19) and of a few enrolled ones
		List<NewPatient> stays = new ArrayList<>();
		for (int i = 0; i < population.size() && stays.size() < 24; i++) {
			int slot = i % 20;
			if (slot >= 18 || (slot == 3 && i % 40 == 3)) stays.add(population.get(i));
		}
		// patients in hospital now (their stays under concurrent review): a few of those whose referral waits
		List<NewPatient> inHospital = new ArrayList<>();
		for (int i = 0; i < population.size() && inHospital.size() < 4; i++) {
			boolean riverside = population.get(i).identifiers().stream()
				.anyMatch(id -> id.type() == IdentifierType.MR && id.assigner().startsWith("Riverside"));
			if ((i % 20 == 16 || i % 20 == 17) && riverside) inHospital.add(population.get(i));
		}
		ZoneId zone = org.zone();
		for (UserView user : users.values()) {
			notifications.markAllRead(user.id());
			notifications.notify(user.id(), "welcome", "Welcome to Caremap",
					"This is the demo organisation Riverside Care Partners. Press ? for keyboard shortcuts.", "/help");
		}
		writeLogins(loginsFile, saved);
		return () -> {
			demoTransitions.create(stays, zone);
			demoTransitions.admit(inHospital, zone);
		};
	}

	private static final String[] REFERRERS = { "Dr. Anita Shah, Riverside Primary Care", "Patient (self)",
			"Daughter, by phone", "Lakeshore Health Plan care management", "Riverside General Hospital discharge planning",
			"High-risk outreach list" };
	private static final String[] REASONS = {
			"Frequent ED visits for heart failure exacerbations; lives alone and struggles with medications.",
			"Newly diagnosed type 2 diabetes; asks for help with diet and glucose monitoring.",
			"Family worried about memory problems and missed appointments.",
			"High readmission risk after pneumonia; LACE 12.",
			"Discharged yesterday after COPD exacerbation; needs follow-up within 2 business days.",
			"Food insecurity and unstable housing reported at screening." };

	/** Follow-up work spread over the days around today: some late, some due today, some coming. */
	private void demoTask(PatientId patient, CaseId caseId, UserView manager, int i, java.time.ZoneId zone,
			java.util.UUID team) {
		TaskType[] types = { TaskType.OUTREACH_CALL, TaskType.CARE_PLAN_REVIEW, TaskType.MEDICATION_RECONCILIATION,
				TaskType.ASSESSMENT_DUE, TaskType.VISIT };
		String[] titles = { "Monthly check-in call", "Review the care plan with the patient", "Reconcile medications",
				"PHQ-9 re-assessment due", "Home visit" };
		int kind = (i / 3) % types.length;
		int dayOffset = (i % 7) - 3; // three days late to three days ahead
		java.time.Instant due = java.time.LocalDate.now(zone).plusDays(dayOffset).atTime(10 + i % 7, 0).atZone(zone).toInstant();
		boolean queue = i % 30 == 0;
		tasks.create(new NewTask(patient, caseId, types[kind], titles[kind], null, queue ? null : manager.id(),
				queue ? team : null, i % 11 == 0 ? TaskPriority.URGENT : TaskPriority.ROUTINE, null, due, null));
	}

	private static Acuity acuity(int conditions) {
		return conditions >= 5 ? Acuity.COMPLEX : conditions == 4 ? Acuity.HIGH : conditions == 3 ? Acuity.MODERATE : Acuity.LOW;
	}

	static void holidays(Organizations organizations, OrganizationView org) {
		int year = LocalDate.now(org.zone()).getYear();
		for (int y = year; y <= year + 1; y++) {
			organizations.addHoliday(org.id(), LocalDate.of(y, 1, 1), "New Year's Day");
			organizations.addHoliday(org.id(), LocalDate.of(y, 6, 19), "Juneteenth");
			organizations.addHoliday(org.id(), LocalDate.of(y, 7, 4), "Independence Day");
			organizations.addHoliday(org.id(), LocalDate.of(y, 11, 11), "Veterans Day");
			organizations.addHoliday(org.id(), LocalDate.of(y, 12, 25), "Christmas Day");
			organizations.addHoliday(org.id(), nth(y, 1, java.time.DayOfWeek.MONDAY, 3), "Martin Luther King Jr. Day");
			organizations.addHoliday(org.id(), nth(y, 5, java.time.DayOfWeek.MONDAY, -1), "Memorial Day");
			organizations.addHoliday(org.id(), nth(y, 9, java.time.DayOfWeek.MONDAY, 1), "Labor Day");
			organizations.addHoliday(org.id(), nth(y, 11, java.time.DayOfWeek.THURSDAY, 4), "Thanksgiving Day");
		}
	}

	private static LocalDate nth(int year, int month, java.time.DayOfWeek day, int n) {
		var adjuster = n > 0 ? java.time.temporal.TemporalAdjusters.dayOfWeekInMonth(n, day)
				: java.time.temporal.TemporalAdjusters.lastInMonth(day);
		return LocalDate.of(year, month, 1).with(adjuster);
	}

	static String demoPassword(SecureRandom random) {
		String[] words = { "harbor", "maple", "lantern", "meadow", "copper", "orchid", "summit", "willow", "granite",
				"canyon", "ember", "juniper", "tundra", "quartz", "falcon", "cedar" };
		return words[random.nextInt(words.length)] + "-" + words[random.nextInt(words.length)] + "-"
				+ (1000 + random.nextInt(9000));
	}

	static void writeLogins(Path loginsFile, Properties saved) {
		try {
			Files.createDirectories(loginsFile.getParent());
			Files.deleteIfExists(loginsFile);
			Files.createFile(loginsFile);
			PrivateFiles.ownerOnly(loginsFile);
			try (var out = Files.newOutputStream(loginsFile)) {
				saved.store(out, "Caremap demo logins (random per installation)");
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private void readLogins() {
		logins.clear();
		if (!Files.exists(loginsFile)) return;
		Properties saved = new Properties();
		try (var in = Files.newInputStream(loginsFile)) {
			saved.load(in);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		for (Staff staff : STAFF) {
			String password = saved.getProperty(staff.username());
			if (password != null) logins.put(staff.username(), password);
		}
	}

	@Override
	public Map<String, String> all() {
		if (logins.isEmpty()) readLogins();
		return Map.copyOf(logins);
	}
}
