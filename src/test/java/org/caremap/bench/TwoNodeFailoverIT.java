package org.caremap.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
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
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.caremap.support.CaremapCluster;
import org.caremap.support.CaremapCluster.Node;
import org.caremap.support.CaremapProcess;
import org.caremap.support.Eventually;
import org.caremap.support.PackagedApp;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * Two nodes, one killed mid-run. The packaged application runs as two processes on one PostgreSQL with durable
 * settings: node A creates the demo organisation, then node B joins. Eight users sign in through the login form,
 * four through each node, each with its own cookies, and work as in a browser: My day, their caseload, team or
 * referral queue, a chart, and writes through the forms the pages post (contacts logged, some completing a task
 * from My day, and note drafts), each write carrying a marker. Mid-run node A gets SIGKILL; its users send their
 * next requests to node B with the same session cookie.
 * <p>
 * Afterwards: the only failed requests are the ones in flight on, or refused by, the dead node (one per user of
 * node A, none after a user moved); every acknowledged write is in the database exactly once, under its user; every
 * user of node A continued on node B without signing in again (the same session row, now touched by node B); the
 * audit sealer, a scheduled job every 2 s, kept firing on node B after the kill, and over the whole run no two
 * firings shared a slot; every audit event of both nodes is sealed once into a chain that {@code audit-verify}
 * finds intact. When node A was running the sealer at the kill, node B takes the job over once node A has missed
 * four heartbeats of 5 s; the report says how long after the kill the sealer fired again.
 * <p>
 * The phases end on events, not on the clock, so that a slow machine makes the run longer instead of failing it:
 * node A is killed once every user has worked a few rounds and writes were acknowledged through both nodes; the
 * load stops once every user has worked on node B after the kill, users of node A have written there, and a
 * contact completed a task; the checks wait for the sealer to have fired after the kill and caught up. Each phase
 * has a generous deadline, past which the run fails naming what never happened. Counts go to
 * {@code target/benchmarks/two-node.md} and {@code .json}; {@code tools/two-node.sh} runs this test alone, with
 * each phase lasting at least 20 s ({@code -Dcaremap.twonode.before-seconds}, {@code -Dcaremap.twonode.after-seconds};
 * no minimum by default).
 */
class TwoNodeFailoverIT {

	/** The least time the load runs before the kill (for a benchmark of a given length; none by default). */
	static final Duration BEFORE_KILL = Duration.ofSeconds(Integer.getInteger("caremap.twonode.before-seconds", 0));
	/** The least time the load runs after the kill. */
	static final Duration AFTER_KILL = Duration.ofSeconds(Integer.getInteger("caremap.twonode.after-seconds", 0));
	/** How long a phase may wait for what ends it, however slow the machine: a correct run never gets near it. */
	static final Duration PHASE_DEADLINE = Duration.ofMinutes(5);
	/** Rounds every user works before the kill. */
	static final int ROUNDS_BEFORE_KILL = 5;
	/** Answered requests every user gets from node B after the kill. */
	static final int REQUESTS_ON_B_AFTER_KILL = 25;
	/** Writes acknowledged over the whole run. */
	static final int WRITES = 40;
	/** Firings of the sealer after the kill, and consecutive job firings checked over the run. */
	static final int SEALS_AFTER_KILL = 3;
	static final int SLOTS_CHECKED = 10;
	static final Duration THINK = Duration.ofMillis(100);
	/** The audit sealer's interval ({@code caremap.audit.seal-interval}), as configured by default. */
	static final Duration SEAL_INTERVAL = Duration.ofSeconds(2);

	enum Work {
		CASE_MANAGER, SUPERVISOR, INTAKE
	}

	record Seat(String account, Work work, boolean nodeA, int slice) {
	}

	static final List<Seat> ROSTER = List.of(new Seat("casemanager", Work.CASE_MANAGER, true, 0),
			new Seat("casemanager", Work.CASE_MANAGER, false, 1), new Seat("casemanager2", Work.CASE_MANAGER, true, 0),
			new Seat("casemanager2", Work.CASE_MANAGER, false, 1), new Seat("supervisor", Work.SUPERVISOR, true, 0),
			new Seat("supervisor", Work.SUPERVISOR, false, 1), new Seat("intake", Work.INTAKE, true, 0),
			new Seat("intake", Work.INTAKE, false, 1));

	enum Kind {
		/** The expected answer. */
		OK,
		/** No answer: in flight on the node when it was killed, or refused by it afterwards. */
		DEAD_NODE,
		/** Anything else: an error page, a 5xx, an unexpected redirect, the sign-in page, a lost connection to a live node. */
		FAILED
	}

	record Outcome(int user, String node, Instant started, long millis, String request, int status, Kind kind,
			@Nullable String detail) {
	}

	enum WriteState {
		ACKNOWLEDGED, IN_DOUBT, REFUSED
	}

	record Write(String marker, String table, int user, String account, String node, @Nullable String completes,
			WriteState state) {
	}

