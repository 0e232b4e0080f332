package org.caremap.transition.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * The connections being served, and who may join them: at most {@code max} at once, at most {@code perSender} from
 * one address. When all places are taken, a newcomer takes the place of an idle connection, chosen in this order:
 * one that never had a message answered before one that did (an interface engine keeping its connection open between
 * messages goes last), then the one idle longest. When none is idle, one that has been in the middle of a message
 * (or a TLS handshake) for longer than {@code slow} goes, the longest first: a live engine sends a message in far
 * less time, so half-sent frames held open cannot keep a live sender out. A connection whose message is being
 * processed or answered is never pushed out; when every connection is, the newcomer is refused and the sender tries
 * again later.
 */
final class MllpConnections {

	/** What became of a newcomer: admitted (perhaps in place of another, already closed), or refused and why. */
	record Admission(boolean admitted, @Nullable MllpConnection replaced, @Nullable String refusal) {
	}

	/** An idle connection as it was when looked at (it may start a message while the choice is made). */
	private record Candidate(MllpConnection connection, boolean answered, long since) {
	}

	private static final Comparator<Candidate> FIRST_TO_GO = Comparator.comparing(Candidate::answered)
		.thenComparingLong(Candidate::since);

	private final int max;
	private final int perSender;
	private final long slowNanos;
	private final Set<MllpConnection> open = new LinkedHashSet<>();

	MllpConnections(int max, int perSender) {
		this(max, perSender, java.time.Duration.ofSeconds(2));
	}

	MllpConnections(int max, int perSender, java.time.Duration slow) {
		this.max = max;
		this.perSender = perSender;
		this.slowNanos = slow.toNanos();
	}

	synchronized Admission admit(MllpConnection newcomer) {
		long fromSender = open.stream().filter(c -> c.sender().equals(newcomer.sender())).count();
		if (fromSender >= perSender) {
			return new Admission(false, null, fromSender + " connections from this address already (max-connections-per-sender)");
		}
		MllpConnection replaced = null;
		if (open.size() >= max) {
			List<Candidate> idle = new ArrayList<>();
			for (MllpConnection c : open) {
				if (c.idle()) idle.add(new Candidate(c, c.answered(), c.since()));
			}
			idle.sort(FIRST_TO_GO);
			for (Candidate candidate : idle) {
				if (candidate.connection().closeIfIdle()) { // still idle: it goes
					replaced = candidate.connection();
					open.remove(replaced);
					break;
				}
			}
			if (replaced == null) {
				long now = newcomer.since(); // when the newcomer was accepted
				List<MllpConnection> slow = new ArrayList<>();
				for (MllpConnection c : open) {
					if (c.sending()) slow.add(c);
				}
				slow.sort(Comparator.comparingLong(MllpConnection::since));
				for (MllpConnection c : slow) {
					if (c.closeIfSlow(now, slowNanos)) {
						replaced = c;
						open.remove(c);
						break;
					}
				}
			}
			if (replaced == null) {
				return new Admission(false, null, "all " + max + " connections are busy with a message (max-connections)");
			}
		}
		open.add(newcomer);
		return new Admission(true, replaced, null);
	}

	synchronized void remove(MllpConnection connection) {
		open.remove(connection);
	}

	synchronized List<MllpConnection> all() {
		return List.copyOf(open);
	}

	synchronized int size() {
		return open.size();
	}
}
