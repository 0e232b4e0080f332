package org.caremap.demo.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import javax.sql.DataSource;

import org.caremap.audit.AuditVerifier;
import org.caremap.demo.Population;
import org.caremap.identity.NewUser;
import org.caremap.identity.Role;
import org.caremap.identity.UserAccounts;
import org.caremap.identity.UserView;
import org.caremap.organization.OrganizationView;
import org.caremap.organization.Organizations;
import org.caremap.platform.CaremapProperties;
import org.caremap.program.ProgramView;
import org.caremap.program.Programs;
import org.caremap.shared.SystemActor;
import org.caremap.shared.UserId;
import org.postgresql.copy.CopyManager;
import org.postgresql.core.BaseConnection;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.flyway.autoconfigure.FlywayDataSource;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Loads a synthetic population with COPY: the organisation, its programs and the named demo accounts through the
 * modules' APIs; staff by the thousand, providers and each patient's history as bulk rows, generated on one thread
 * while the database takes the previous chunk on another. Secondary indexes and foreign keys of the loaded tables are set aside
 * during the load and built once at the end (their definitions are kept in a file meanwhile, so an interrupted
 * load is repaired by the next run); then the tables are vacuumed and analysed and the audit trail sealed.
 */
@Component
class BulkPopulation implements Population {

	private static final int CHUNK = 5_000;
	private static final byte[][] END = new byte[0][];

	private final UserAccounts accounts;
	private final Organizations organizations;
	private final Programs programs;
	private final AuditVerifier audit;
	private final PasswordEncoder passwords;
	private final DataSource owner;
	private final Path home;
	private final String schema;

	BulkPopulation(UserAccounts accounts, Organizations organizations, Programs programs, AuditVerifier audit,
			PasswordEncoder passwords, @FlywayDataSource DataSource owner, @Value("${caremap.home:caremap-data}") Path home,
			CaremapProperties properties) {
		this.accounts = accounts;
		this.organizations = organizations;
		this.programs = programs;
		this.audit = audit;
		this.passwords = passwords;
		this.owner = owner;
		this.home = home;
		this.schema = properties.db().schema();
	}

	@Override
	public Summary load(int patients, long seed, PrintStream out) {
		if (patients < 20) throw new IllegalArgumentException("a population needs at least 20 patients");
		long started = System.nanoTime();
		Map<String, Duration> phases = new LinkedHashMap<>();
		Map<String, Long> rows = new LinkedHashMap<>();
		try (Connection c = owner.getConnection()) {
			c.setSchema(schema);
			restoreIndexes(c, out);
			if (accounts.count() > 0 || count(c, "select count(*) from patient") > 0) {
				throw new IllegalStateException("the database already holds data: a population is loaded into an empty database");
			}
			long t = System.nanoTime();
			PopulationGenerator.Setting setting = SystemActor.call("population", List.of("ADMIN", "SYSTEM"),
					() -> organisation(c, patients, seed, rows));
			phases.put("organisation and staff", since(t));
			out.printf(Locale.ROOT, "Organisation: %d case managers, %d supervisors' teams, %d intake coordinators, %d care team members, %d providers%n",
					setting.caseManagers().size(), rows.get("team"), setting.intake().size(), setting.careTeam().size(),
					setting.providers().size());

			List<String> tables = new ArrayList<>();
			new PopulationGenerator(setting).tables().forEach(table -> tables.add(table.table()));
			t = System.nanoTime();
			List<String> indexes = setIndexesAside(c, tables);
			copy(c, setting, patients, rows, out);
			phases.put("patients and history (COPY)", since(t));
			t = System.nanoTime();
			out.printf(Locale.ROOT, "Building %d indexes and foreign keys%n", indexes.size());
			buildIndexes(c, indexes);
			phases.put("indexes and foreign keys", since(t));
			t = System.nanoTime();
			out.println("The outcome measures' read model");
			outcomeFacts(c, rows);
			BulkOutreachFacts.fill(c, organizations, rows);
			BulkWorklist.fill(c, rows);
			phases.put("outcome measures' read model", since(t));
			t = System.nanoTime();
			out.println("Vacuum and analyse");
			c.setAutoCommit(true);
			try (Statement st = c.createStatement()) {
				for (String table : tables) st.execute("vacuum (analyze) " + table);
				st.execute("analyze");
			}
			phases.put("vacuum and analyse", since(t));
			t = System.nanoTime();
			out.println("Sealing the audit trail");
			SystemActor.run("population", List.of("SYSTEM"), audit::sealNow);
			phases.put("audit trail sealed", since(t));
		}
		catch (SQLException ex) {
			throw new IllegalStateException("loading the population failed: " + ex.getMessage(), ex);
		}
		Duration took = since(started);
		return new Summary(patients, rows, phases, took);
	}

