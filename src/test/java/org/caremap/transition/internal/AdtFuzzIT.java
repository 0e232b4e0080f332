package org.caremap.transition.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.caremap.organization.Organizations;
import org.caremap.patient.PatientRegistry;
import org.caremap.shared.PatientId;
import org.caremap.support.Actors;
import org.caremap.support.AdtApplied;
import org.caremap.support.IntegrationTest;
import org.caremap.support.Mllp;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A bounded fuzz of HL7 over MLLP against the running application with its default limits: random bytes, random
 * byte streams with and without frames, frames cut short, messages over each size limit, NUL bytes, and valid ADT
 * messages (to an unknown patient, and to a known one so that some are applied) with mutated fields. Each round is
 * one connection: the bytes are written, the sending side is shut, and every answer is read until the listener
 * closes. The frames each round holds are found by MLLP's own definition (a frame starts at 0x0B and ends at
 * 0x1C 0x0D), independently of the listener's code.
 * <p>
 * What must hold: each complete frame gets exactly one answer, in order, and it is an HL7 ACK with an MSA segment;
 * each answered frame is kept once, as its ACK says (AA: stored or applied; AE/AR: rejected with its reason), no row
 * is added for anything else; nothing a rejected message touched remains (no encounter points at it); a valid message
 * is still acknowledged afterwards; and the transition module logged nothing at ERROR. The seed is printed; rerun
 * one with {@code -Dcaremap.fuzz.seed=N} ({@code -Dcaremap.fuzz.rounds=N} changes the number of rounds).
 */
class AdtFuzzIT extends IntegrationTest {

	private static final int ROUNDS = Integer.getInteger("caremap.fuzz.rounds", 300);
	private static final int MAX_BYTES = 1_048_576;

	@Autowired MllpListener listener;
	@Autowired JdbcClient jdbc;
	@Autowired PatientRegistry patients;
	@Autowired Organizations organizations;

	private final String token = UUID.randomUUID().toString().substring(0, 6);
	private Random random = new Random();
	private String mrn = "";
	private int serial;

	/** One complete frame the listener must have answered, and its answer. */
	private record Answered(String kind, byte[] frame, String ack) {
	}

