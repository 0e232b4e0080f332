package org.caremap.support;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * Caremap as its own process (the packaged jar) on a separate PostgreSQL with durable settings (fsync,
 * synchronous_commit and full_page_writes on), with the demo organisation: for tests and benchmarks that kill,
 * restart or load the application from outside.
 */
public final class CaremapProcess implements AutoCloseable {

	private final Path home;
	private final int pgPort;
	private final int mllpPort;
	private final Map<String, String> env = new HashMap<>();
	private volatile EmbeddedPostgres pg;
	private volatile Process app;

	public CaremapProcess(Path home) throws Exception {
		this.home = home.toAbsolutePath();
		Folders.deleteTree(this.home);
		this.pgPort = PackagedApp.freePort();
		this.mllpPort = PackagedApp.freePort();
		startPostgres();
		ExternalDatabase.prepare(pg);
		env.put("CAREMAP_HOME", this.home.resolve("home").toString());
		env.putAll(ExternalDatabase.environment(pgPort));
		env.put("CAREMAP_DEMO_ENABLED", "true");
		env.put("CAREMAP_ADT_MLLP_PORT", String.valueOf(mllpPort));
		env.put("PORT", String.valueOf(PackagedApp.freePort()));
		// -Dcaremap.bench.env.NAME=VALUE sets the application's environment variable NAME (e.g. CAREMAP_ADT_APPLIERS)
		System.getProperties().stringPropertyNames().stream().filter(n -> n.startsWith("caremap.bench.env."))
			.forEach(n -> env.put(n.substring("caremap.bench.env.".length()), System.getProperty(n)));
	}

	public int mllpPort() {
		return mllpPort;
	}

	public int httpPort() {
		return Integer.parseInt(env.get("PORT"));
	}

	/** The application's home folder (demo logins, audit anchors, logs). */
	public Path appHome() {
		return Path.of(env.get("CAREMAP_HOME"));
	}

	public Process app() {
		return app;
	}

	/** Starts PostgreSQL on its data folder (created on the first start, kept across restarts) and its port. */
	public void startPostgres() throws IOException {
		pg = EmbeddedPostgres.builder().setDataDirectory(home.resolve("postgres")).setCleanDataDirectory(false).setPort(pgPort)
			.setServerConfig("fsync", "on").setServerConfig("synchronous_commit", "on").setServerConfig("full_page_writes", "on")
			.start();
	}

	public void stopPostgres() throws IOException {
		pg.close();
	}

	/** Waits until the application says it is ready (its demo organisation, when enabled, is then complete). */
	public void awaitReady() throws IOException {
		Instant deadline = Instant.now().plusSeconds(120);
		while (Instant.now().isBefore(deadline)) {
			if (Files.exists(home.resolve("app.log")) && Files.readString(home.resolve("app.log")).contains("Caremap ready in")) return;
			sleep(250);
		}
		throw new IllegalStateException("Caremap did not report ready; see " + home.resolve("app.log"));
	}

	/** Runs one of the application's commands (e.g. {@code fhir-import <folder>}) to its end; its exit code and output. */
	public Map.Entry<Integer, String> command(String... args) throws IOException, InterruptedException {
		java.util.List<String> line = new java.util.ArrayList<>(java.util.List.of(
				PackagedApp.java(), "-jar", PackagedApp.jar().toString()));
		line.addAll(java.util.List.of(args));
		ProcessBuilder pb = new ProcessBuilder(line);
		pb.environment().putAll(env);
		pb.environment().put("PORT", "0");
		pb.redirectErrorStream(true);
		Process command = pb.start();
		String output = new String(command.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
		return Map.entry(command.waitFor(), output);
	}

	/** Starts the application (unless it runs) and waits until its MLLP listener accepts connections. */
	public void startApp() throws IOException {
		if (app != null && app.isAlive()) return;
		Path jar = PackagedApp.jar();
		ProcessBuilder pb = new ProcessBuilder(PackagedApp.java(), "-Xmx512m",
				"-jar", jar.toString());
		pb.environment().putAll(env);
		pb.redirectErrorStream(true);
		pb.redirectOutput(ProcessBuilder.Redirect.appendTo(home.resolve("app.log").toFile()));
		app = pb.start();
		Instant deadline = Instant.now().plusSeconds(120);
		while (Instant.now().isBefore(deadline)) {
			if (!app.isAlive()) {
				sleep(1000); // e.g. the database is still coming back: try again
				app = pb.start();
			}
			try (Socket s = new Socket("localhost", mllpPort)) {
				return;
			}
			catch (IOException notYet) {
				sleep(250);
			}
		}
		throw new IllegalStateException("Caremap did not start; see " + home.resolve("app.log"));
	}

	/** Sets (or, with null, removes) an environment variable of the application for its next starts. */
	public void environment(String name, String value) {
		if (value == null) env.remove(name);
		else env.put(name, value);
	}

	/** SIGKILL: no shutdown hook runs, nothing is flushed. */
	public void kill() {
		app.destroyForcibly();
	}

	/** First column of every row, as the database owner sees the schema; waits out a restarting database. */
	public List<String> query(String sql) throws Exception {
		Instant deadline = Instant.now().plusSeconds(60);
		while (true) {
			try (Connection c = pg.getDatabase("postgres", "caremap").getConnection(); Statement s = c.createStatement()) {
				s.execute("set search_path = caremap");
				try (ResultSet rs = s.executeQuery(sql)) {
					List<String> out = new ArrayList<>();
					while (rs.next()) out.add(rs.getString(1));
					return out;
				}
			}
			catch (java.sql.SQLException ex) {
				String state = ex.getSQLState() == null ? "" : ex.getSQLState();
				if (!(state.startsWith("08") || state.startsWith("57")) || Instant.now().isAfter(deadline)) throw ex;
				sleep(500);
			}
		}
	}

	/** The first Riverside record numbers of the demo patients, once the demo organisation exists. */
	public List<String> demoRecordNumbers(int count) throws Exception {
		List<String> mrns = List.of();
		for (Instant until = Instant.now().plusSeconds(90); mrns.size() < count && Instant.now().isBefore(until); sleep(500)) {
			mrns = query("select value from patient_identifier where assigner like 'Riverside%' order by value limit " + count);
		}
		return mrns;
	}

	public List<String> durabilitySettings() throws Exception {
		return query("select name || '=' || setting from pg_settings where name in ('fsync', 'synchronous_commit', "
				+ "'full_page_writes') order by name");
	}

	@Override
	public void close() throws Exception {
		if (app != null) app.destroyForcibly().waitFor();
		if (pg != null) pg.close();
	}

	public static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}
}
