package org.caremap.bench;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The SQL the application runs for a request, taken from PostgreSQL's own statement log (so nothing in the
 * application is changed to measure it): statement logging is switched on, the request made, logging switched off,
 * and the application role's statements of that moment are read back with their parameters written in as literals.
 * Transactions of background work (the scheduler, the audit sealer, session clean-up) are left out.
 */
final class SqlCapture {

	private static final Pattern LINE = Pattern.compile(
			"^\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d+ \\S+\\|(\\d+)\\|([^|]*)\\|([^|]*)\\|([A-Z]+):  (.*)$");
	private static final Pattern PARAMETER = Pattern.compile("\\$(\\d+) = (NULL|'(?:[^']++|'')*+')");
	private static final Pattern PLACEHOLDER = Pattern.compile("\\$(\\d+)(?!\\d)");
	private static final List<String> BACKGROUND = List.of("scheduled_tasks", "audit_pending", "audit_chain",
			"event_publication", "EXPIRY_TIME <", "pg_advisory");

	private SqlCapture() {
	}

	static List<String> capture(ScaleRig rig, String appUser, Runnable request) throws Exception {
		long offset = Files.exists(rig.pgLog()) ? Files.size(rig.pgLog()) : 0;
		rig.superuser("alter system set log_statement = 'all'");
		rig.superuser("select pg_reload_conf()");
		Thread.sleep(500);
		request.run();
		Thread.sleep(300);
		rig.superuser("alter system reset log_statement");
		rig.superuser("select pg_reload_conf()");
		Thread.sleep(300);
		String text;
		try (RandomAccessFile file = new RandomAccessFile(rig.pgLog().toFile(), "r")) {
			file.seek(offset);
			byte[] bytes = new byte[(int) (file.length() - offset)];
			file.readFully(bytes);
			text = new String(bytes, StandardCharsets.UTF_8);
		}
		return statements(text, appUser);
	}

	/** The application's statements in the log text, background transactions left out, parameters as literals. */
	static List<String> statements(String log, String appUser) {
		List<String[]> entries = new ArrayList<>(); // pid, user, level, text
		for (String line : log.split("\n", -1)) {
			Matcher m = LINE.matcher(line);
			if (m.matches()) entries.add(new String[] { m.group(1), m.group(3), m.group(4), m.group(5) });
			else if (!entries.isEmpty()) {
				String[] last = entries.get(entries.size() - 1);
				last[3] = last[3] + "\n" + line;
			}
		}
		Map<String, List<String>> open = new HashMap<>();
		List<List<String>> ordered = new ArrayList<>();
		for (int i = 0; i < entries.size(); i++) {
			String[] e = entries.get(i);
			if (!e[1].equals(appUser) || !e[2].equals("LOG")) continue;
			String sql = statementText(e[3]);
			if (sql == null || sql.isBlank()) continue;
			if (i + 1 < entries.size() && entries.get(i + 1)[0].equals(e[0]) && entries.get(i + 1)[2].equals("DETAIL")
					&& entries.get(i + 1)[3].startsWith("Parameters: ")) {
				sql = substitute(sql, entries.get(i + 1)[3].substring("Parameters: ".length()));
			}
			String upper = sql.strip().toUpperCase(Locale.ROOT);
			List<String> tx = open.get(e[0]);
			if (tx == null) {
				tx = new ArrayList<>();
				ordered.add(tx);
				if (upper.equals("BEGIN")) open.put(e[0], tx);
			}
			tx.add(sql);
			if (upper.equals("COMMIT") || upper.equals("ROLLBACK")) open.remove(e[0]);
		}
		List<String> out = new ArrayList<>();
		for (List<String> tx : ordered) {
			boolean background = tx.stream().anyMatch(s -> BACKGROUND.stream().anyMatch(s::contains));
			if (!background) out.addAll(tx);
		}
		return out;
	}

	private static String statementText(String message) {
		if (message.startsWith("statement: ")) return message.substring("statement: ".length());
		if (message.startsWith("execute ")) {
			int colon = message.indexOf(": ");
			return colon < 0 ? null : message.substring(colon + 2);
		}
		return null;
	}

	static String substitute(String sql, String parameters) {
		Map<String, String> values = new HashMap<>();
		Matcher p = PARAMETER.matcher(parameters);
		while (p.find()) values.put(p.group(1), p.group(2));
		Matcher m = PLACEHOLDER.matcher(sql);
		StringBuilder out = new StringBuilder();
		while (m.find()) {
			String value = values.get(m.group(1));
			m.appendReplacement(out, Matcher.quoteReplacement(value != null ? value : m.group()));
		}
		m.appendTail(out);
		return out.toString();
	}

	/**
	 * Runs the statements once and keeps those that run again without error (a replayed insert of a row that must be
	 * unique fails); the statements left are what the raw-SQL load repeats.
	 */
	static List<String> replayable(Connection c, List<String> statements) throws SQLException {
		List<String> kept = new ArrayList<>(statements);
		for (int round = 0; round < 10; round++) {
			String failing = null;
			try {
				run(c, kept);
			}
			catch (FailedStatement ex) {
				failing = ex.sql;
			}
			if (failing == null) return kept;
			if (!c.getAutoCommit()) c.setAutoCommit(true);
			try (Statement s = c.createStatement()) {
				s.execute("rollback");
			}
			kept.remove(failing);
		}
		return kept;
	}

	static final class FailedStatement extends SQLException {
		final String sql;

		FailedStatement(String sql, SQLException cause) {
			super(cause.getMessage(), cause);
			this.sql = sql;
		}
	}

	/** Executes every statement and reads every row, as the application does. */
	static void run(Connection c, List<String> statements) throws SQLException {
		try (Statement s = c.createStatement()) {
			for (String sql : statements) {
				try {
					if (s.execute(sql)) {
						try (ResultSet rs = s.getResultSet()) {
							int columns = rs.getMetaData().getColumnCount();
							while (rs.next()) {
								for (int i = 1; i <= columns; i++) rs.getString(i);
							}
						}
					}
				}
				catch (SQLException ex) {
					throw new FailedStatement(sql, ex);
				}
			}
		}
	}

	static void write(java.nio.file.Path file, List<String> statements) throws IOException {
		Files.writeString(file, String.join(";\n\n", statements) + ";\n");
	}
}
