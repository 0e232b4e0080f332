package org.caremap.task.internal;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/** Hands the message bundle to the reading of tasks, so the titles of tasks Caremap makes come in the reader's language. */
@Component
class TaskTitles {

	TaskTitles(MessageSource messages) {
		JdbcTasks.titles = messages;
	}
}