	/**
	 * The outcome measures' read model (the quality module's tables), derived with set-based SQL from the rows just
	 * loaded, as the module's listeners would have written them had the population been recorded through events: a
	 * case with its program, case manager and start, its closure, the inpatient stays and ED visits, the contacts (the
	 * patient or a caregiver reached or not) and the referrals, days in the organisation's zone. Marks the module's
	 * backfill as done, so that no node reads a million patients again through the APIs.
	 */
	private void outcomeFacts(Connection c, Map<String, Long> rows) throws SQLException {
		String zone = SystemActor.call("population", List.of("SYSTEM"), () -> organizations.zone().getId());
		String[][] statements = {
				{ "quality_case", """
						insert into quality_case (case_id, patient_id, program_id, case_manager_id, opened_on)
						select id, patient_id, program_id, case_manager_id, start_date from care_case
						where case_manager_id is not null and start_date is not null on conflict do nothing""" },
				{ "quality_case_closure", """
						insert into quality_case_closure (case_id, closed_on, close_reason, close_outcome)
						select id, closed_on, coalesce(close_reason, ''), outcome from care_case
						where closed_on is not null on conflict do nothing""" },
				{ "quality_stay", """
						insert into quality_stay (encounter_id, patient_id, kind, admitted_on, discharged_on)
						select id, patient_id, case when patient_class = 'I' then 'INPATIENT' else 'ED' end,
						       (admitted_at at time zone '%1$s')::date,
						       case when patient_class = 'I' then (discharged_at at time zone '%1$s')::date end
						from encounter
						where patient_class in ('I', 'E') and status <> 'CANCELLED' and admitted_at is not null
						  and (discharged_at is null or discharged_at >= admitted_at)
						on conflict do nothing""".formatted(zone) },
				{ "quality_contact", """
						insert into quality_contact (contact_id, patient_id, case_id, occurred_on, reached)
						select id, patient_id, case_id, (occurred_at at time zone '%1$s')::date,
						       outcome = 'REACHED' and with_whom in ('PATIENT', 'CAREGIVER')
						from contact on conflict do nothing""".formatted(zone) },
				{ "quality_referral", """
						insert into quality_referral (referral_id, patient_id, program_id, received_on)
						select id, patient_id, program_id, (received_at at time zone '%1$s')::date from referral
						where received_at is not null on conflict do nothing""".formatted(zone) } };
		c.setAutoCommit(false);
		try (Statement st = c.createStatement()) {
			for (String[] statement : statements) rows.put(statement[0], (long) st.executeUpdate(statement[1]));
			st.execute("insert into quality_backfill (id, cases) select 1, count(*) from quality_case on conflict (id) do nothing");
			c.commit();
		}
		finally {
			c.setAutoCommit(true);
		}
	}

	private static Duration since(long nanos) {
		return Duration.ofNanos(System.nanoTime() - nanos);
	}

