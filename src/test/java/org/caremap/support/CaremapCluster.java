package org.caremap.support;

import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * Several Caremap nodes on one database: each node is the packaged jar as its own process, with its own home, HTTP
 * port, MLLP port and node name, on one separate PostgreSQL with durable settings (fsync, synchronous_commit and
 * full_page_writes on), prepared the way the README tells a DBA to.
 */
public final class CaremapCluster implements AutoCloseable {

	private final Path root;
	private final EmbeddedPostgres pg;
	private final Map<String, String> env = new HashMap<>();
	private final List<Node> nodes = new ArrayList<>();

	public CaremapCluster(Path root) throws Exception {
		this.root = root.toAbsolutePath();
		Folders.deleteTree(this.root);
		Files.createDirectories(this.root);
		int pgPort = PackagedApp.freePort();
		pg = EmbeddedPostgres.builder().setDataDirectory(this.root.resolve("postgres")).setCleanDataDirectory(false).setPort(pgPort)
			.setServerConfig("fsync", "on").setServerConfig("synchronous_commit", "on").setServerConfig("full_page_writes", "on")
			.start();
		ExternalDatabase.prepare(pg);
		env.putAll(ExternalDatabase.environment(pgPort));
	}

	/**
	 * Starts a node named {@code name} (its {@code CAREMAP_NODE_NAME}) in its own home under the cluster's folder; the
	 * demo organisation is created by the node started with {@code demo} on the empty database.
	 */
	public Node start(String name, boolean demo) throws IOException {
		Node node = new Node(name, root.resolve(name), PackagedApp.freePort(), PackagedApp.freePort());
		Files.createDirectories(node.home);
		ProcessBuilder pb = new ProcessBuilder(PackagedApp.java(), "-Xmx512m", "-jar", PackagedApp.jar().toString());
		pb.environment().putAll(env);
		pb.environment().put("CAREMAP_HOME", node.home.toString());
		pb.environment().put("CAREMAP_NODE_NAME", name);
		pb.environment().put("CAREMAP_DEMO_ENABLED", String.valueOf(demo));
		pb.environment().put("PORT", String.valueOf(node.port));
		pb.environment().put("CAREMAP_ADT_MLLP_PORT", String.valueOf(node.mllpPort));
		pb.redirectErrorStream(true);
		pb.redirectOutput(ProcessBuilder.Redirect.appendTo(node.log.toFile()));
		node.process = pb.start();
		nodes.add(node);
		return node;
	}

	/** Runs one of the application's commands (e.g. {@code audit-verify}) with a node's settings; exit code and output. */
	public Map.Entry<Integer, String> command(Node node, String... args) throws IOException, InterruptedException {
		List<String> line = new ArrayList<>(List.of(PackagedApp.java(), "-jar", PackagedApp.jar().toString()));
		line.addAll(List.of(args));
		ProcessBuilder pb = new ProcessBuilder(line);
		pb.environment().putAll(env);
		pb.environment().put("CAREMAP_HOME", node.home.toString());
		pb.environment().put("CAREMAP_NODE_NAME", node.name + "-command");
		pb.environment().put("PORT", "0");
		pb.redirectErrorStream(true);
		Process command = pb.start();
		String output = new String(command.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		return Map.entry(command.waitFor(), output);
	}

	/** A new connection to the application's database as the superuser, on the application's schema. */
	public Connection connect() throws SQLException {
		Connection c = pg.getDatabase("postgres", "caremap").getConnection();
		try (Statement s = c.createStatement()) {
			s.execute("set search_path = caremap");
		}
		return c;
	}

	/** First column of every row, as text. */
	public List<String> query(String sql) throws SQLException {
		try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
			List<String> out = new ArrayList<>();
			while (rs.next()) out.add(rs.getString(1));
			return out;
		}
	}

	public long count(String sql) throws SQLException {
		return Long.parseLong(query(sql).get(0));
	}

	public List<String> durabilitySettings() throws SQLException {
		return query("select name || '=' || setting from pg_settings where name in ('fsync', 'synchronous_commit', "
				+ "'full_page_writes') order by name");
	}

	@Override
	public void close() throws Exception {
		for (Node node : nodes) {
			if (node.process != null) node.process.destroyForcibly().waitFor();
		}
		pg.close();
	}

	/** One application process of the cluster. */
	public static final class Node {
		private final String name;
		private final Path home;
		private final Path log;
		private final int port;
		private final int mllpPort;
		private volatile Process process;

		private Node(String name, Path home, int port, int mllpPort) {
			this.name = name;
			this.home = home;
			this.log = home.resolveSibling(name + ".log");
			this.port = port;
			this.mllpPort = mllpPort;
		}

		public String name() {
			return name;
		}

		public Path home() {
			return home;
		}

		public int port() {
			return port;
		}

		public URI uri(String path) {
			return URI.create("http://localhost:" + port + path);
		}

		/** Waits until the node says it is ready (its demo organisation, when it creates one, is then complete). */
		public void awaitReady() throws IOException {
			// generous: a node starting on a busy two-core machine has taken over three minutes
			Instant deadline = Instant.now().plusSeconds(420);
			while (Instant.now().isBefore(deadline)) {
				if (Files.exists(log) && Files.readString(log).contains("Caremap ready in")) return;
				if (!process.isAlive()) throw new IllegalStateException(name + " exited with " + process.exitValue() + "; see " + log);
				CaremapProcess.sleep(250);
			}
			throw new IllegalStateException(name + " did not report ready; see " + log);
		}

		/** SIGKILL: no shutdown hook runs, nothing is flushed, connections drop mid-request. */
		public void kill() throws InterruptedException {
			process.destroyForcibly().waitFor();
		}

		public boolean alive() {
			return process.isAlive();
		}

		/** The demo logins this node wrote when it created the demo organisation. */
		public Properties demoLogins() throws IOException {
			Properties logins = new Properties();
			try (Reader in = Files.newBufferedReader(home.resolve("demo-logins.properties"))) {
				logins.load(in);
			}
			return logins;
		}

		/** The node's anchors of the audit chain's head ({@code <home>/audit/anchors.log}), one line each. */
		public List<String> auditAnchors() throws IOException {
			Path anchors = home.resolve("audit").resolve("anchors.log");
			return Files.exists(anchors) ? Files.readAllLines(anchors) : List.of();
		}
	}
}
