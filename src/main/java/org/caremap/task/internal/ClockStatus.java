package org.caremap.task.internal;

import java.util.Map;
import java.util.Set;

/**
 * The states of a clock instance and the transition table that moves them; each move is an update guarded in SQL by
 * the states it may leave ({@code where status = any(...)}), walked by {@code ClockStateMachineIT}.
 */
enum ClockStatus {
	RUNNING, PAUSED, MET, MISSED, CANCELLED;

	enum Action {
		PAUSE, RESUME, STOP, CANCEL
	}

	/** From each state, what each action leads to (a stop leads to MET, or MISSED when past due or breached). */
	static final Map<ClockStatus, Map<Action, ClockStatus>> TABLE = Map.of(
			RUNNING, Map.of(Action.PAUSE, PAUSED, Action.STOP, MET, Action.CANCEL, CANCELLED),
			PAUSED, Map.of(Action.RESUME, RUNNING, Action.STOP, MET, Action.CANCEL, CANCELLED),
			MET, Map.of(), MISSED, Map.of(), CANCELLED, Map.of());

	/** The states an action may leave: the SQL guard. */
	static String[] from(Action action) {
		return TABLE.entrySet().stream().filter(e -> e.getValue().containsKey(action)).map(e -> e.getKey().name())
			.sorted().toArray(String[]::new);
	}

	static final Set<String> OPEN = Set.of(RUNNING.name(), PAUSED.name());
}