	/** The organisation, programs and named accounts through the APIs; the rest of the staff and providers in bulk. */
	private PopulationGenerator.Setting organisation(Connection c, int patients, long seed, Map<String, Long> rows) {
		OrganizationView org = organizations.create("Riverside Care Partners", ZoneId.of("America/New_York"));
		DemoOrganization.holidays(organizations, org);
		SecureRandom random = new SecureRandom();
		Properties saved = new Properties();
		Map<String, UserView> named = new LinkedHashMap<>();
		for (DemoOrganization.Staff staff : DemoOrganization.STAFF) {
			String password = DemoOrganization.demoPassword(random);
			named.put(staff.username(), accounts.create(new NewUser(staff.username(), staff.displayName(),
					staff.username() + "@riverside-care.example", staff.roles(), password, false)));
			saved.setProperty(staff.username(), password);
		}
		DemoOrganization.writeLogins(home.resolve("demo-logins.properties"), saved);

		List<ProgramView> created = DemoPrograms.create(programs, org.id(), named.get("supervisor").id());
		Map<String, UUID> programIds = Map.of(PopulationGenerator.TRANSITIONS, created.get(0).id().value(),
				PopulationGenerator.CCM, created.get(1).id().value(), PopulationGenerator.COMPLEX, created.get(2).id().value(),
				PopulationGenerator.BEHAVIOURAL, created.get(3).id().value(), PopulationGenerator.RECOVERY, created.get(4).id().value(),
				PopulationGenerator.HOUSING, created.get(5).id().value());

		// the rest of the staff share one password (kept in population-logins.properties), hashed once
		String sharedPassword = DemoOrganization.demoPassword(random) + "-" + DemoOrganization.demoPassword(random);
		String hash = passwords.encode(sharedPassword);
		SplittableRandom names = new SplittableRandom(seed);
		int caseManagerCount = Math.max(2, patients / 250);
		int teamCount = Math.max(1, caseManagerCount / 25);
		int intakeCount = Math.max(1, patients / 20_000);
		int careTeamCount = Math.max(1, patients / 2_000);
		CopyRows users = new CopyRows("user_account", "id, username, display_name, email, password_hash, created_by, languages");
		CopyRows roles = new CopyRows("user_role", "user_id, role");
		List<UUID> caseManagers = staff(named.get("casemanager"), named.get("casemanager2"), "cm", caseManagerCount, Role.CASE_MANAGER,
				", RN", users, roles, hash, names);
		List<UUID> supervisors = staff(named.get("supervisor"), null, "sup", teamCount, Role.SUPERVISOR, ", RN", users, roles, hash, names);
		List<UUID> intake = staff(named.get("intake"), null, "intake", intakeCount, Role.INTAKE, "", users, roles, hash, names);
		List<UUID> careTeam = staff(named.get("careteam"), null, "md", careTeamCount, Role.CARE_TEAM, ", MD", users, roles, hash, names);
		int reviewerCount = Math.max(1, patients / 20_000);
		List<UUID> reviewers = staff(named.get("reviewer"), null, "ur", reviewerCount, Role.UTILIZATION_REVIEW, ", RN", users, roles, hash,
				names);
		copy(c, users);
		copy(c, roles);
		rows.put("user_account", users.rows() + named.size());

		List<UUID> teams = new ArrayList<>();
		for (int team = 0; team < teamCount; team++) {
			List<UserId> members = new ArrayList<>();
			for (int m = team; m < caseManagerCount; m += teamCount) members.add(new UserId(caseManagers.get(m)));
			members.add(new UserId(intake.get(team % intakeCount)));
			teams.add(organizations.createTeam(org.id(), team == 0 ? "Community care team" : "Care team " + (team + 1),
					new UserId(supervisors.get(team)), members).id());
		}
		rows.put("team", (long) teamCount);

		CopyRows providerRows = new CopyRows("provider", "id, organization_id, kind, name, specialty, phone, address, created_by");
		List<UUID> providers = new ArrayList<>();
		String[] specialties = { "Family medicine", "Internal medicine", "Geriatrics" };
		for (int i = 0; i < Math.max(3, patients / 400); i++) {
			UUID id = UUID.nameUUIDFromBytes(("provider-" + seed + "-" + i).getBytes(java.nio.charset.StandardCharsets.UTF_8));
			providers.add(id);
			providerRows.row(id, org.id().value(), "PRACTITIONER", "Dr. " + SyntheticPopulation.pick(names, SyntheticPopulation.FEMALE)
					+ " " + SyntheticPopulation.pick(names, SyntheticPopulation.FAMILY), specialties[i % 3],
					String.format(Locale.ROOT, "(614) 555-%04d", i % 10_000), (100 + i) + " Health Way, Columbus, OH", "population");
		}
		UUID cardiology = UUID.nameUUIDFromBytes(("cardiology-" + seed).getBytes(java.nio.charset.StandardCharsets.UTF_8));
		providerRows.row(cardiology, org.id().value(), "ORGANIZATION", "Riverside Heart Clinic", "Cardiology", "(614) 555-0150", null,
				"population");
		copy(c, providerRows);
		rows.put("provider", providerRows.rows());

		List<PopulationGenerator.Staff> managerStaff = new ArrayList<>();
		for (int m = 0; m < caseManagerCount; m++) {
			managerStaff.add(new PopulationGenerator.Staff(caseManagers.get(m), username("cm", m, named.get("casemanager"),
					named.get("casemanager2")), teams.get(m % teamCount)));
		}
		List<PopulationGenerator.Staff> intakeStaff = new ArrayList<>();
		for (int m = 0; m < intakeCount; m++) {
			intakeStaff.add(new PopulationGenerator.Staff(intake.get(m), username("intake", m, named.get("intake"), null),
					teams.get(m % teamCount)));
		}
		List<PopulationGenerator.Staff> careTeamStaff = new ArrayList<>();
		for (int m = 0; m < careTeamCount; m++) {
			careTeamStaff.add(new PopulationGenerator.Staff(careTeam.get(m), username("md", m, named.get("careteam"), null),
					teams.get(m % teamCount)));
		}
		List<PopulationGenerator.Staff> reviewerStaff = new ArrayList<>();
		for (int m = 0; m < reviewerCount; m++) {
			reviewerStaff.add(new PopulationGenerator.Staff(reviewers.get(m), username("ur", m, named.get("reviewer"), null),
					teams.get(m % teamCount)));
		}
		Properties population = new Properties();
		population.setProperty("password", sharedPassword);
		population.setProperty("case-managers", caseManagerCount + " (casemanager, casemanager2, cm00003 ... cm"
				+ String.format(Locale.ROOT, "%05d", caseManagerCount) + ")");
		population.setProperty("supervisors", teamCount + " (supervisor, sup00002 ...)");
		population.setProperty("patients", String.valueOf(patients));
		population.setProperty("seed", String.valueOf(seed));
		DemoOrganization.writeLogins(home.resolve("population-logins.properties"), population);
		return new PopulationGenerator.Setting(org.id(), org.zone(), LocalDate.now(org.zone()), seed, programIds, managerStaff,
				careTeamStaff, intakeStaff, providers, cardiology, reviewerStaff);
	}