	@Test
	void randomAndBrokenHl7NeverHalfAppliesNeverBreaksTheListenerAndEveryFrameGetsAnAck() throws Exception {
		long seed = Long.getLong("caremap.fuzz.seed", System.nanoTime());
		System.out.printf("%nAdtFuzzIT: seed %d, %d rounds (rerun: -Dcaremap.fuzz.seed=%d)%n", seed, ROUNDS, seed);
		random = new Random(seed);
		PatientId known = Actors.newPatient(patients, organizations.primary().orElseThrow().id(), "Fuzz");
		mrn = jdbc.sql("select value from patient_identifier where patient_id = ? and type = 'MR'").param(known.value())
			.query(String.class).single();
		ListAppender<ILoggingEvent> log = new ListAppender<>();
		log.start();
		Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
		root.addAppender(log);
		java.time.OffsetDateTime start = jdbc.sql("select clock_timestamp()").query(java.time.OffsetDateTime.class).single();
		List<Answered> answered = new ArrayList<>();
		Map<String, Integer> kinds = new TreeMap<>();
		Map<String, Integer> codes = new TreeMap<>();
		try {
			for (int round = 0; round < ROUNDS; round++) {
				String kind = pickKind(round);
				byte[] stream = stream(kind);
				kinds.merge(kind, 1, Integer::sum);
				List<byte[]> frames = frames(stream);
				List<String> answers = exchange(stream);
				assertThat(answers).as("round %d (%s, seed %d): one answer per complete frame", round, kind, seed)
					.hasSameSizeAs(frames);
				for (int i = 0; i < frames.size(); i++) {
					String ack = answers.get(i);
					assertIsAck(ack, "round " + round + " (" + kind + ", seed " + seed + ")");
					codes.merge(Mllp.code(ack), 1, Integer::sum);
					answered.add(new Answered(kind, frames.get(i), ack));
					expectCode(kind, ack, round, seed);
				}
			}
			// the listener still takes a valid message, on a connection kept open as an engine does
			try (Mllp.Connection connection = new Mllp.Connection(listener.port())) {
				byte[] message = utf8(valid("FZ-AFTER-" + token, false, "A04"));
				String ack = connection.send(message);
				assertThat(Mllp.code(ack)).isEqualTo("AA");
				answered.add(new Answered("after", message, ack));
			}
		}
		finally {
			root.detachAppender(log);
		}
		System.out.printf("AdtFuzzIT: rounds by kind %s; %d frames answered %s%n", kinds, answered.size(), codes);
		// what was acknowledged is applied a moment later
		AdtApplied.all(jdbc);

		// each answered frame is kept once, as its ACK says, and nothing else was added
		Set<UUID> kept = new HashSet<>();
		List<UUID> rejected = new ArrayList<>();
		for (Answered a : answered) {
			Row row = row(a.frame());
			assertThat(row).as("the row kept for a %s frame answered %s", a.kind(), a.ack().replace('\r', '\n')).isNotNull();
			String code = Mllp.code(a.ack());
			assertThat(row.processed()).as("processed_at of a " + a.kind() + " frame").isTrue();
			kept.add(row.id());
			if (row.resend()) continue; // counted on the first delivery, which keeps its own outcome
			assertThat(row.ackCode()).as("ack_code of a " + a.kind() + " frame").isEqualTo(code);
			if (code.equals("AA")) {
				// ERROR: read and acknowledged, but its content could not be applied (kept with the reason)
				assertThat(row.status()).as("status of a " + a.kind() + " frame answered AA").isIn("APPLIED", "UNMATCHED", "STORED",
						"ERROR");
				if (row.status().equals("ERROR")) rejected.add(row.id());
			}
			else {
				assertThat(row.status()).as("status of a " + a.kind() + " frame answered " + code).isEqualTo("REJECTED");
				assertThat(row.error()).as("the reason kept for a " + a.kind() + " frame").isNotBlank();
				rejected.add(row.id());
			}
		}
		List<UUID> added = jdbc.sql("select id from adt_message where received_at >= ?").param(start).query(UUID.class).list();
		assertThat(kept).as("rows added during the fuzz: each one kept for an answered frame, none for the rest").containsAll(added);
		// nothing of a rejected message stays applied; every encounter of the known patient comes from an applied one
		if (!rejected.isEmpty()) {
			assertThat(jdbc.sql("select count(*) from encounter where last_message_id = any(?)").param(rejected.toArray(new UUID[0]))
				.query(Long.class).single()).as("encounters pointing at a rejected message").isZero();
		}
		assertThat(jdbc.sql("""
				select count(*) from encounter e where e.patient_id = ?
				  and not exists (select 1 from adt_message m where m.id = e.last_message_id and m.status = 'APPLIED')""")
			.param(known.value()).query(Long.class).single()).as("encounters of the known patient without an applied message").isZero();
		assertThat(jdbc.sql("""
				select count(*) from adt_message m where m.status = 'APPLIED' and m.encounter_id is not null
				  and not exists (select 1 from encounter e where e.id = m.encounter_id)""").query(Long.class).single())
			.as("applied messages whose encounter is missing").isZero();
		List<String> errors = log.list.stream()
			.filter(e -> e.getLevel().isGreaterOrEqual(Level.ERROR))
			.filter(e -> e.getLoggerName().startsWith("org.caremap.transition") || e.getThreadName().startsWith("mllp"))
			.map(e -> e.getLoggerName() + ": " + e.getFormattedMessage())
			.toList();
		assertThat(errors).as("ERROR lines from the ADT feed during the fuzz (seed %d)", seed).isEmpty();
	}

	// ---------------------------------------------------------------------------------------------------------------
	// What is sent
	// ---------------------------------------------------------------------------------------------------------------

	private static final String[] KINDS = { "valid", "mutated", "mutated", "mutated", "mutated", "nul", "random-frame",
			"random-frame", "random-stream", "junk-and-frames", "cut-short", "long-field", "many-segments" };

	/** Mostly small cases; the ones over a megabyte (costly to store) a few times only. */
	private String pickKind(int round) {
		if (round == 7) return "oversized";
		if (round == 77) return "oversized-blanks";
		if (round == 177) return "oversized-returns";
		return KINDS[random.nextInt(KINDS.length)];
	}

