package org.caremap.demo.internal;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;

import org.caremap.organization.Organizations;
import org.caremap.outreach.NewRule;
import org.caremap.outreach.OutreachRegistries;
import org.caremap.shared.SystemActor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The demo's outreach registries: three saved rules (heart failure not enrolled; PHQ-9 of 10 or more without contact
 * in 30 days; COPD or diabetes with an ED visit in six months), evaluated once the demo's events have reached the
 * registries' read model, for each of the last two weeks (as of each day, so the trend is what the facts say) and
 * today. Made once.
 */
@Component
@Order(140)
class DemoOutreach implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(DemoOutreach.class);
	static final int HISTORY_DAYS = 14;

	private final DemoOrganization demo;
	private final OutreachRegistries registries;
	private final Organizations organizations;
	private final JdbcClient jdbc;

	DemoOutreach(DemoOrganization demo, OutreachRegistries registries, Organizations organizations, JdbcClient jdbc) {
		this.demo = demo;
		this.registries = registries;
		this.organizations = organizations;
		this.jdbc = jdbc;
	}

	@Override
	public void run(ApplicationArguments args) {
		if (!demo.enabled()) return;
		try {
			SystemActor.run("demo", List.of("SUPERVISOR", "SYSTEM"), () -> {
				if (!registries.rules().isEmpty()) return;
				awaitListeners();
				registries.save(new NewRule("Heart failure, not enrolled", "Patients with heart failure (I50) whom no program has yet.",
						List.of("I50"), null, null, null, null, false, null, true));
				registries.save(new NewRule("PHQ-9 of 10 or more without contact in 30 days",
						"Depression screening positive at the latest PHQ-9, and nobody has been in touch for a month.", List.of(),
						"phq-9", BigDecimal.TEN, null, null, false, 30, false));
				registries.save(new NewRule("COPD or diabetes with an ED visit in 6 months",
						"COPD (J44) or diabetes (E10, E11) and at least one ED visit in the last six months.", List.of("J44", "E10", "E11"),
						null, null, 6, 1, false, null, false));
				LocalDate today = organizations.today();
				for (int back = HISTORY_DAYS; back >= 0; back--) registries.evaluate(today.minusDays(back));
			});
			log.info("Demo outreach registries made and evaluated");
		}
		catch (RuntimeException ex) {
			log.warn("Demo outreach registries not made: {}", ex.getMessage());
		}
	}

	/** Waits (at most a minute) until the demo's events have been handled by their listeners (the registries' facts). */
	private void awaitListeners() {
		long giveUp = System.nanoTime() + Duration.ofMinutes(1).toNanos();
		while (System.nanoTime() < giveUp && jdbc.sql("select count(*) from event_publication where completion_date is null")
			.query(Long.class).single() > 0) {
			try {
				Thread.sleep(100);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
		}
	}
}
