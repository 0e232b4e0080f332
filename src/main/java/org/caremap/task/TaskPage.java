package org.caremap.task;

import java.util.List;

/** One page of the tasks a query found, and how many it found in all. */
public record TaskPage(List<TaskRecord> tasks, long total) {

	public TaskPage {
		tasks = List.copyOf(tasks);
	}
}
