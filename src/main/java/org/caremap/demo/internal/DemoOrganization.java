package org.caremap.demo.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

import org.caremap.access.CareRelationships;
import org.caremap.access.RelationshipKind;
import org.caremap.demo.DemoLogins;
import org.caremap.identity.NewUser;
import org.caremap.identity.Role;
import org.caremap.identity.UserAccounts;
import org.caremap.identity.UserView;
import org.caremap.notification.Notifications;
import org.caremap.organization.OrganizationView;
import org.caremap.organization.Organizations;
import org.caremap.patient.NewPatient;
import org.caremap.patient.PatientRegistry;
import org.caremap.platform.DatabaseInfo;
import org.caremap.shared.PatientId;
import org.caremap.shared.SystemActor;
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
	private record Staff(String username, String displayName, Set<Role> roles) {
	}

	private static final List<Staff> STAFF = List.of(
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
	private final CareRelationships relationships;
	private final Notifications notifications;
	private final TransactionTemplate tx;
	private final Path loginsFile;
	private final Map<String, String> logins = new LinkedHashMap<>();

	DemoOrganization(DemoProperties properties, DatabaseInfo database, UserAccounts accounts,
			Organizations organizations, PatientRegistry patients, CareRelationships relationships,
			Notifications notifications, TransactionTemplate tx, @Value("${caremap.home:caremap-data}") Path home) {
		this.properties = properties;
		this.database = database;
		this.accounts = accounts;
		this.organizations = organizations;
		this.patients = patients;
		this.relationships = relationships;
		this.notifications = notifications;
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
			SystemActor.run("demo", List.of("ADMIN", "SYSTEM"), () -> tx.executeWithoutResult(s -> create()));
			log.info("Demo organisation created: {} staff, {} patients ({} ms)", STAFF.size(), properties.patients(),
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

	private void create() {
		OrganizationView org = organizations.create("Riverside Care Partners", ZoneId.of("America/New_York"));
		holidays(org);
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
		organizations.createTeam(org.id(), "Community care team", users.get("supervisor").id(),
				List.of(users.get("casemanager").id(), users.get("casemanager2").id(), users.get("intake").id()));

		List<NewPatient> population = SyntheticPopulation.generate(org.id(), properties.patients(), properties.seed(),
				LocalDate.now(org.zone()));
		List<PatientId> ids = new ArrayList<>(population.size());
		for (NewPatient patient : population) {
			ids.add(patients.register(patient));
		}
		// caseloads until the caseload module assigns them through cases: 40% to one case manager, 35% to the other
		for (int i = 0; i < ids.size(); i++) {
			int slot = i % 20;
			PatientId patient = ids.get(i);
			if (slot < 8) relationships.open(users.get("casemanager").id(), patient, RelationshipKind.CASE_MANAGER, "demo");
			else if (slot < 15) relationships.open(users.get("casemanager2").id(), patient, RelationshipKind.CASE_MANAGER, "demo");
			if (slot % 5 == 0) relationships.open(users.get("careteam").id(), patient, RelationshipKind.CARE_TEAM, "demo");
		}
		for (UserView user : users.values()) {
			notifications.notify(user.id(), "welcome", "Welcome to Caremap",
					"This is the demo organisation Riverside Care Partners. Press ? for keyboard shortcuts.", "/help");
		}
		writeLogins(saved);
	}

	private void holidays(OrganizationView org) {
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

	private static String demoPassword(SecureRandom random) {
		String[] words = { "harbor", "maple", "lantern", "meadow", "copper", "orchid", "summit", "willow", "granite",
				"canyon", "ember", "juniper", "tundra", "quartz", "falcon", "cedar" };
		return words[random.nextInt(words.length)] + "-" + words[random.nextInt(words.length)] + "-"
				+ (1000 + random.nextInt(9000));
	}

	private void writeLogins(Properties saved) {
		try {
			Files.createDirectories(loginsFile.getParent());
			Files.deleteIfExists(loginsFile);
			Files.createFile(loginsFile);
			try {
				Files.setPosixFilePermissions(loginsFile, PosixFilePermissions.fromString("rw-------"));
			}
			catch (UnsupportedOperationException ex) {
				// not a POSIX file system
			}
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
