package org.caremap.transition.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;

import org.jspecify.annotations.Nullable;

/**
 * One MLLP connection and where it stands: opening (the TLS handshake), idle between messages, inside a frame,
 * processing a message, answering it. The listener's watchdog closes it when it stays too long in one state, and a
 * newcomer may push it out only while it is idle. State changes and closing hold the connection's lock, so a frame
 * that has just started is never mistaken for silence.
 */
final class MllpConnection {

	enum State {
		OPENING, IDLE, IN_FRAME, PROCESSING, ANSWERING, CLOSED
	}

	/** Why the watchdog closed a connection. */
	enum Overdue {
		IDLE("silent longer than the idle timeout"), HANDSHAKE("TLS handshake not finished within the frame timeout"),
		FRAME("message not finished within the frame timeout"), ANSWER("ACK not taken within the frame timeout");

		final String reason;

		Overdue(String reason) {
			this.reason = reason;
		}
	}

	private final Socket socket;
	private final InetAddress sender;
	private State state;
	private long since;
	private boolean answered;

	/**
	 * @param socket the TCP connection (under TLS, the plain socket the TLS one is layered on: closing it never waits
	 * for a TLS close_notify to be written)
	 * @param now {@link System#nanoTime()} when it was accepted
	 * @param handshake whether a TLS handshake comes first (until it is done the connection is opening, not idle)
	 */
	MllpConnection(Socket socket, InetAddress sender, long now, boolean handshake) {
		this.socket = socket;
		this.sender = sender;
		this.since = now;
		this.state = handshake ? State.OPENING : State.IDLE;
	}

	InetAddress sender() {
		return sender;
	}

	Socket socket() {
		return socket;
	}

	/** Moves on to the next state; a connection closed by the listener stays closed and says so. */
	synchronized void enter(State next, long now) throws SocketException {
		if (state == State.CLOSED) throw new SocketException("closed by the listener");
		if (state == State.ANSWERING && next == State.IDLE) answered = true;
		if (state != State.OPENING || next != State.IDLE) since = now; // a new connection is idle from its acceptance
		state = next;
	}

	synchronized State state() {
		return state;
	}

	/** Idle, and since when ({@link System#nanoTime()}); only such a connection may be pushed out. */
	synchronized boolean idle() {
		return state == State.IDLE;
	}

	synchronized long since() {
		return since;
	}

	/** Whether a message of it was ever answered (one that never sent anything goes first when room is needed). */
	synchronized boolean answered() {
		return answered;
	}

	/** Closes it if it is still idle; false when it has started a message meanwhile (or was closed already). */
	synchronized boolean closeIfIdle() {
		if (state != State.IDLE) return false;
		close();
		return true;
	}

	/**
	 * Closes it if it has been in the middle of a message (or of its TLS handshake) for longer than {@code slowNanos}:
	 * a live engine sends a whole message in far less, so a half-sent frame held that long only keeps a place.
	 */
	synchronized boolean closeIfSlow(long now, long slowNanos) {
		if ((state != State.IN_FRAME && state != State.OPENING) || now - since <= slowNanos) return false;
		close();
		return true;
	}

	/** Whether it is in the middle of a message or of its handshake. */
	synchronized boolean sending() {
		return state == State.IN_FRAME || state == State.OPENING;
	}

	/**
	 * Closes it when it stayed too long in its state, and says why; null when it may go on. Processing has no limit
	 * here: that is Caremap's own work, bounded by the database's timeouts.
	 */
	synchronized @Nullable Overdue closeIfOverdue(long now, long idleNanos, long frameNanos) {
		long in = now - since;
		Overdue overdue = switch (state) {
			case IDLE -> in > idleNanos ? Overdue.IDLE : null;
			case OPENING -> in > frameNanos ? Overdue.HANDSHAKE : null;
			case IN_FRAME -> in > frameNanos ? Overdue.FRAME : null;
			case ANSWERING -> in > frameNanos ? Overdue.ANSWER : null;
			case PROCESSING, CLOSED -> null;
		};
		if (overdue != null) close();
		return overdue;
	}

	synchronized void close() {
		state = State.CLOSED;
		try {
			socket.close();
		}
		catch (IOException ignored) {
			// gone already
		}
	}

	synchronized boolean closed() {
		return state == State.CLOSED;
	}
}
