package org.caremap.notification.internal;

import java.util.List;
import java.util.UUID;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.MailException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Works through the e-mail outbox. Mode {@code log} (the default) writes each message to the log and marks it
 * LOGGED; mode {@code smtp} sends it with the configured mail server ({@code spring.mail.*}) and retries failures
 * up to five times.
 */
@Configuration(proxyBeanMethods = false)
class EmailDispatcher {

	private static final Logger log = LoggerFactory.getLogger(EmailDispatcher.class);
	private static final int MAX_ATTEMPTS = 5;

	record Pending(UUID id, String recipient, String subject, String body, int attempts) {
	}

	@Bean
	RecurringTask<Void> emailOutboxTask(JdbcClient jdbc, TransactionTemplate tx,
			ObjectProvider<JavaMailSender> mailSender, @Value("${caremap.mail.mode:log}") String mode,
			@Value("${caremap.mail.from:caremap@localhost}") String from) {
		return Tasks.recurring("email-outbox", FixedDelay.ofSeconds(10))
			.execute((instance, context) -> dispatch(jdbc, tx, "smtp".equals(mode) ? mailSender.getIfAvailable() : null,
					from));
	}

	static void dispatch(JdbcClient jdbc, TransactionTemplate tx, @Nullable JavaMailSender sender, String from) {
		tx.executeWithoutResult(status -> {
			List<Pending> batch = jdbc.sql("""
					select id, recipient, subject, body, attempts from email_outbox
					where status = 'PENDING' order by created_at limit 50 for update skip locked""")
				.query((rs, n) -> new Pending(rs.getObject("id", UUID.class), rs.getString("recipient"),
						rs.getString("subject"), rs.getString("body"), rs.getInt("attempts")))
				.list();
			for (Pending mail : batch) {
				if (sender == null) {
					log.info("E-mail (not sent, mail mode is 'log') to={} subject={}\n{}", mail.recipient(),
							mail.subject(), mail.body());
					jdbc.sql("update email_outbox set status = 'LOGGED', processed_at = now() where id = ?")
						.param(mail.id()).update();
					continue;
				}
				try {
					SimpleMailMessage message = new SimpleMailMessage();
					message.setFrom(from);
					message.setTo(mail.recipient());
					message.setSubject(mail.subject());
					message.setText(mail.body());
					sender.send(message);
					jdbc.sql("update email_outbox set status = 'SENT', attempts = attempts + 1, processed_at = now() where id = ?")
						.param(mail.id()).update();
				}
				catch (MailException ex) {
					String status2 = mail.attempts() + 1 >= MAX_ATTEMPTS ? "FAILED" : "PENDING";
					log.warn("E-mail to {} failed (attempt {}): {}", mail.recipient(), mail.attempts() + 1, ex.getMessage());
					jdbc.sql("update email_outbox set status = ?, attempts = attempts + 1, last_error = ? where id = ?")
						.params(status2, ex.getMessage(), mail.id()).update();
				}
			}
		});
	}
}