	private static String username(String prefix, int index, UserView first, UserView second) {
		if (index == 0) return first.username();
		if (index == 1 && second != null) return second.username();
		return prefix + String.format(Locale.ROOT, "%05d", index + 1);
	}

	/** {@code count} accounts with one role: the named ones first, then generated ones sharing {@code hash}. */
	private static List<UUID> staff(UserView first, UserView second, String prefix, int count, Role role, String suffix,
			CopyRows users, CopyRows roles, String hash, SplittableRandom names) {
		List<UUID> ids = new ArrayList<>();
		ids.add(first.id().value());
		if (second != null && count > 1) ids.add(second.id().value());
		String[] languages = { "{en}", "{en}", "{en}", "{en}", "{en,es}", "{en,es}", "{en,vi}", "{en,zh}", "{en,so}", "{en,ar}" };
		for (int i = ids.size(); i < count; i++) {
			UUID id = UUID.nameUUIDFromBytes((prefix + i + "-" + hash).getBytes(java.nio.charset.StandardCharsets.UTF_8));
			String username = prefix + String.format(Locale.ROOT, "%05d", i + 1);
			boolean female = names.nextDouble() < 0.7;
			String name = SyntheticPopulation.pick(names, female ? SyntheticPopulation.FEMALE : SyntheticPopulation.MALE) + " "
					+ SyntheticPopulation.pick(names, SyntheticPopulation.FAMILY) + suffix;
			users.row(id, username, name, username + "@riverside-care.example", hash, "population",
					new Raw(languages[i % languages.length]));
			roles.row(id, role.name());
			ids.add(id);
		}
		return ids;
	}

	/** A value written as it is (an array literal). */
	private record Raw(String text) {
		@Override
		public String toString() {
			return text;
		}
	}

