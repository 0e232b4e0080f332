package org.caremap.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;

import org.caremap.demo.DemoLogins;
import org.caremap.identity.UserAccounts;
import org.caremap.shared.UserId;
import org.caremap.support.Browserless;
import org.caremap.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The bell: notifications appear with an unread count and can be marked read; e-mail goes through the outbox. */
class NotificationsIT extends IntegrationTest {

	@Autowired
	Notifications notifications;

	@Autowired
	EmailOutbox outbox;

	@Autowired
	UserAccounts accounts;

	@Autowired
	DemoLogins demo;

	@Autowired
	JdbcClient jdbc;

	@Test
	void notificationIsShownCountedAndMarkedRead() {
		UserId intake = accounts.findByUsername("intake").orElseThrow().id();
		notifications.notify(intake, "test", "New referral waiting", "A referral is waiting for screening.", "/");
		long unread = notifications.unreadCount(intake);
		assertThat(unread).isPositive();

		Browserless browser = client();
		browser.login("intake", demo.password("intake").orElseThrow());
		HttpResponse<String> page = browser.get("/notifications");
		assertThat(page.body()).contains("New referral waiting").contains(unread + " unread notifications");

		var id = notifications.recent(intake, 10).stream().filter(n -> n.title().equals("New referral waiting"))
			.findFirst().orElseThrow().id();
		HttpResponse<String> marked = browser.post("/notifications/" + id + "/read", Map.of());
		assertThat(marked.statusCode()).isEqualTo(302);
		assertThat(notifications.unreadCount(intake)).isEqualTo(unread - 1);
	}

	@Test
	void nobodyMarksAnotherUsersNotification() {
		UserId intake = accounts.findByUsername("intake").orElseThrow().id();
		UserId reviewer = accounts.findByUsername("reviewer").orElseThrow().id();
		notifications.notify(intake, "test", "Private to intake", null, null);
		var id = notifications.recent(intake, 1).get(0).id();
		assertThat(notifications.markRead(reviewer, id)).isFalse();
		assertThat(notifications.recent(intake, 1).get(0).unread()).isTrue();
	}

	@Test
	void emailIsQueuedAndProcessedByTheOutboxJob() throws Exception {
		outbox.queue("dana@riverside-care.example", "Test message", "Hello");
		long deadline = System.currentTimeMillis() + 30_000;
		String status = "PENDING";
		while (System.currentTimeMillis() < deadline && status.equals("PENDING")) {
			Thread.sleep(500);
			status = jdbc.sql("select status from email_outbox where subject = 'Test message'").query(String.class).single();
		}
		String jobs = jdbc.sql("select task_name || ' at ' || execution_time || ' picked=' || picked || ' by ' || coalesce(picked_by, '-') || ' failures=' || coalesce(consecutive_failures, 0) from scheduled_tasks")
			.query(String.class).list().toString();
		assertThat(status).as("outbox job state: %s", jobs).isEqualTo("LOGGED");
	}
}