	record Completion(Instant lastSuccess, Instant nextSlot, long version) {
	}

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" (?:value|content)=\"([^\"]+)\"");
	private static final Pattern PATIENT = Pattern.compile("href=\"/patients/([0-9a-f-]{36})\"");
	private static final Pattern TASK_CONTACT = Pattern.compile("href=\"/patients/([0-9a-f-]{36})/contacts/new\\?task=([0-9a-f-]{36})(?:&amp;[^\"]*)?\"");
	private static final Pattern MANAGER = Pattern.compile("href=\"/caseload/team\\?manager=([0-9a-f-]{36})");
	private static final Pattern REFERRAL = Pattern.compile("href=\"/referrals/([0-9a-f-]{36})\"");
	private static final Pattern OCCURRED_AT = Pattern.compile("name=\"occurredAt\" value=\"([^\"]*)\"");
	private static final Pattern CASE_ID = Pattern.compile("name=\"caseId\" value=\"([^\"]*)\"");

	private final String run = Long.toString(System.currentTimeMillis(), 36);
	private final Queue<Outcome> outcomes = new ConcurrentLinkedQueue<>();
	private final Queue<Write> writes = new ConcurrentLinkedQueue<>();
	private final Map<String, List<Completion>> completions = new ConcurrentHashMap<>();
	private final Queue<String> monitorErrors = new ConcurrentLinkedQueue<>();
	private volatile @Nullable Instant killAt;
	private volatile boolean stop;
	private volatile boolean monitoring = true;
	private boolean sealerCaughtUp;
	/** What a phase waited for in vain (the run still reports what it saw, then fails on these). */
	private final List<String> phasesUnfinished = new ArrayList<>();
	private Node a;
	private Node b;

	@Test
	void usersOfAKilledNodeContinueOnTheOtherWithNothingLostAndJobsFiringOnce() throws Exception {
		Instant began = Instant.now();
		try (CaremapCluster cluster = new CaremapCluster(Path.of("target", "it-two-node-failover"))) {
			a = cluster.start("node-a", true);
			a.awaitReady();
			b = cluster.start("node-b", false);
			b.awaitReady();
			Properties logins = a.demoLogins();

			Thread monitor = new Thread(() -> watchJobs(cluster), "job-monitor");
			monitor.setDaemon(true);
			monitor.start();
			List<User> users = new ArrayList<>();
			CountDownLatch ready = new CountDownLatch(ROSTER.size());
			CountDownLatch go = new CountDownLatch(1);
			for (int i = 0; i < ROSTER.size(); i++) {
				Seat seat = ROSTER.get(i);
				User user = new User(i, seat, logins.getProperty(seat.account()), seat.nodeA() ? a : b, ready, go);
				users.add(user);
				user.thread.start();
			}
			assertThat(ready.await(PHASE_DEADLINE.toSeconds(), TimeUnit.SECONDS)).as("every user signed in and found their work").isTrue();
			Instant loadStart = Instant.now();
			go.countDown();
			await("the load before the kill", () -> missingBeforeKill(users, loadStart.plus(BEFORE_KILL)));
			killAt = Instant.now();
			a.kill();
			Instant kill = killAt;
			await("the load after the kill", () -> missingAfterKill(users, kill.plus(AFTER_KILL)));
			stop = true;
			for (User user : users) user.thread.join(60_000);
			Instant loadEnd = Instant.now();

			// the sealer catches up on node B (or, when node A held the job at the kill, once db-scheduler takes it over)
			sealerCaughtUp = await("the sealer to catch up after the kill", () -> {
				List<String> missing = new ArrayList<>();
				long seals = firingsAfter("audit-seal", kill);
				if (seals < SEALS_AFTER_KILL) missing.add("audit-seal fired " + seals + " times after the kill");
				long pending = cluster.count("select count(*) from audit_pending");
				if (pending > 0) missing.add(pending + " audit events not sealed yet");
				long slots = slotsSeen();
				if (slots < SLOTS_CHECKED) missing.add(slots + " consecutive job firings seen");
				return missing;
			});
			monitoring = false;
			monitor.join(10_000);

			Result result = new Result(cluster, users, loadStart, loadEnd);
			Map.Entry<Integer, String> verify = cluster.command(b, "audit-verify");
			Duration took = Duration.between(began, Instant.now());
			report(result, verify, took);
			result.check(verify);
		}
		finally {
			stop = true;
			monitoring = false;
		}
	}

	/**
	 * Waits until nothing is missing (what the probe lists); false, with the phase recorded as unfinished, when
	 * something still is at the deadline. A user thread that crashed ends the wait at once.
	 */
	private boolean await(String phase, Eventually.Probe<List<String>> missing) {
		try {
			Eventually.value(PHASE_DEADLINE, phase, missing, List::isEmpty);
			return true;
		}
		catch (AssertionError | IllegalStateException unfinished) {
			phasesUnfinished.add(unfinished.getMessage());
			return false;
		}
	}

	private static void noCrash(List<User> users) {
		List<String> crashed = users.stream().filter(u -> u.error != null || !u.thread.isAlive())
			.map(u -> u.name() + ": " + (u.error == null ? "stopped" : u.error)).toList();
		if (!crashed.isEmpty()) throw new IllegalStateException("users that crashed or stopped: " + crashed);
	}

	/** What the load has not done yet before node A may be killed. */
	private List<String> missingBeforeKill(List<User> users, Instant notBefore) {
		noCrash(users);
		List<String> missing = new ArrayList<>();
		if (Instant.now().isBefore(notBefore)) missing.add("the load's least time before the kill");
		for (User user : users) {
			if (user.iteration < ROUNDS_BEFORE_KILL) missing.add(user.name() + " worked " + user.iteration + " rounds");
		}
		for (Node node : List.of(a, b)) {
			if (writes.stream().noneMatch(w -> w.state() == WriteState.ACKNOWLEDGED && w.node().equals(node.name()))) {
				missing.add("no write acknowledged through " + node.name());
			}
		}
		return missing;
	}

	/** What the load has not done yet after the kill before it may stop. */
	private List<String> missingAfterKill(List<User> users, Instant notBefore) {
		noCrash(users);
		List<String> missing = new ArrayList<>();
		Instant kill = killAt;
		if (Instant.now().isBefore(notBefore)) missing.add("the load's least time after the kill");
		for (User user : users) {
			long onB = outcomes.stream().filter(o -> o.user() == user.index && o.node().equals(b.name()) && o.started().isAfter(kill)
					&& o.kind() == Kind.OK).count();
			if (onB < REQUESTS_ON_B_AFTER_KILL) missing.add(user.name() + " got " + onB + " answers from node B after the kill");
			if (user.seat.nodeA() && user.movedAt == null) missing.add(user.name() + " has not moved to node B");
		}
		List<Write> acknowledged = writes.stream().filter(w -> w.state() == WriteState.ACKNOWLEDGED).toList();
		if (acknowledged.size() < WRITES) missing.add(acknowledged.size() + " writes acknowledged");
		// a user of node A writes through node B only after the kill moved them
		if (acknowledged.stream().noneMatch(w -> w.node().equals(b.name()) && ROSTER.get(w.user()).nodeA())) {
			missing.add("no write acknowledged on node B for a user of node A");
		}
		if (acknowledged.stream().noneMatch(w -> w.completes() != null)) missing.add("no contact from My day completed a task");
		return missing;
	}

	/** Polls the job table: each change of a job's last success is one firing, with the slot it scheduled next. */
	private void watchJobs(CaremapCluster cluster) {
		while (monitoring) {
			try (Connection c = cluster.connect(); Statement s = c.createStatement()) {
				while (monitoring) {
					try (ResultSet rs = s.executeQuery(
							"select task_name, last_success, execution_time, version, picked from scheduled_tasks where last_success is not null")) {
						while (rs.next()) {
							List<Completion> list = completions.computeIfAbsent(rs.getString(1), k -> new ArrayList<>());
							Instant last = rs.getTimestamp(2).toInstant();
							synchronized (list) {
								if (list.isEmpty() || !list.get(list.size() - 1).lastSuccess().equals(last)) {
									// a pick of the next slot adds one to the version and leaves the slot as it was
									list.add(new Completion(last, rs.getTimestamp(3).toInstant(), rs.getLong(4) - (rs.getBoolean(5) ? 1 : 0)));
								}
							}
						}
					}
					CaremapProcess.sleep(150);
				}
			}
			catch (SQLException ex) {
				monitorErrors.add(ex.toString());
				CaremapProcess.sleep(500);
			}
		}
	}

	private List<Completion> completionsOf(String task) {
		List<Completion> list = completions.getOrDefault(task, List.of());
		synchronized (list) {
			return List.copyOf(list);
		}
	}

	/** Consecutive firings of the jobs seen so far (pairs of one firing and the next of the same job). */
	private long slotsSeen() {
		return completions.keySet().stream().mapToLong(task -> Math.max(0, completionsOf(task).size() - 1)).sum();
	}

	private long firingsAfter(String task, Instant from) {
		return completionsOf(task).stream().filter(c -> c.lastSuccess().isAfter(from)).count();
	}

	/** One person at a browser: signs in through the form, keeps their cookies, follows the pages' links and forms. */
	final class User implements Runnable {
		final int index;
		final Seat seat;
		final String password;
		final Node home;
		final CountDownLatch ready;
		final CountDownLatch go;
		final Thread thread;
		final CookieManager cookies = new CookieManager();
		final HttpClient http;
		volatile Node node;
		volatile @Nullable Instant movedAt;
		volatile @Nullable String sessionAtMove;
		volatile @Nullable String error;
		final List<String> patients = new ArrayList<>();
		final List<String> referrals = new ArrayList<>();
		String teamPage = "/caseload/team";
		volatile int iteration;
		int written;
		Kind last = Kind.OK;

		User(int index, Seat seat, String password, Node home, CountDownLatch ready, CountDownLatch go) {
			this.index = index;
			this.seat = seat;
			this.password = password;
			this.home = home;
			this.node = home;
			this.ready = ready;
			this.go = go;
			this.http = HttpClient.newBuilder()
				.version(HttpClient.Version.HTTP_1_1)
				.cookieHandler(cookies)
				.followRedirects(HttpClient.Redirect.NEVER)
				.connectTimeout(Duration.ofSeconds(5))
				.build();
			this.thread = new Thread(this, "user-" + index + "-" + seat.account());
			this.thread.setDaemon(true);
		}

		String name() {
			return seat.account() + "@" + home.name();
		}

		@Override
		public void run() {
			try {
				try {
					if (!signIn() || !findWork()) return;
				}
				finally {
					ready.countDown();
				}
				go.await();
				while (!stop) {
					switch (seat.work()) {
						case CASE_MANAGER -> caseManagerRound();
						case SUPERVISOR -> supervisorRound();
						case INTAKE -> intakeRound();
					}
					iteration++;
					Thread.sleep(THINK.toMillis());
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			catch (RuntimeException ex) {
				error = ex.toString();
			}
		}

		private boolean signIn() throws InterruptedException {
			HttpResponse<String> login = send("GET", "/login", null, r -> r.statusCode() == 200 && CSRF.matcher(r.body()).find(),
					"the sign-in form");
			if (login == null) return false;
			Map<String, String> form = new LinkedHashMap<>();
			form.put("username", seat.account());
			form.put("password", password);
			form.put("_csrf", csrf(login));
			return send("POST", "/login", form(form), r -> r.statusCode() == 302 && !location(r).startsWith("/login"),
					"signed in") != null;
		}

		private boolean findWork() throws InterruptedException {
			switch (seat.work()) {
				case CASE_MANAGER -> {
					HttpResponse<String> caseload = page("/caseload");
					if (caseload == null) return false;
					patients.addAll(slice(all(PATIENT, caseload.body())));
				}
				case SUPERVISOR -> {
					HttpResponse<String> team = page("/caseload/team");
					if (team == null) return false;
					List<String> managers = all(MANAGER, team.body());
					if (managers.size() > seat.slice()) teamPage = "/caseload/team?manager=" + managers.get(seat.slice());
					HttpResponse<String> caseload = page(teamPage);
					if (caseload == null) return false;
					List<String> found = all(PATIENT, caseload.body());
					patients.addAll(managers.size() > seat.slice() ? found : slice(found));
				}
				case INTAKE -> {
					HttpResponse<String> queue = page("/referrals");
					if (queue == null) return false;
					referrals.addAll(slice(all(REFERRAL, queue.body())));
				}
			}
			if (patients.isEmpty() && referrals.isEmpty()) {
				error = "found no patients or referrals to work on";
				return false;
			}
			return true;
		}

		private List<String> slice(List<String> all) {
			List<String> mine = new ArrayList<>();
			for (int i = seat.slice(); i < all.size(); i += 2) mine.add(all.get(i));
			return mine;
		}

		private void caseManagerRound() throws InterruptedException {
			HttpResponse<String> myday = page("/myday");
			if (myday == null) return;
			if (page("/caseload") == null) return;
			String patient = patients.get(iteration % patients.size());
			if (page("/patients/" + patient) == null) return;
			if (iteration % 2 == 1) {
				saveNote(patient);
				return;
			}
			if (iteration % 4 == 0) {
				Matcher task = TASK_CONTACT.matcher(myday.body());
				while (task.find()) {
					if (patients.contains(task.group(1))) {
						logContact(task.group(1), task.group(2), "REACHED");
						return;
					}
				}
			}
			logContact(patient, null, "REACHED");
		}

		private void supervisorRound() throws InterruptedException {
			if (page("/myday") == null || page(teamPage) == null) return;
			String patient = patients.get(iteration % patients.size());
			if (page("/patients/" + patient) == null) return;
			if (iteration % 2 == 0) logContact(patient, null, "LEFT_MESSAGE");
			else saveNote(patient);
		}

		private void intakeRound() throws InterruptedException {
			if (page("/myday") == null || page("/referrals") == null) return;
			page("/referrals/" + referrals.get(iteration % referrals.size()));
		}

		/** The contact form as the browser posts it (from My day's row when a task is named: it completes the task). */
		private void logContact(String patient, @Nullable String task, String outcome) throws InterruptedException {
			HttpResponse<String> form = page("/patients/" + patient + "/contacts/new" + (task == null ? "" : "?task=" + task));
			if (form == null) return;
			String marker = marker();
			Map<String, String> fields = new LinkedHashMap<>();
			fields.put("_csrf", csrf(form));
			fields.put("caseId", first(CASE_ID, form.body()));
			fields.put("type", "PHONE");
			fields.put("direction", "OUTBOUND");
			fields.put("with", "PATIENT");
			fields.put("withName", "");
			fields.put("outcome", outcome);
			fields.put("occurredAt", first(OCCURRED_AT, form.body()));
			fields.put("minutes", "12");
			fields.put("staffKind", "CLINICAL_STAFF");
			fields.put("summary", marker);
			if (task != null) fields.put("completes", task);
			fields.put("_completes", "on");
			// My day's link asks to come back to My day
			fields.put("returnTo", "/myday");
			Node target = node;
			HttpResponse<String> posted = send("POST", "/patients/" + patient + "/contacts", form(fields),
					r -> r.statusCode() == 302 && location(r).equals("/myday"), "back to My day");
			writes.add(new Write(marker, "contact", index, seat.account(), target.name(), task, posted != null
					? WriteState.ACKNOWLEDGED : last == Kind.DEAD_NODE ? WriteState.IN_DOUBT : WriteState.REFUSED));
			if (posted != null) send("GET", "/myday", null, r -> r.statusCode() == 200 && r.body().contains("alert-success"),
					"My day saying the contact was logged");
		}

		/** A note draft (SOAP) from the chart's notes tab; the page it leads to says whether it was saved. */
		private void saveNote(String patient) throws InterruptedException {
			String path = "/patients/" + patient + "/notes";
			HttpResponse<String> notes = page(path);
			if (notes == null) return;
			String marker = marker();
			Map<String, String> fields = new LinkedHashMap<>();
			fields.put("_csrf", csrf(notes));
			fields.put("format", "SOAP");
			fields.put("section", marker);
			fields.put("educationTopic", "Medication schedule");
			fields.put("teachBack", "CONFIRMED");
			fields.put("emotionalSupport", "");
			fields.put("action", "draft");
			String body = form(fields) + "&section=" + enc("Vitals stable, no new symptoms") + "&section=" + enc("Improving")
					+ "&section=" + enc("Call again in two weeks");
			Node target = node;
			HttpResponse<String> posted = send("POST", path, body, r -> r.statusCode() == 302 && location(r).equals(path),
					"back to the notes");
			WriteState state;
			if (posted == null) state = last == Kind.DEAD_NODE ? WriteState.IN_DOUBT : WriteState.REFUSED;
			else {
				HttpResponse<String> shown = send("GET", path, null,
						r -> r.statusCode() == 200 && r.body().contains("alert-success") && r.body().contains(marker),
						"the notes saying the draft was saved, with it");
				state = shown != null ? WriteState.ACKNOWLEDGED : last == Kind.DEAD_NODE ? WriteState.IN_DOUBT : WriteState.REFUSED;
			}
			writes.add(new Write(marker, "progress_note", index, seat.account(), target.name(), null, state));
		}

		private String marker() {
			return "tn-" + run + "-u" + index + "-" + (++written);
		}

		private @Nullable HttpResponse<String> page(String path) throws InterruptedException {
			return send("GET", path, null, r -> r.statusCode() == 200, "the page");
		}

		/** One request to the user's current node; the answer when it is the expected one, else null (recorded). */
		private @Nullable HttpResponse<String> send(String method, String path, @Nullable String form,
				Predicate<HttpResponse<String>> expected, String expectation) throws InterruptedException {
			Node target = node;
			HttpRequest.Builder request = HttpRequest.newBuilder(target.uri(path)).timeout(Duration.ofSeconds(30))
				.header("Accept", "text/html");
			if (form == null) request.GET();
			else request.header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form));
			Instant started = Instant.now();
			long t0 = System.nanoTime();
			try {
				HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
				long millis = (System.nanoTime() - t0) / 1_000_000;
				String problem = null;
				if (response.statusCode() / 100 == 3 && location(response).startsWith("/login") && !path.equals("/login")) {
					problem = "sent to the sign-in page (" + location(response) + ")";
				}
				else if (!path.startsWith("/login") && response.body().contains("id=\"sign-in\"")) problem = "the sign-in page";
				else if (!expected.test(response)) {
					problem = "expected " + expectation + ", got " + response.statusCode()
							+ (location(response).isEmpty() ? "" : " to " + location(response));
				}
				record(target, started, millis, method + " " + path, response.statusCode(), problem == null ? Kind.OK : Kind.FAILED, problem);
				return problem == null ? response : null;
			}
			catch (IOException ex) {
				long millis = (System.nanoTime() - t0) / 1_000_000;
				boolean dead = target == a && killAt != null;
				record(target, started, millis, method + " " + path, 0, dead ? Kind.DEAD_NODE : Kind.FAILED, ex.toString());
				if (dead && node == a) {
					sessionAtMove = session();
					movedAt = Instant.now();
					node = b;
				}
				return null;
			}
		}

		private void record(Node target, Instant started, long millis, String request, int status, Kind kind,
				@Nullable String detail) {
			last = kind;
			outcomes.add(new Outcome(index, target.name(), started, millis, request, status, kind, detail));
		}

		@Nullable String session() {
			return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals("CAREMAP_SESSION"))
				.map(HttpCookie::getValue).findFirst().orElse(null);
		}
	}

	/** What the run left: requests, writes in the database, sessions, jobs and the audit trail. */
	final class Result {
		final List<User> users;
		final List<Outcome> all = List.copyOf(outcomes);
		final List<Write> written = List.copyOf(writes);
		final Instant loadStart;
		final Instant loadEnd;
		final Instant kill = killAt;
		final Map<String, long[]> stored = new TreeMap<>();
		final Map<String, String> storedBy = new TreeMap<>();
		final Map<String, String> completedTasks = new TreeMap<>();
		final List<String> continued = new ArrayList<>();
		final List<String> notContinued = new ArrayList<>();
		final long sealingsAfterKill;
		final long sealedAfterKill;
		final Map<String, Long> auditByNode = new TreeMap<>();
		final long events;
		final long links;
		final long distinctLinkedEvents;
		final long maxSeq;
		final long pending;
		final List<String> settings;
		final List<String> anchorsA;
		final List<String> anchorsB;

		Result(CaremapCluster cluster, List<User> users, Instant loadStart, Instant loadEnd) throws Exception {
			this.users = users;
			this.loadStart = loadStart;
			this.loadEnd = loadEnd;
			for (String table : List.of("contact", "progress_note")) {
				String column = table.equals("contact") ? "summary" : "section_1";
				for (String row : cluster.query("select " + column + " || '|' || count(*) || '|' || string_agg(distinct created_by, ',') from "
						+ table + " where " + column + " like 'tn-" + run + "-%' group by " + column)) {
					String[] parts = row.split("\\|");
					stored.computeIfAbsent(parts[0], k -> new long[1])[0] += Long.parseLong(parts[1]);
					storedBy.put(parts[0], parts[2]);
				}
			}
			for (String row : cluster.query("select c.summary || '|' || t.id || ':' || t.status from contact c join contact_task ct on "
					+ "ct.contact_id = c.id join task t on t.id = ct.task_id where c.summary like 'tn-" + run + "-%'")) {
				String[] parts = row.split("\\|");
				completedTasks.merge(parts[0], parts[1], (x, y) -> x + "," + y);
			}
			for (User user : users) {
				if (!user.seat.nodeA()) continue;
				boolean onB = all.stream().anyMatch(o -> o.user() == user.index && o.node().equals(b.name()) && o.kind() == Kind.OK);
				boolean sameCookie = user.sessionAtMove != null && user.sessionAtMove.equals(user.session());
				// Node B never held the session in memory: answering signed-in pages with the same cookie means it read the row
				// from the shared database; the row is written at most once a minute while in use (SessionWrites), so it must
				// still be there and alive rather than freshly touched.
				long alive = user.sessionAtMove == null ? 0 : cluster.count("select count(*) from spring_session where session_id = '"
						+ new String(Base64.getDecoder().decode(user.sessionAtMove), StandardCharsets.UTF_8) + "' and principal_name = '"
						+ user.seat.account() + "' and expiry_time > " + Instant.now().toEpochMilli());
				(user.movedAt != null && onB && sameCookie && alive == 1 ? continued : notContinued).add(user.name()
						+ (user.movedAt == null ? " never moved" : "") + (onB ? "" : " no answer from node B")
						+ (sameCookie ? "" : " session cookie changed") + (alive == 1 ? "" : " session row gone or expired on the shared database"));
			}
			sealingsAfterKill = cluster.count("select count(distinct sealed_at) from audit_chain where sealed_at > timestamptz '" + kill + "'");
			sealedAfterKill = cluster.count("select count(*) from audit_chain where sealed_at > timestamptz '" + kill + "'");
			for (String row : cluster.query("select coalesce(node, '?') || '|' || (occurred_at > timestamptz '" + kill + "') || '|' || count(*) "
					+ "from audit_event where occurred_at >= timestamptz '" + loadStart + "' group by node, occurred_at > timestamptz '" + kill + "'")) {
				String[] parts = row.split("\\|");
				auditByNode.put(parts[0] + (parts[1].equals("true") ? " after" : " before"), Long.parseLong(parts[2]));
			}
			String[] chain = cluster.query("select (select count(*) from audit_event) || '|' || (select count(*) from audit_chain) || '|' "
					+ "|| (select count(distinct event_id) from audit_chain) || '|' || (select coalesce(max(seq), 0) from audit_chain) "
					+ "|| '|' || (select count(*) from audit_pending)").get(0).split("\\|");
			events = Long.parseLong(chain[0]);
			links = Long.parseLong(chain[1]);
			distinctLinkedEvents = Long.parseLong(chain[2]);
			maxSeq = Long.parseLong(chain[3]);
			pending = Long.parseLong(chain[4]);
			settings = cluster.durabilitySettings();
			anchorsA = a.auditAnchors();
			anchorsB = b.auditAnchors();
		}

		long count(Predicate<Outcome> which) {
			return all.stream().filter(which).count();
		}

		long requests(String node, boolean afterKill) {
			return count(o -> o.node().equals(node) && o.started().isAfter(kill) == afterKill);
		}

		long requestsFromAUsersOnB() {
			return count(o -> o.node().equals(b.name()) && ROSTER.get(o.user()).nodeA());
		}

		List<Outcome> failures() {
			return all.stream().filter(o -> o.kind() == Kind.FAILED).toList();
		}

		List<Outcome> deadNode() {
			return all.stream().filter(o -> o.kind() == Kind.DEAD_NODE).toList();
		}

		List<Write> writes(WriteState state) {
			return written.stream().filter(w -> w.state() == state).toList();
		}

		long found(Collection<Write> ws, long times) {
			return ws.stream().filter(w -> stored.getOrDefault(w.marker(), new long[1])[0] == times).count();
		}

		List<Write> taskContacts() {
			return writes(WriteState.ACKNOWLEDGED).stream().filter(w -> w.completes() != null).toList();
		}

		long acknowledgedAfterKillOnB() {
			return writes(WriteState.ACKNOWLEDGED).stream()
				.filter(w -> w.node().equals(b.name()) && ROSTER.get(w.user()).nodeA())
				.count();
		}

		/**
		 * Each pair of firings of a job seen one after the other in its table: the later one completed no earlier than
		 * the slot the former scheduled; and when they are so close that no firing fits between them (less than two
		 * delays apart), the row's version moved by exactly two: one pick and one completion, so one node ran the slot.
		 */
		List<String> slotViolations() {
			List<String> violations = new ArrayList<>();
			for (String task : completions.keySet()) {
				List<Completion> list = completionsOf(task);
				for (int i = 1; i < list.size(); i++) {
					Completion before = list.get(i - 1);
					Completion after = list.get(i);
					if (after.lastSuccess().isBefore(before.nextSlot())) {
						violations.add(task + " fired at " + after.lastSuccess() + ", before its slot " + before.nextSlot());
					}
					Duration delay = Duration.between(before.lastSuccess(), before.nextSlot());
					if (Duration.between(before.lastSuccess(), after.lastSuccess()).compareTo(delay.multipliedBy(2)) < 0
							&& after.version() - before.version() != 2) {
						violations.add(task + " slot " + before.nextSlot() + ": version " + before.version() + " to " + after.version());
					}
				}
			}
			return violations;
		}

		@Nullable Duration firstSealAfterKill() {
			return completionsOf("audit-seal").stream().map(Completion::lastSuccess).filter(t -> t.isAfter(kill)).findFirst()
				.map(t -> Duration.between(kill, t)).orElse(null);
		}

		long slotsChecked() {
			return slotsSeen();
		}

		Map<String, Long> jobFiringsAfterKill() {
			Map<String, Long> fired = new TreeMap<>();
			for (String task : completions.keySet()) fired.put(task, firingsAfter(task, kill));
			return fired;
		}

		String percentiles(String node) {
			List<Long> millis = all.stream().filter(o -> o.node().equals(node) && o.kind() == Kind.OK).map(Outcome::millis).sorted()
				.toList();
			if (millis.isEmpty()) return "-";
			return millis.get(millis.size() / 2) + " / " + millis.get(Math.min(millis.size() - 1, millis.size() * 95 / 100)) + " ms";
		}

		void check(Map.Entry<Integer, String> verify) {
			List<User> fromA = users.stream().filter(u -> u.seat.nodeA()).toList();
			assertThat(phasesUnfinished).as("phases that did not finish by their deadline of " + PHASE_DEADLINE).isEmpty();
			assertThat(users.stream().filter(u -> u.error != null).map(u -> u.name() + ": " + u.error)).as("users that crashed").isEmpty();
			assertThat(failures()).as("requests that failed other than on the dead node").isEmpty();
			assertThat(deadNode()).as("requests lost with node A: one per user of node A, the one that moved them")
				.hasSize(fromA.size())
				.allSatisfy(o -> {
					assertThat(o.node()).isEqualTo(a.name());
					assertThat(ROSTER.get(o.user()).nodeA()).isTrue();
				});
			assertThat(deadNode().stream().map(Outcome::user).distinct()).as("each user of node A lost one request, then moved")
				.hasSize(fromA.size());
			assertThat(continued).as("users of node A that continued on node B in the same session: " + notContinued)
				.hasSize(fromA.size());
			for (User user : users) {
				assertThat(count(o -> o.user() == user.index && o.node().equals(b.name()) && o.started().isAfter(kill) && o.kind() == Kind.OK))
					.as(user.name() + " worked on node B after the kill").isGreaterThanOrEqualTo(REQUESTS_ON_B_AFTER_KILL);
			}

			List<Write> acknowledged = writes(WriteState.ACKNOWLEDGED);
			assertThat(acknowledged).as("writes acknowledged").hasSizeGreaterThanOrEqualTo(WRITES);
			assertThat(acknowledged).as("acknowledged writes through node A before the kill").anyMatch(w -> w.node().equals(a.name()));
			assertThat(acknowledgedAfterKillOnB()).as("writes acknowledged on node B for users of node A").isGreaterThan(0);
			assertThat(acknowledged).as("every acknowledged write is in the database exactly once, as its user")
				.allSatisfy(w -> {
					assertThat(stored.getOrDefault(w.marker(), new long[1])[0]).as(w.marker()).isEqualTo(1);
					assertThat(storedBy.get(w.marker())).as(w.marker() + " written by").isEqualTo(w.account());
				});
			assertThat(taskContacts()).as("contacts logged from My day completing a task").isNotEmpty()
				.allSatisfy(w -> assertThat(completedTasks.get(w.marker())).as(w.marker() + " completed")
					.isEqualTo(w.completes() + ":COMPLETED"));
			assertThat(writes(WriteState.IN_DOUBT)).as("writes in flight on the dead node are stored at most once")
				.allSatisfy(w -> assertThat(stored.getOrDefault(w.marker(), new long[1])[0]).as(w.marker()).isLessThanOrEqualTo(1));
			assertThat(writes(WriteState.REFUSED)).as("writes refused with an answer").isEmpty();
			assertThat(stored.keySet()).as("nothing stored that was not written")
				.isSubsetOf(written.stream().map(Write::marker).collect(Collectors.toSet()));

			assertThat(monitorErrors).as("job table readable").hasSizeLessThan(5);
			assertThat(firingsAfter("audit-seal", kill)).as("the audit sealer fired on node B after the kill")
				.isGreaterThanOrEqualTo(SEALS_AFTER_KILL);
			assertThat(slotsChecked()).as("consecutive job firings seen").isGreaterThanOrEqualTo(SLOTS_CHECKED);
			assertThat(slotViolations()).as("job slots fired early or picked more than once").isEmpty();
			assertThat(sealedAfterKill).as("audit events sealed after the kill").isGreaterThan(0);
			assertThat(auditByNode).as("audit events by node").containsKeys("node-a before", "node-b before", "node-b after");
			assertThat(sealerCaughtUp).as("the sealer caught up with every audit event after the load").isTrue();
			assertThat(links).as("each sealed event once, in a chain without gaps").isEqualTo(distinctLinkedEvents).isEqualTo(maxSeq);
			assertThat(links + pending).as("every audit event sealed or waiting to be").isEqualTo(events);
			assertThat(verify.getKey()).as("audit-verify: " + verify.getValue()).isZero();
			assertThat(verify.getValue()).contains("Audit trail intact");
			assertThat(anchorsB).as("node B anchored the chain").isNotEmpty();
			assertThat(settings).containsExactly("fsync=on", "full_page_writes=on", "synchronous_commit=on");
		}
	}

	private void report(Result r, Map.Entry<Integer, String> verify, Duration took) throws IOException, InterruptedException {
		String commit = PackagedApp.commit();
		List<Write> acknowledged = r.writes(WriteState.ACKNOWLEDGED);
		List<Write> inDoubt = r.writes(WriteState.IN_DOUBT);
		long usersA = ROSTER.stream().filter(Seat::nodeA).count();
		long ok = r.count(o -> o.kind() == Kind.OK);
		long contacts = acknowledged.stream().filter(w -> w.table().equals("contact")).count();
		Map<String, Long> jobs = r.jobFiringsAfterKill();
		String verified = verify.getKey() == 0 ? "intact" : "BROKEN";
		String verifyLine = verify.getValue().lines().filter(l -> l.startsWith("Audit trail")).findFirst().orElse("no answer");
		Map<String, String> rows = new LinkedHashMap<>();
		rows.put("users", ROSTER.size() + " (" + usersA + " signed in through node A, " + (ROSTER.size() - usersA)
				+ " through node B; " + ROSTER.stream().map(Seat::account).distinct().collect(Collectors.joining(", ")) + ")");
		rows.put("load", (r.loadEnd.toEpochMilli() - r.loadStart.toEpochMilli()) / 1000 + " s (node A killed with SIGKILL after "
				+ Duration.between(r.loadStart, r.kill).toSeconds() + " s, then " + Duration.between(r.kill, r.loadEnd).toSeconds()
				+ " s on node B)");
		rows.put("requests through node A before the kill", String.valueOf(r.requests(a.name(), false)));
		rows.put("requests through node B before the kill", String.valueOf(r.requests(b.name(), false)));
		rows.put("requests through node A after the kill", String.valueOf(r.requests(a.name(), true)));
		rows.put("requests through node B after the kill", r.requests(b.name(), true) + " (" + r.requestsFromAUsersOnB()
				+ " from users of node A)");
		rows.put("successful requests", ok + " of " + r.all.size());
		long inFlight = r.deadNode().stream().filter(o -> o.started().isBefore(r.kill)).count();
		rows.put("clean failures (in flight on or refused by the dead node)", r.deadNode().size() + " (" + inFlight
				+ " in flight at the kill, " + (r.deadNode().size() - inFlight) + " refused afterwards: "
				+ r.deadNode().stream().map(o -> o.request() + ": " + shortReason(o.detail())).collect(Collectors.joining("; ")) + ")");
		rows.put("other failures", String.valueOf(r.failures().size()));
		rows.put("writes acknowledged", acknowledged.size() + " (" + contacts + " contacts, " + (acknowledged.size() - contacts)
				+ " note drafts; " + r.acknowledgedAfterKillOnB() + " on node B by users of node A)");
		rows.put("acknowledged writes found in the database exactly once", r.found(acknowledged, 1) + " of " + acknowledged.size());
		rows.put("contacts from My day completing their task", r.taskContacts().size() + " acknowledged, "
				+ r.taskContacts().stream().filter(w -> (w.completes() + ":COMPLETED").equals(r.completedTasks.get(w.marker()))).count()
				+ " linked to their task, now COMPLETED");
		rows.put("writes in flight at the kill", inDoubt.size() + " (" + r.found(inDoubt, 1) + " stored, " + r.found(inDoubt, 0)
				+ " not stored)");
		rows.put("writes refused with an answer", String.valueOf(r.writes(WriteState.REFUSED).size()));
		rows.put("sessions continued on node B without signing in again", r.continued.size() + " of " + usersA);
		rows.put("audit-seal firings after the kill", jobs.getOrDefault("audit-seal", 0L) + " (every " + SEAL_INTERVAL.toSeconds()
				+ " s; " + r.sealingsAfterKill + " sealing transactions sealed " + r.sealedAfterKill + " events)");
		Duration firstSeal = r.firstSealAfterKill();
		rows.put("first audit-seal firing after the kill", firstSeal == null ? "none" : "after " + firstSeal.toMillis() + " ms"
				+ (firstSeal.compareTo(SEAL_INTERVAL.multipliedBy(5)) < 0 ? ""
						: " (node A was running it when killed: db-scheduler took it over once 6 heartbeats of 30 s were missed)"));
		rows.put("job slots checked (one firing each)", r.slotsChecked() + " consecutive firings over the run, "
				+ r.slotViolations().size() + " fired early or picked twice");
		rows.put("other job firings after the kill", jobs.entrySet().stream().filter(e -> !e.getKey().equals("audit-seal"))
			.map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", ")));
		String byNode = r.auditByNode.entrySet().stream().map(e -> e.getKey() + " the kill " + e.getValue())
			.collect(Collectors.joining(", "));
		rows.put("audit trail", "events since the load began: " + byNode + "; " + r.links + " links for " + r.events + " events, " + r.pending
				+ " pending; audit-verify " + verified + " (" + verifyLine + ")");
		rows.put("audit anchors written", "node A " + r.anchorsA.size() + ", node B " + r.anchorsB.size());
		rows.put("response time p50 / p95", "node A " + r.percentiles(a.name()) + ", node B " + r.percentiles(b.name()));
		rows.put("duration", took.toSeconds() + " s (both nodes started, load, checks, audit-verify)");
		rows.put("database settings", String.join(", ", r.settings));
		rows.put("application", "2 processes, -Xmx512m each, Java " + System.getProperty("java.version") + ", "
				+ Runtime.getRuntime().availableProcessors() + " CPUs shared with PostgreSQL and the users");
		rows.put("commit", commit);
		StringBuilder md = new StringBuilder("| measure | value |\n|---|---|\n");
		rows.forEach((k, v) -> md.append("| ").append(k).append(" | ").append(v.replace("|", "/")).append(" |\n"));
		String failures = r.failures().stream().limit(20).map(Outcome::toString).collect(Collectors.joining("\n"));
		if (!failures.isEmpty()) md.append("\nFirst failures:\n\n```\n").append(failures).append("\n```\n");

		StringBuilder json = new StringBuilder("{\"benchmark\":\"two-node\"");
		json.append(",\"users\":").append(ROSTER.size()).append(",\"usersNodeA\":").append(usersA);
		json.append(",\"loadMillis\":").append(r.loadEnd.toEpochMilli() - r.loadStart.toEpochMilli());
		json.append(",\"killAfterSeconds\":").append(Duration.between(r.loadStart, r.kill).toSeconds())
			.append(",\"afterKillSeconds\":").append(Duration.between(r.kill, r.loadEnd).toSeconds());
		json.append(",\"requests\":{\"nodeABeforeKill\":").append(r.requests(a.name(), false))
			.append(",\"nodeBBeforeKill\":").append(r.requests(b.name(), false))
			.append(",\"nodeAAfterKill\":").append(r.requests(a.name(), true))
			.append(",\"nodeBAfterKill\":").append(r.requests(b.name(), true))
			.append(",\"nodeBFromUsersOfNodeA\":").append(r.requestsFromAUsersOnB()).append('}');
		json.append(",\"successes\":").append(ok).append(",\"cleanFailures\":").append(r.deadNode().size())
			.append(",\"otherFailures\":").append(r.failures().size());
		json.append(",\"writesAcknowledged\":").append(acknowledged.size()).append(",\"contactsAcknowledged\":").append(contacts)
			.append(",\"notesAcknowledged\":").append(acknowledged.size() - contacts)
			.append(",\"acknowledgedFoundOnce\":").append(r.found(acknowledged, 1))
			.append(",\"acknowledgedOnBByUsersOfNodeA\":").append(r.acknowledgedAfterKillOnB())
			.append(",\"writesInDoubt\":").append(inDoubt.size()).append(",\"inDoubtStored\":").append(r.found(inDoubt, 1))
			.append(",\"writesRefused\":").append(r.writes(WriteState.REFUSED).size());
		json.append(",\"sessionsContinuedOnB\":").append(r.continued.size());
		json.append(",\"jobFiringsAfterKill\":{").append(jobs.entrySet().stream().map(e -> "\"" + e.getKey() + "\":" + e.getValue())
			.collect(Collectors.joining(","))).append('}');
		json.append(",\"firstSealAfterKillMillis\":").append(firstSeal == null ? "null" : String.valueOf(firstSeal.toMillis()));
		json.append(",\"sealedAfterKill\":").append(r.sealedAfterKill).append(",\"jobSlotsChecked\":").append(r.slotsChecked())
			.append(",\"jobSlotViolations\":").append(r.slotViolations().size());
		json.append(",\"auditEvents\":").append(r.events).append(",\"auditLinks\":").append(r.links).append(",\"auditPending\":")
			.append(r.pending).append(",\"auditVerify\":\"").append(verified).append('"');
		json.append(",\"durationSeconds\":").append(took.toSeconds());
		json.append(",\"settings\":\"").append(String.join(",", r.settings)).append('"');
		json.append(",\"java\":\"").append(System.getProperty("java.version")).append("\",\"cpus\":")
			.append(Runtime.getRuntime().availableProcessors()).append(",\"commit\":\"").append(commit).append("\"}\n");

		Files.createDirectories(Path.of("target", "benchmarks"));
		Files.writeString(Path.of("target", "benchmarks", "two-node.md"), md);
		Files.writeString(Path.of("target", "benchmarks", "two-node.json"), json);
		System.out.println(md);
		System.out.println(json);
	}

	private static String shortReason(@Nullable String detail) {
		if (detail == null) return "";
		return detail.replaceAll("^java\\.(?:net|io)\\.(?:http\\.)?", "");
	}

	private static String csrf(HttpResponse<String> page) {
		return first(CSRF, page.body());
	}

	private static String first(Pattern pattern, String body) {
		Matcher m = pattern.matcher(body);
		return m.find() ? m.group(1) : "";
	}

	private static List<String> all(Pattern pattern, String body) {
		LinkedHashSet<String> found = new LinkedHashSet<>();
		Matcher m = pattern.matcher(body);
		while (m.find()) found.add(m.group(1));
		return List.copyOf(found);
	}

	private static String location(HttpResponse<?> response) {
		String location = response.headers().firstValue("Location").orElse("");
		if (location.isEmpty()) return "";
		URI uri = URI.create(location);
		return uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
	}

	private static String form(Map<String, String> fields) {
		return fields.entrySet().stream().map(e -> enc(e.getKey()) + "=" + enc(e.getValue())).collect(Collectors.joining("&"));
	}

	private static String enc(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}
}
