package org.caremap.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.caremap.support.ExternalDatabase;
import org.caremap.support.Folders;
import org.caremap.support.PackagedApp;

/**
 * The scale benchmark's PostgreSQL and Caremap: a durable PostgreSQL (fsync, synchronous_commit, full_page_writes
 * on) whose data folder is kept between runs, so a population is loaded once and measured many times; the packaged
 * application as its own process on it, with a GC log for its heap.
 */
final class ScaleRig implements AutoCloseable {

	private final Path folder;
	private final int pgPort;
	private final int httpPort;
	private final int mllpPort;
	private final EmbeddedPostgres pg;
	private final Map<String, String> env = new HashMap<>();
	private Process app;
	private Instant appStarted;

	ScaleRig(Path folder) throws Exception {
		this.folder = folder.toAbsolutePath();
		Files.createDirectories(this.folder);
		this.pgPort = PackagedApp.freePort();
		this.httpPort = PackagedApp.freePort();
		this.mllpPort = PackagedApp.freePort();
		boolean fresh = !Files.exists(this.folder.resolve("postgres").resolve("PG_VERSION"));
		Files.createDirectories(this.folder.resolve("pglog"));
		pg = EmbeddedPostgres.builder().setDataDirectory(this.folder.resolve("postgres")).setCleanDataDirectory(false)
			.setPort(pgPort)
			.setServerConfig("fsync", "on").setServerConfig("synchronous_commit", "on")
			.setServerConfig("full_page_writes", "on")
			.setServerConfig("shared_buffers", "1GB").setServerConfig("max_connections", "200")
			.setServerConfig("max_wal_size", "4GB").setServerConfig("checkpoint_timeout", "15min")
			.setServerConfig("logging_collector", "on").setServerConfig("log_directory", this.folder.resolve("pglog").toString())
			.setServerConfig("log_filename", "postgresql.log")
			.start();
		if (fresh) ExternalDatabase.prepare(pg);
		else ExternalDatabase.upgrade(pg);
		// set here, not on the command line zonky builds through a shell
		superuser("alter system set log_line_prefix = '%m|%p|%a|%u|'");
		superuser("select pg_reload_conf()");
		env.put("CAREMAP_HOME", this.folder.resolve("home").toString());
		env.putAll(ExternalDatabase.environment(pgPort));
		env.put("CAREMAP_DEMO_ENABLED", "false");
		env.put("CAREMAP_ADT_MLLP_PORT", String.valueOf(mllpPort));
		env.put("PORT", String.valueOf(httpPort));
		// -Dcaremap.bench.env.NAME=VALUE sets the application's environment variable NAME (e.g. CAREMAP_ADT_APPLIERS)
		System.getProperties().stringPropertyNames().stream().filter(n -> n.startsWith("caremap.bench.env."))
			.forEach(n -> env.put(n.substring("caremap.bench.env.".length()), System.getProperty(n)));
	}

	Path folder() {
		return folder;
	}

	Path home() {
		return folder.resolve("home");
	}

	Path pgLog() {
		return folder.resolve("pglog").resolve("postgresql.log");
	}

	int httpPort() {
		return httpPort;
	}

	int mllpPort() {
		return mllpPort;
	}

	String base() {
		return "http://localhost:" + httpPort;
	}

	/** The population this folder holds (size, seed, load time), or null when none was loaded. */
	Properties population() throws IOException {
		Path marker = folder.resolve("population.properties");
		if (!Files.exists(marker)) return null;
		Properties p = new Properties();
		try (var in = Files.newInputStream(marker)) {
			p.load(in);
		}
		return p;
	}

	/** Runs one of the application's commands (e.g. {@code community-synthetic 20000}); its exit status, output in the log. */
	int command(Path log, String... args) throws Exception {
		List<String> line = new ArrayList<>(List.of(PackagedApp.java(), "-Xmx1g", "-jar", PackagedApp.jar().toString()));
		line.addAll(List.of(args));
		ProcessBuilder pb = new ProcessBuilder(line);
		pb.environment().putAll(env);
		pb.environment().put("PORT", "0");
		pb.redirectErrorStream(true);
		pb.redirectOutput(log.toFile());
		return pb.start().waitFor();
	}

