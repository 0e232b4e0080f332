package org.caremap.transition.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.caremap.support.AdtApplied;
import org.caremap.support.Eventually;
import org.caremap.support.IntegrationTest;
import org.caremap.support.Mllp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/**
 * The MLLP listener against senders that hold connections without sending, on real sockets of the running
 * application. Each loopback address 127.0.0.x acts as another sender. The listener keeps its defaults (32
 * connections, 8 per sender, 10 minutes of idle time) except a short frame timeout and an allow-list of
 * 127.0.0.0/27 (and ::1); 127.0.0.100 is a stranger. Each test uses addresses of its own.
 */
@TestPropertySource(properties = { "caremap.adt.frame-timeout=1s", "caremap.adt.allowed-senders=127.0.0.0/27, ::1" })
class MllpListenerLimitsIT extends IntegrationTest {

	private static final Duration WITHIN = Duration.ofSeconds(20);

	@Autowired MllpListener listener;
	@Autowired JdbcClient jdbc;

	private final String token = UUID.randomUUID().toString().substring(0, 8);
	private final List<Socket> held = new ArrayList<>();

	@BeforeEach
	void noConnectionLeftFromAnotherTest() {
		Eventually.until("the listener has no connection open", WITHIN, () -> listener.connections() == 0);
	}

	@AfterEach
	void closeEverything() {
		for (Socket s : held) {
			try {
				s.close();
			}
			catch (IOException ignored) {
				// closed already
			}
		}
	}

	@Test
	void sixtyIdleConnectionsAndHalfSentFramesDoNotKeepARealSenderFromItsAck() throws Exception {
		// ten addresses hold six silent connections each, two more five half-sent frames each: 70 for 32 places
		for (int address = 2; address <= 11; address++) {
			for (int i = 0; i < 6; i++) open("127.0.0." + address);
		}
		for (int address = 12; address <= 13; address++) {
			for (int i = 0; i < 5; i++) startFrameAndStall(open("127.0.0." + address), "STALL-" + address + "-" + i);
		}
		String control = "REAL-" + token;
		Socket sender = open("127.0.0.1");
		String ack = Mllp.send(sender, adt(control));
		assertThat(Mllp.code(ack)).isEqualTo("AA");
		assertThat(ack).contains("MSA|AA|" + control);
		assertThat(status(control)).isEqualTo("UNMATCHED");
		assertThat(listener.connections()).isLessThanOrEqualTo(32);
		// and again on the same connection, with the crowd still there
		assertThat(Mllp.code(Mllp.send(sender, adt(control + "-2")))).isEqualTo("AA");
	}

	@Test
	void whenFullTheConnectionIdleLongestMakesRoomAndTheOthersAreStillServed() throws Exception {
		List<Socket> idle = new ArrayList<>();
		for (int address = 14; address <= 17; address++) {
			for (int i = 0; i < 8; i++) idle.add(open("127.0.0." + address));
		}
		Eventually.until("all 32 places taken", WITHIN, () -> listener.connections() == 32);

		assertThat(Mllp.code(Mllp.send(open("127.0.0.1"), adt("ROOM-" + token)))).isEqualTo("AA");
		assertThat(Mllp.closedWithoutAnswer(idle.get(0))).as("the connection idle longest was closed").isTrue();
		for (int i = 1; i < idle.size(); i++) {
			assertThat(Mllp.code(Mllp.send(idle.get(i), adt("STAY-" + i + "-" + token)))).as("connection " + i).isEqualTo("AA");
		}
	}

