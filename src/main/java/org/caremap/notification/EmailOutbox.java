package org.caremap.notification;

/** Queues an e-mail; a job sends it after the transaction that queued it has committed. */
public interface EmailOutbox {

	void queue(String recipient, String subject, String body);
}