	/** Generates chunks on one thread while this one copies the previous chunk into the database. */
	private void copy(Connection c, PopulationGenerator.Setting setting, int patients, Map<String, Long> rows, PrintStream out)
			throws SQLException {
		PopulationGenerator generator = new PopulationGenerator(setting);
		List<CopyRows> tables = new ArrayList<>();
		generator.tables().forEach(tables::add);
		BlockingQueue<byte[][]> chunks = new ArrayBlockingQueue<>(2);
		AtomicReference<Throwable> failure = new AtomicReference<>();
		Thread producer = new Thread(() -> {
			try {
				for (int from = 0; from < patients; from += CHUNK) {
					generator.patients(from, Math.min(patients, from + CHUNK));
					byte[][] chunk = new byte[tables.size()][];
					for (int k = 0; k < tables.size(); k++) chunk[k] = tables.get(k).drain();
					chunks.put(chunk);
				}
			}
			catch (Throwable ex) {
				failure.set(ex);
			}
			finally {
				try {
					chunks.put(END);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			}
		}, "population-generator");
		producer.setDaemon(true);
		producer.start();
		c.setAutoCommit(false);
		try (Statement st = c.createStatement()) {
			st.execute("set local synchronous_commit = off");
		}
		c.commit();
		CopyManager copy = c.unwrap(BaseConnection.class).getCopyAPI();
		long start = System.nanoTime();
		int done = 0;
		int reported = 0;
		try {
			while (true) {
				byte[][] chunk = chunks.poll(10, TimeUnit.MINUTES);
				if (chunk == null || chunk == END) break;
				try (Statement st = c.createStatement()) {
					st.execute("set local synchronous_commit = off");
				}
				for (int k = 0; k < chunk.length; k++) {
					if (chunk[k].length > 0) copy.copyIn(tables.get(k).copyStatement(), new ByteArrayInputStream(chunk[k]));
				}
				c.commit();
				done = Math.min(patients, done + CHUNK);
				int percent = (int) (100L * done / patients);
				if (percent / 10 > reported / 10 || done == patients) {
					reported = percent;
					double seconds = (System.nanoTime() - start) / 1e9;
					out.printf(Locale.ROOT, "  %,d of %,d patients (%d%%) in %,.0f s%n", done, patients, percent, seconds);
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted", ex);
		}
		finally {
			c.setAutoCommit(true);
		}
		if (failure.get() != null) throw new IllegalStateException("generating the population failed", failure.get());
		for (CopyRows table : tables) rows.put(table.table(), table.rows());
	}

	private static void copy(Connection c, CopyRows rows) {
		try {
			c.unwrap(BaseConnection.class).getCopyAPI().copyIn(rows.copyStatement(), new ByteArrayInputStream(rows.drain()));
		}
		catch (SQLException | IOException ex) {
			throw new IllegalStateException("copying " + rows.table() + " failed: " + ex.getMessage(), ex);
		}
	}

	private Path indexFile() {
		return home.resolve("population-indexes.sql");
	}

	/**
	 * Drops the secondary indexes (not those of constraints) and the foreign keys of the tables, keeping the
	 * statements that make them again in a file.
	 */
	private List<String> setIndexesAside(Connection c, List<String> tables) throws SQLException {
		List<String> drops = new ArrayList<>();
		List<String> rebuild = new ArrayList<>();
		try (PreparedStatement ps = c.prepareStatement("""
				select 'drop index ' || i.relname, pg_get_indexdef(i.oid)
				from pg_index x
				join pg_class i on i.oid = x.indexrelid
				join pg_class t on t.oid = x.indrelid
				join pg_namespace n on n.oid = t.relnamespace
				where n.nspname = current_schema() and t.relname = any(?)
				  and not exists (select 1 from pg_constraint k where k.conindid = i.oid)
				union all
				select 'alter table ' || t.relname || ' drop constraint ' || k.conname,
				       'alter table ' || t.relname || ' add constraint ' || k.conname || ' ' || pg_get_constraintdef(k.oid)
				from pg_constraint k
				join pg_class t on t.oid = k.conrelid
				join pg_namespace n on n.oid = t.relnamespace
				where n.nspname = current_schema() and t.relname = any(?) and k.contype = 'f'""")) {
			ps.setArray(1, c.createArrayOf("text", tables.toArray()));
			ps.setArray(2, c.createArrayOf("text", tables.toArray()));
			try (ResultSet rs = ps.executeQuery()) {
				while (rs.next()) {
					drops.add(rs.getString(1));
					rebuild.add(rs.getString(2));
				}
			}
		}
		try {
			Files.createDirectories(home);
			Files.write(indexFile(), rebuild);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		try (Statement st = c.createStatement()) {
			for (String drop : drops) st.execute(drop);
		}
		return rebuild;
	}

	/** Builds the indexes and foreign keys again (one already there is skipped); then forgets the file. */
	private void buildIndexes(Connection c, List<String> statements) throws SQLException {
		c.setAutoCommit(true);
		try (Statement st = c.createStatement()) {
			st.execute("set maintenance_work_mem = '512MB'");
			st.execute("set max_parallel_maintenance_workers = 2");
			for (String statement : statements) {
				try {
					st.execute(statement);
				}
				catch (SQLException ex) {
					// 42P07: the index exists, 42710: the constraint exists (an earlier run got that far)
					if (!"42P07".equals(ex.getSQLState()) && !"42710".equals(ex.getSQLState())) throw ex;
				}
			}
		}
		try {
			Files.deleteIfExists(indexFile());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** An earlier load that stopped half-way left its indexes in a file: build them before anything else. */
	private void restoreIndexes(Connection c, PrintStream out) throws SQLException {
		if (!Files.exists(indexFile())) return;
		try {
			List<String> statements = Files.readAllLines(indexFile());
			out.printf(Locale.ROOT, "Restoring %d indexes and foreign keys an interrupted load set aside%n", statements.size());
			buildIndexes(c, statements);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static long count(Connection c, String sql) throws SQLException {
		try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
			rs.next();
			return rs.getLong(1);
		}
	}
}