	@Test
	void oneAddressGetsEightConnectionsAndANinthIsClosedAtOnceWithNothingStored() throws Exception {
		List<Socket> eight = new ArrayList<>();
		for (int i = 0; i < 8; i++) {
			Socket s = open("127.0.0.20");
			assertThat(Mllp.code(Mllp.send(s, adt("EIGHT-" + i + "-" + token)))).isEqualTo("AA");
			eight.add(s);
		}
		String control = "NINTH-" + token;
		Socket ninth = open("127.0.0.20");
		writeIgnoringReset(ninth, adt(control).getBytes(StandardCharsets.UTF_8));
		assertThat(Mllp.closedWithoutAnswer(ninth)).as("the ninth connection was closed").isTrue();
		assertThat(count(control)).isZero();
		// the eight are still served; when one of them ends, the address has a place again
		assertThat(Mllp.code(Mllp.send(eight.get(7), adt("STILL-" + token)))).isEqualTo("AA");
		eight.get(0).close();
		Eventually.until("a new connection from 127.0.0.20 is served", WITHIN, () -> {
			try (Socket again = Mllp.connect("127.0.0.20", listener.port())) {
				return "AA".equals(Mllp.code(Mllp.send(again, adt("AGAIN-" + token))));
			}
		});
	}

	@Test
	void anAddressNotAllowedIsClosedAtOnceNothingIsStoredAndTheRefusalIsAudited() throws Exception {
		String control = "STRANGER-" + token;
		Socket stranger = open("127.0.0.100");
		writeIgnoringReset(stranger, adt(control).getBytes(StandardCharsets.UTF_8));
		assertThat(Mllp.closedWithoutAnswer(stranger)).as("the stranger's connection was closed").isTrue();
		assertThat(count(control)).isZero();
		Eventually.until("the refusal is in the audit trail", WITHIN, () -> jdbc.sql("""
				select count(*) from audit_event where action = 'CONNECT' and outcome = 'DENIED' and resource_id = '127.0.0.100'""")
			.query(Long.class).single() > 0);
		assertThat(Mllp.code(Mllp.send(open("127.0.0.1"), adt("ALLOWED-" + token)))).isEqualTo("AA");
	}

	@Test
	void aFrameLeftUnfinishedIsClosedAfterTheFrameTimeoutWhileASilentConnectionStaysOpen() throws Exception {
		Socket engine = open("127.0.0.21");
		assertThat(Mllp.code(Mllp.send(engine, adt("BEFORE-" + token)))).isEqualTo("AA");
		String control = "HALF-" + token;
		Socket stalled = open("127.0.0.22");
		startFrameAndStall(stalled, control);
		assertThat(Mllp.closedWithoutAnswer(stalled)).as("the unfinished frame's connection was closed").isTrue();
		assertThat(count(control)).isZero();
		// the engine has been silent longer than the stalled frame lasted: silence between messages is not a frame
		assertThat(Mllp.code(Mllp.send(engine, adt("AFTER-" + token)))).isEqualTo("AA");
	}

	private Socket open(String from) throws IOException {
		Socket s = Mllp.connect(from, listener.port());
		held.add(s);
		return s;
	}

	/** The start byte and the first half of a message, then nothing. */
	private static void startFrameAndStall(Socket s, String control) throws IOException {
		byte[] message = adt(control).getBytes(StandardCharsets.UTF_8);
		OutputStream out = s.getOutputStream();
		out.write(0x0B);
		out.write(message, 0, message.length / 2);
		out.flush();
	}

	/** Writes a frame; the listener may have closed the connection already, which is what some tests expect. */
	private static void writeIgnoringReset(Socket s, byte[] message) {
		try {
			Mllp.write(s.getOutputStream(), message);
		}
		catch (IOException closedAlready) {
			// the read that follows tells
		}
	}

	private static String adt(String control) {
		return "MSH|^~\\&|EPIC|RIVERSIDE GENERAL|CAREMAP|RCP|20261120103000||ADT^A04|" + control + "|P|2.5.1\r"
				+ "EVN|A04|20261120103000\r"
				+ "PID|1||L-" + control + "^^^ELSEWHERE^MR||LIMIT^LEO||19500517|M\r"
				+ "PV1|1|E|ED^1^1^RGH\r";
	}

	/** The status the message ends with once applied (it is acknowledged once stored, applied a moment later). */
	private String status(String control) {
		return AdtApplied.status(jdbc, control);
	}

	private long count(String control) {
		return jdbc.sql("select count(*) from adt_message where control_id = ?").param(control).query(Long.class).single();
	}
}