	/** Runs the application's {@code populate} command and records what it loaded and how long it took. */
	Properties populate(int patients, long seed) throws Exception {
		List<String> line = new ArrayList<>(List.of(PackagedApp.java(), "-Xmx2g", "-jar", PackagedApp.jar().toString(), "populate",
				String.valueOf(patients), "--seed=" + seed));
		ProcessBuilder pb = new ProcessBuilder(line);
		pb.environment().putAll(env);
		pb.environment().put("PORT", "0");
		pb.redirectErrorStream(true);
		Path log = folder.resolve("populate.log");
		pb.redirectOutput(log.toFile());
		Instant start = Instant.now();
		int exit = pb.start().waitFor();
		Duration took = Duration.between(start, Instant.now());
		String output = Files.readString(log);
		if (exit != 0) throw new IllegalStateException("populate failed (exit " + exit + "); see " + log);
		Properties p = new Properties();
		p.setProperty("patients", String.valueOf(patients));
		p.setProperty("seed", String.valueOf(seed));
		p.setProperty("loadSeconds", String.valueOf(took.toMillis() / 1000.0));
		p.setProperty("loadedOn", Instant.now().toString());
		p.setProperty("commit", PackagedApp.commit());
		Matcher phases = Pattern.compile("(?m)^\\s{2}(\\S.*?)\\s{2,}([0-9,.]+) s$").matcher(output);
		StringBuilder phaseText = new StringBuilder();
		while (phases.find()) phaseText.append(phases.group(1).strip()).append(": ").append(phases.group(2)).append(" s; ");
		p.setProperty("phases", phaseText.toString());
		try (var out = Files.newOutputStream(folder.resolve("population.properties"))) {
			p.store(out, "the population loaded into this database");
		}
		return p;
	}

	/**
	 * Prepares class data sharing for a faster start, as the README tells an operator to: the jar extracted, one
	 * training start that stops once the context is refreshed and writes the archive of the classes it loaded.
	 */
	void prepareClassDataSharing() throws Exception {
		Path app = folder.resolve("app");
		Folders.deleteTree(app);
		run(new ProcessBuilder(PackagedApp.java(), "-Djarmode=tools", "-jar", PackagedApp.jar().toString(), "extract", "--destination", app.toString()));
		ProcessBuilder training = new ProcessBuilder(PackagedApp.java(), "-XX:ArchiveClassesAtExit=" + app.resolve("caremap.jsa"),
				"-Dspring.context.exit=onRefresh", "-jar", extractedJar().toString());
		training.environment().putAll(env);
		training.environment().put("PORT", "0");
		training.environment().put("CAREMAP_ADT_MLLP_PORT", "-1");
		run(training);
	}

	private Path extractedJar() throws IOException {
		try (var files = Files.list(folder.resolve("app"))) {
			return files.filter(p -> p.getFileName().toString().matches("caremap-.*\\.jar")).findFirst().orElseThrow();
		}
	}

	private void run(ProcessBuilder pb) throws Exception {
		pb.redirectErrorStream(true);
		pb.redirectOutput(ProcessBuilder.Redirect.appendTo(folder.resolve("cds.log").toFile()));
		int exit = pb.start().waitFor();
		if (exit != 0) throw new IllegalStateException("failed (exit " + exit + "): " + pb.command() + "; see cds.log");
	}

	/** Starts the application with {@code -Xmx512m} and a GC log; returns the seconds to ready as the process saw them. */
	double startApp(boolean classDataSharing) throws Exception {
		Files.createDirectories(home());
		Files.deleteIfExists(folder.resolve("app.log"));
		Files.deleteIfExists(folder.resolve("gc.log"));
		List<String> command = new ArrayList<>(List.of(PackagedApp.java(), "-Xmx512m", "-Xlog:gc:file=" + folder.resolve("gc.log")));
		if (classDataSharing) {
			command.add("-XX:SharedArchiveFile=" + folder.resolve("app").resolve("caremap.jsa"));
			command.addAll(List.of("-jar", extractedJar().toString()));
		}
		else {
			command.addAll(List.of("-jar", PackagedApp.jar().toString()));
		}
		ProcessBuilder pb = new ProcessBuilder(command);
		pb.environment().putAll(env);
		pb.redirectErrorStream(true);
		pb.redirectOutput(folder.resolve("app.log").toFile());
		appStarted = Instant.now();
		app = pb.start();
		Pattern ready = Pattern.compile("Caremap ready in ([0-9.]+) s");
		Instant deadline = Instant.now().plusSeconds(180);
		while (Instant.now().isBefore(deadline)) {
			if (!app.isAlive()) throw new IllegalStateException("Caremap stopped; see " + folder.resolve("app.log"));
			Matcher m = ready.matcher(Files.readString(folder.resolve("app.log")));
			if (m.find()) return Double.parseDouble(m.group(1));
			Thread.sleep(100);
		}
		throw new IllegalStateException("Caremap did not report ready; see " + folder.resolve("app.log"));
	}

