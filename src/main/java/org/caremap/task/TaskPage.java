package org.caremap.task;

import java.util.List;
import java.util.Set;

/**
 * One page of the tasks a query found, and how many it found in all; how many of the page were withheld under
 * 42 CFR Part 2, whether those shown from a Part 2 program came under a consent (the notice against redisclosure
 * is owed), and which shown tasks are Part 2 records (labelled).
 */
public record TaskPage(List<TaskRecord> tasks, long total, int withheld, boolean notice, Set<TaskId> part2) {

	public TaskPage {
		tasks = List.copyOf(tasks);
		part2 = Set.copyOf(part2);
	}

	public TaskPage(List<TaskRecord> tasks, long total) {
		this(tasks, total, 0, false, Set.of());
	}
}