	private byte[] stream(String kind) {
		String control = "FZ-" + token + "-" + (++serial);
		return switch (kind) {
			case "valid" -> frame(utf8(valid(control, random.nextBoolean(), event())));
			case "mutated" -> frame(utf8(mutate(valid(control, random.nextBoolean(), event()))));
			case "nul" -> frame(withNul(utf8(valid(control, random.nextBoolean(), event()))));
			case "random-frame" -> frame(randomContent());
			case "random-stream" -> randomBytes(random.nextInt(4000) + 1, 0, 256);
			case "junk-and-frames" -> junkAndFrames(control);
			case "cut-short" -> cutShort(utf8(valid(control, random.nextBoolean(), event())));
			case "long-field" -> frame(utf8(valid(control, true, "A01") + "NTE|1||" + "z".repeat(65_537 + random.nextInt(2000)) + "\r"));
			case "many-segments" -> frame(utf8(valid(control, true, "A01") + "NTE|1||n\r".repeat(1_000)));
			case "oversized" -> frame(utf8(valid(control, true, "A01") + ("NTE|1||" + "o".repeat(50_000) + "\r").repeat(22)));
			case "oversized-blanks" -> frame(utf8(valid(control, true, "A01") + " ".repeat(MAX_BYTES + 10_000)));
			case "oversized-returns" -> frame(utf8("\r".repeat(MAX_BYTES + 10_000) + valid(control, true, "A01")));
			default -> throw new IllegalArgumentException(kind);
		};
	}

	private String event() {
		return new String[] { "A01", "A04", "A03", "A08", "A02" }[random.nextInt(5)];
	}

	/** A valid ADT message: to the known patient (it is applied) or to nobody known (it waits). */
	private String valid(String control, boolean known, String event) {
		String pid3 = known ? mrn + "^^^Test Hospital^MR" : control + "^^^FUZZ^MR";
		String visit = "FV-" + control;
		return "MSH|^~\\&|FUZZ|FUZZ-FAC|CAREMAP|RCP|20261120103000||ADT^" + event + "|" + control + "|P|2.5.1\r"
				+ "EVN|" + event + "|20261120103000\r"
				+ "PID|1||" + pid3 + "||FUZZ" + token + "^PAT||19600101|F|||1 MAIN ST^^TOWN^ST^12345\r"
				+ "PV1|1|I|4W^401^1^RGH|E|||||||||||||||" + visit + "|||||||||||||||||01||||||||20261120090000"
				+ (event.equals("A03") ? "|20261122140000" : "") + "\r"
				+ (random.nextBoolean() ? "DG1|1||I10^Essential hypertension^I10\r" : "");
	}

	/** One to three changes to fields, separators or segments. MSH-10 stays mostly as it was. */
	private String mutate(String message) {
		String text = message;
		int changes = 1 + random.nextInt(3);
		for (int c = 0; c < changes; c++) {
			List<String> segments = new ArrayList<>(Arrays.asList(text.split("\r", -1)));
			segments.removeIf(String::isEmpty);
			if (segments.isEmpty()) break; // cut to nothing by an earlier change
			int s = segments.size() > 1 ? 1 + random.nextInt(segments.size() - 1) : 0;
			if (random.nextInt(10) == 0) s = 0; // now and then MSH itself
			String segment = segments.get(s);
			String[] fields = segment.split("\\|", -1);
			int f = fields.length > 1 ? 1 + random.nextInt(fields.length - 1) : 0;
			switch (random.nextInt(9)) {
				case 0 -> fields[f] = new String(randomBytes(random.nextInt(30), 0x20, 0x7F), StandardCharsets.US_ASCII);
				case 1 -> fields[f] = randomUnicode(random.nextInt(20));
				case 2 -> fields[f] = fields[f] + "|^~\\&".charAt(random.nextInt(5));
				case 3 -> fields[f] = new String[] { "2026-13-45", "99999999999999", "2026112", "20261120+05", "0", "", "\"\"",
						"20261131", "19000229", "1" + "9".repeat(40) }[random.nextInt(10)];
				case 4 -> fields[f] = new String(randomBytes(1 + random.nextInt(5), 1, 0x20), StandardCharsets.ISO_8859_1);
				case 5 -> fields[f] = fields[f].repeat(2 + random.nextInt(50));
				case 6 -> fields[f] = "";
				default -> {
				}
			}
			segment = String.join("|", fields);
			segments.set(s, segment);
			switch (random.nextInt(8)) {
				case 0 -> segments.remove(s == 0 ? segments.size() - 1 : s);
				case 1 -> segments.add(s, segment);
				case 2 -> Collections2.swap(segments, random);
				default -> {
				}
			}
			text = String.join("\r", segments) + "\r";
			if (random.nextInt(12) == 0) text = text.substring(0, random.nextInt(text.length() + 1));
		}
		return text;
	}