	/** Wall time from launching the JVM to the first page served (the sign-in page). */
	Duration untilHealthy() throws Exception {
		HttpClient http = HttpClient.newHttpClient();
		while (true) {
			try {
				HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base() + "/login")).build(),
						HttpResponse.BodyHandlers.ofString());
				if (r.statusCode() == 200) return Duration.between(appStarted, Instant.now());
			}
			catch (IOException notYet) {
				// not listening yet
			}
			Thread.sleep(50);
		}
	}

	long appPid() {
		return app.pid();
	}

	/** The application's resident set size now, in MB. */
	long rssMegabytes() throws IOException {
		for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(app.pid()), "status"))) {
			if (line.startsWith("VmRSS:")) return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
		}
		return -1;
	}

	/**
	 * From the GC log: the most heap in use before a collection, the least left after a collection once the load
	 * began (the smallest the heap got under load), the heap's largest size (MB), and the number of full collections.
	 */
	long[] heapMegabytes() throws IOException {
		Pattern gc = Pattern.compile("(\\d+)M->(\\d+)M\\((\\d+)M\\)");
		long before = 0, size = 0, full = 0;
		long after = Long.MAX_VALUE;
		List<String> lines = Files.readAllLines(folder.resolve("gc.log"));
		for (int i = 0; i < lines.size(); i++) {
			Matcher m = gc.matcher(lines.get(i));
			if (m.find()) {
				before = Math.max(before, Long.parseLong(m.group(1)));
				if (i > lines.size() / 4) after = Math.min(after, Long.parseLong(m.group(2)));
				size = Math.max(size, Long.parseLong(m.group(3)));
				if (lines.get(i).contains("Pause Full")) full++;
			}
		}
		return new long[] { before, after == Long.MAX_VALUE ? 0 : after, size, full };
	}

	/** Waits (up to a limit) until no scheduled job is running, e.g. the first day's digests after a start. */
	void awaitQuietJobs(Duration limit) throws Exception {
		Instant deadline = Instant.now().plus(limit);
		int quiet = 0;
		while (Instant.now().isBefore(deadline) && quiet < 5) {
			try (Connection c = owner(); Statement s = c.createStatement();
					// jobs running, and the e-mails they left to send (the day's digests: thousands, sent a few at a time)
					ResultSet rs = s.executeQuery("select (select count(*) from scheduled_tasks where picked)"
							+ " + (select count(*) from email_outbox where status = 'PENDING')")) {
				rs.next();
				quiet = rs.getLong(1) == 0 ? quiet + 1 : 0;
			}
			Thread.sleep(1000);
		}
	}

	void stopApp() throws InterruptedException {
		if (app != null && app.isAlive()) {
			app.destroy();
			app.waitFor();
		}
	}

	/** A connection as the schema owner (search path set), for reading what the benchmark needs. */
	Connection owner() throws SQLException {
		Connection c = pg.getDatabase("caremap_owner", "caremap").getConnection("caremap_owner", ExternalDatabase.OWNER_PASSWORD);
		c.setSchema("caremap");
		return c;
	}

	/** A connection as the application's role, as the application connects. */
	Connection application() throws SQLException {
		Connection c = pg.getDatabase("caremap_app", "caremap").getConnection("caremap_app", ExternalDatabase.APP_PASSWORD);
		c.setSchema("caremap");
		return c;
	}

	/** Runs a statement as the superuser (settings, statement logging). */
	void superuser(String sql) throws SQLException {
		try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
			s.execute(sql);
		}
	}

	List<String> settings(String... names) throws SQLException {
		List<String> out = new ArrayList<>();
		try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement();
				ResultSet rs = s.executeQuery("select name || '=' || setting from pg_settings where name in ('"
						+ String.join("','", names) + "') order by name")) {
			while (rs.next()) out.add(rs.getString(1));
		}
		return out;
	}

	@Override
	public void close() throws Exception {
		if (app != null) app.destroyForcibly().waitFor();
		pg.close();
	}
}
