package org.caremap.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
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
		this.pgPort = freePort();
		this.httpPort = freePort();
		this.mllpPort = freePort();
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
		// set here, not on the command line zonky builds through a shell
		superuser("alter system set log_line_prefix = '%m|%p|%a|%u|'");
		superuser("select pg_reload_conf()");
		env.put("CAREMAP_HOME", this.folder.resolve("home").toString());
		env.put("CAREMAP_DB_URL", "jdbc:postgresql://localhost:" + pgPort + "/caremap");
		env.put("CAREMAP_DB_USER", "caremap_app");
		env.put("CAREMAP_DB_PASSWORD", ExternalDatabase.APP_PASSWORD);
		env.put("CAREMAP_DB_OWNER_USER", "caremap_owner");
		env.put("CAREMAP_DB_OWNER_PASSWORD", ExternalDatabase.OWNER_PASSWORD);
		env.put("CAREMAP_DEMO_ENABLED", "false");
		env.put("CAREMAP_ADT_MLLP_PORT", String.valueOf(mllpPort));
		env.put("PORT", String.valueOf(httpPort));
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

	static Path jar() throws IOException {
		try (var files = Files.list(Path.of("target"))) {
			return files.filter(p -> p.getFileName().toString().matches("caremap-.*\\.jar")).findFirst()
				.orElseThrow(() -> new IllegalStateException("target/caremap-*.jar is missing: package first"));
		}
	}

	private static String java() {
		return Path.of(System.getProperty("java.home"), "bin", "java").toString();
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

	/** Runs the application's {@code populate} command and records what it loaded and how long it took. */
	Properties populate(int patients, long seed) throws Exception {
		List<String> line = new ArrayList<>(List.of(java(), "-Xmx2g", "-jar", jar().toString(), "populate",
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
		p.setProperty("commit", commit());
		Matcher phases = Pattern.compile("(?m)^\\s{2}(\\S.*?)\\s{2,}([0-9,.]+) s$").matcher(output);
		StringBuilder phaseText = new StringBuilder();
		while (phases.find()) phaseText.append(phases.group(1).strip()).append(": ").append(phases.group(2)).append(" s; ");
		p.setProperty("phases", phaseText.toString());
		try (var out = Files.newOutputStream(folder.resolve("population.properties"))) {
			p.store(out, "the population loaded into this database");
		}
		return p;
	}

	/** Starts the application with {@code -Xmx512m} and a GC log; returns the seconds to ready as the process saw them. */
	double startApp() throws Exception {
		Files.createDirectories(home());
		Files.deleteIfExists(folder.resolve("app.log"));
		Files.deleteIfExists(folder.resolve("gc.log"));
		ProcessBuilder pb = new ProcessBuilder(java(), "-Xmx512m", "-Xlog:gc:file=" + folder.resolve("gc.log"), "-jar",
				jar().toString());
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

	/** From the GC log: the most heap in use before a collection, the most left after one, and the heap's size (MB). */
	long[] heapMegabytes() throws IOException {
		Pattern gc = Pattern.compile("(\\d+)M->(\\d+)M\\((\\d+)M\\)");
		long before = 0, after = 0, size = 0;
		for (String line : Files.readAllLines(folder.resolve("gc.log"))) {
			Matcher m = gc.matcher(line);
			if (m.find()) {
				before = Math.max(before, Long.parseLong(m.group(1)));
				after = Math.max(after, Long.parseLong(m.group(2)));
				size = Math.max(size, Long.parseLong(m.group(3)));
			}
		}
		return new long[] { before, after, size };
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

	static String commit() throws IOException {
		return new String(new ProcessBuilder("git", "rev-parse", "--short", "HEAD").start().getInputStream().readAllBytes(),
				StandardCharsets.UTF_8).strip();
	}

	@Override
	public void close() throws Exception {
		if (app != null) app.destroyForcibly().waitFor();
		pg.close();
	}

	private static int freePort() throws IOException {
		try (ServerSocket s = new ServerSocket(0)) {
			return s.getLocalPort();
		}
	}
}