	/** Small helper kept out of the mutation switch. */
	private static final class Collections2 {
		static void swap(List<String> segments, Random random) {
			if (segments.size() < 2) return;
			java.util.Collections.swap(segments, random.nextInt(segments.size()), random.nextInt(segments.size()));
		}
	}

	/** NUL bytes after the MSH segment, so that the message is otherwise ADT as far as its header says. */
	private byte[] withNul(byte[] message) {
		int msh = 0;
		while (message[msh] != '\r') msh++;
		byte[] out = message.clone();
		for (int n = 1 + random.nextInt(3); n > 0; n--) out[msh + 1 + random.nextInt(out.length - msh - 1)] = 0;
		return out;
	}

	/** Random content for one frame (no 0x0B or 0x1C inside), sometimes after a plausible MSH start. */
	private byte[] randomContent() {
		byte[] noise = randomBytes(1 + random.nextInt(2000), 0, 256);
		for (int i = 0; i < noise.length; i++) {
			if (noise[i] == 0x0B || noise[i] == 0x1C) noise[i] = '?';
		}
		if (!random.nextBoolean()) return noise;
		byte[] head = utf8("MSH|^~\\&|FUZZ|FUZZ-FAC|||20261120103000||ADT^A0" + random.nextInt(10) + "|R-" + token + "-" + (++serial) + "|P|2.5.1\r");
		return concat(head, noise);
	}

