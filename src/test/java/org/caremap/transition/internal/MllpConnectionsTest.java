package org.caremap.transition.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.Socket;

import org.caremap.transition.internal.MllpConnection.State;
import org.junit.jupiter.api.Test;

/**
 * Who gets a place when the listener is full: an idle connection makes room (one that never had a message answered
 * first, then the one idle longest), a connection in the middle of a message never does, and one address holds only
 * so many places. Times are given, not waited for.
 */
class MllpConnectionsTest {

	private static MllpConnection connection(String address, long at) throws Exception {
		return new MllpConnection(new Socket(), InetAddress.getByName(address), at, false);
	}

	private static MllpConnection handshaking(String address, long at) throws Exception {
		return new MllpConnection(new Socket(), InetAddress.getByName(address), at, true);
	}

	@Test
	void aNewcomerTakesThePlaceOfAConnectionThatNeverSentAnythingBeforeThatOfAnIdleEngine() throws Exception {
		MllpConnections connections = new MllpConnections(3, 8);
		MllpConnection engine = connection("10.0.0.1", 0);
		MllpConnection silentOld = connection("10.0.0.2", 10);
		MllpConnection silentNew = connection("10.0.0.3", 20);
		assertThat(connections.admit(engine).admitted()).isTrue();
		assertThat(connections.admit(silentOld).admitted()).isTrue();
		assertThat(connections.admit(silentNew).admitted()).isTrue();
		// the engine had a message answered and has been idle since 5, longer than the two silent ones
		engine.enter(State.IDLE, 1);
		engine.enter(State.IN_FRAME, 2);
		engine.enter(State.PROCESSING, 3);
		engine.enter(State.ANSWERING, 4);
		engine.enter(State.IDLE, 5);
		silentOld.enter(State.IDLE, 10);
		silentNew.enter(State.IDLE, 20);

		MllpConnection newcomer = connection("10.0.0.4", 50);
		MllpConnections.Admission first = connections.admit(newcomer);
		assertThat(first.admitted()).isTrue();
		assertThat(first.replaced()).isSameAs(silentOld);
		assertThat(silentOld.closed()).isTrue();
		assertThat(connections.admit(connection("10.0.0.5", 60)).replaced()).isSameAs(silentNew);
		// a newcomer that has sent nothing yet goes before the engine too, though the engine has been idle longer
		assertThat(connections.admit(connection("10.0.0.6", 70)).replaced()).isSameAs(newcomer);
		assertThat(engine.closed()).isFalse();
		assertThat(connections.size()).isEqualTo(3);
	}

	@Test
	void aConnectionInTheMiddleOfAMessageKeepsItsPlaceUnlessItHoldsItTooLong() throws Exception {
		long second = 1_000_000_000L;
		MllpConnections connections = new MllpConnections(2, 8, java.time.Duration.ofSeconds(2));
		MllpConnection sending = connection("10.0.0.1", 0);
		MllpConnection handshaking = handshaking("10.0.0.2", 0);
		connections.admit(sending);
		connections.admit(handshaking);
		sending.enter(State.IN_FRAME, 1);

		// a second into its message and its handshake, neither is pushed out
		MllpConnections.Admission refused = connections.admit(connection("10.0.0.3", second));
		assertThat(refused.admitted()).isFalse();
		assertThat(refused.refusal()).contains("busy with a message");
		assertThat(sending.closed()).isFalse();
		assertThat(handshaking.closed()).isFalse();

		// a connection whose message is being processed never gives its place
		sending.enter(State.PROCESSING, second);
		// three seconds into a handshake is not a live sender: it gives its place
		MllpConnection third = connection("10.0.0.3", 3 * second);
		assertThat(connections.admit(third).replaced()).isSameAs(handshaking);
		// later still, the idle newcomer gives way; the message being processed keeps its place
		assertThat(connections.admit(connection("10.0.0.4", 10 * second)).replaced()).isSameAs(third);
		assertThat(sending.closed()).isFalse();
	}

	@Test
	void halfSentFramesHeldOpenCannotKeepALiveSenderOut() throws Exception {
		long second = 1_000_000_000L;
		MllpConnections connections = new MllpConnections(4, 2, java.time.Duration.ofSeconds(2));
		java.util.List<MllpConnection> holders = new java.util.ArrayList<>();
		for (int i = 0; i < 4; i++) {
			MllpConnection c = connection("10.0.1." + (i / 2 + 1), i);
			assertThat(connections.admit(c).admitted()).isTrue();
			c.enter(State.IN_FRAME, i + 1);
			holders.add(c);
		}
		// the engine arrives five seconds later: the half-sent frame held longest gives way
		MllpConnections.Admission engine = connections.admit(connection("10.0.2.1", 5 * second));
		assertThat(engine.admitted()).isTrue();
		assertThat(engine.replaced()).isSameAs(holders.get(0));
	}

	@Test
	void oneAddressHoldsOnlySoManyPlacesAndGetsOneBackWhenOneCloses() throws Exception {
		MllpConnections connections = new MllpConnections(10, 2);
		MllpConnection one = connection("10.0.0.7", 0);
		assertThat(connections.admit(one).admitted()).isTrue();
		assertThat(connections.admit(connection("10.0.0.7", 1)).admitted()).isTrue();
		MllpConnections.Admission third = connections.admit(connection("10.0.0.7", 2));
		assertThat(third.admitted()).isFalse();
		assertThat(third.refusal()).contains("max-connections-per-sender");
		assertThat(connections.admit(connection("10.0.0.8", 3)).admitted()).isTrue();
		connections.remove(one);
		assertThat(connections.admit(connection("10.0.0.7", 4)).admitted()).isTrue();
	}

	@Test
	void theWatchdogClosesWhatOverstaysItsStateButNeverTheProcessing() throws Exception {
		long second = 1_000_000_000L;
		MllpConnection idle = connection("10.0.0.1", 0);
		idle.enter(State.IDLE, 0);
		assertThat(idle.closeIfOverdue(9 * second, 10 * second, 2 * second)).isNull();
		assertThat(idle.closeIfOverdue(11 * second, 10 * second, 2 * second)).isEqualTo(MllpConnection.Overdue.IDLE);
		assertThat(idle.closed()).isTrue();

		MllpConnection frame = connection("10.0.0.2", 0);
		frame.enter(State.IN_FRAME, 5 * second);
		assertThat(frame.closeIfOverdue(6 * second, 10 * second, 2 * second)).isNull();
		assertThat(frame.closeIfOverdue(8 * second, 10 * second, 2 * second)).isEqualTo(MllpConnection.Overdue.FRAME);

		MllpConnection processing = connection("10.0.0.3", 0);
		processing.enter(State.PROCESSING, 0);
		assertThat(processing.closeIfOverdue(1000 * second, 10 * second, 2 * second)).isNull();
		assertThat(processing.closeIfIdle()).isFalse();
	}
}