	/** Bytes outside frames (no 0x0B), complete frames with a 0x1C not followed by CR inside, and a last frame cut. */
	private byte[] junkAndFrames(String control) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		int frames = 1 + random.nextInt(3);
		for (int i = 0; i < frames; i++) {
			byte[] junk = randomBytes(random.nextInt(50), 0, 256);
			for (int j = 0; j < junk.length; j++) {
				if (junk[j] == 0x0B) junk[j] = ' ';
			}
			out.writeBytes(junk);
			String message = valid(control + "-" + i, random.nextBoolean(), event());
			if (random.nextBoolean()) message = message.replace("RCP|", "RC\u001CP|"); // a 0x1C inside is data
			out.writeBytes(frame(utf8(message)));
		}
		if (random.nextBoolean()) out.writeBytes(cutShort(utf8(valid(control + "-cut", true, "A01"))));
		return out.toByteArray();
	}

	/** A frame that never ends: the start byte and part of a message, then the connection is shut. */
	private byte[] cutShort(byte[] message) {
		return concat(new byte[] { 0x0B }, Arrays.copyOf(message, random.nextInt(message.length)));
	}

	private byte[] randomBytes(int length, int from, int to) {
		byte[] bytes = new byte[length];
		for (int i = 0; i < length; i++) bytes[i] = (byte) (from + random.nextInt(to - from));
		return bytes;
	}

	private String randomUnicode(int length) {
		StringBuilder s = new StringBuilder();
		for (int i = 0; i < length; i++) {
			int cp = switch (random.nextInt(4)) {
				case 0 -> 0xA0 + random.nextInt(0x2000);
				case 1 -> 0x1F300 + random.nextInt(0x300);
				case 2 -> 0xFFFD;
				default -> 0x4E00 + random.nextInt(0x5000);
			};
			s.appendCodePoint(cp);
		}
		return s.toString();
	}

	private static byte[] frame(byte[] message) {
		return concat(concat(new byte[] { 0x0B }, message), new byte[] { 0x1C, 0x0D });
	}

	private static byte[] concat(byte[] a, byte[] b) {
		byte[] out = Arrays.copyOf(a, a.length + b.length);
		System.arraycopy(b, 0, out, a.length, b.length);
		return out;
	}

	private static byte[] utf8(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	// ---------------------------------------------------------------------------------------------------------------
	// What is expected
	// ---------------------------------------------------------------------------------------------------------------

	/**
	 * The complete frames of a stream by MLLP's definition: a frame starts at 0x0B (a new 0x0B starts it again) and
	 * ends at 0x1C 0x0D; bytes outside frames are ignored. A 0x1C as the very last byte also ends a frame (the
	 * listener has always been lenient about the final CR of a sender that shuts its side right after).
	 */
	static List<byte[]> frames(byte[] stream) {
		List<byte[]> frames = new ArrayList<>();
		ByteArrayOutputStream current = null;
		for (int i = 0; i < stream.length; i++) {
			int b = stream[i] & 0xFF;
			if (b == 0x0B) {
				current = new ByteArrayOutputStream();
			}
			else if (current != null && b == 0x1C && (i + 1 == stream.length || stream[i + 1] == 0x0D)) {
				frames.add(current.toByteArray());
				current = null;
				i++;
			}
			else if (current != null) {
				current.write(b);
			}
		}
		return frames;
	}

	private static void expectCode(String kind, String ack, int round, long seed) {
		String where = "round " + round + " (" + kind + ", seed " + seed + "): " + ack.replace('\r', '\n');
		switch (kind) {
			case "valid" -> assertThat(Mllp.code(ack)).as(where).isEqualTo("AA");
			case "nul" -> assertThat(ack).as(where).contains("MSA|AE|").contains("NUL");
			case "long-field" -> assertThat(ack).as(where).contains("MSA|AE|").contains("max-field-length");
			case "many-segments" -> assertThat(ack).as(where).contains("MSA|AE|").contains("max-segments");
			case "oversized", "oversized-blanks" -> assertThat(ack).as(where).contains("MSA|AE|").contains("max-message-bytes");
			default -> {
			}
		}
	}

	private static void assertIsAck(String ack, String where) {
		String[] segments = ack.split("\r");
		assertThat(segments[0]).as(where + ": the answer starts with MSH").startsWith("MSH");
		char f = segments[0].length() > 3 ? segments[0].charAt(3) : '|';
		assertThat(segments[0].split(java.util.regex.Pattern.quote(String.valueOf(f)), -1)[8]).as(where + ": MSH-9")
			.startsWith("ACK");
		assertThat(segments.length).as(where + ": segments of " + ack).isGreaterThan(1);
		assertThat(segments[1]).as(where + ": the second segment").startsWith("MSA" + f);
		assertThat(segments[1].split(java.util.regex.Pattern.quote(String.valueOf(f)), -1)[1]).as(where + ": MSA-1")
			.isIn("AA", "AE", "AR");
		assertThat(ack.chars().noneMatch(c -> c == 0x0B || c == 0x1C || c == 0)).as(where + ": no framing byte or NUL inside").isTrue();
		if (!segments[1].split(java.util.regex.Pattern.quote(String.valueOf(f)), -1)[1].equals("AA")) {
			assertThat(Arrays.stream(segments).anyMatch(s -> s.startsWith("ERR" + f))).as(where + ": an ERR segment").isTrue();
		}
	}

	/** Writes the stream, shuts the sending side, and reads every answer until the listener closes. */
	private List<String> exchange(byte[] stream) throws IOException {
		List<String> answers = new ArrayList<>();
		try (Socket socket = Mllp.connect("127.0.0.1", listener.port())) {
			socket.getOutputStream().write(stream);
			socket.getOutputStream().flush();
			socket.shutdownOutput();
			InputStream in = new java.io.BufferedInputStream(socket.getInputStream());
			while (true) {
				in.mark(1);
				if (in.read() < 0) return answers;
				in.reset();
				answers.add(Mllp.read(in));
			}
		}
	}

	/** A kept message; {@code resend} when the frame repeated an earlier message (which keeps its first outcome). */
	private record Row(UUID id, String status, String ackCode, String error, boolean processed, boolean resend) {
	}

	/**
	 * The row kept for a frame: by its exact bytes (of a frame over the limit, the limit plus one byte), or the earlier
	 * message it repeats (the same text under the same sender and control id is a resend, counted on the first).
	 */
	private Row row(byte[] frame) throws Exception {
		String columns = "select id, status, ack_code, coalesce(error, ''), processed_at is not null, raw is distinct from ? from adt_message ";
		org.springframework.jdbc.core.RowMapper<Row> map = (rs, n) -> new Row(rs.getObject(1, UUID.class), rs.getString(2),
				rs.getString(3), rs.getString(4), rs.getBoolean(5), rs.getBoolean(6));
		byte[] kept = frame.length > MAX_BYTES + 1 ? Arrays.copyOf(frame, MAX_BYTES + 1) : frame;
		List<Row> rows = jdbc.sql(columns + "where length(raw) = ? and raw = ?").params(kept, kept.length, kept).query(map).list();
		if (rows.isEmpty()) {
			String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
				.digest(AdtParser.normalise(kept).getBytes(StandardCharsets.UTF_8)));
			rows = jdbc.sql(columns + "where payload_sha256 = ? and resends > 0").params(kept, sha).query(map).list();
		}
		assertThat(rows).as("rows kept for one frame").hasSizeLessThanOrEqualTo(1);
		return rows.isEmpty() ? null : rows.get(0);
	}
}
