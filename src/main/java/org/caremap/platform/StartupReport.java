package org.caremap.platform;

import java.lang.management.ManagementFactory;
import java.util.Locale;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/** Says on the console when Caremap is ready, how long it took, and where to open it. */
@Component
class StartupReport {

	private static final Logger log = LoggerFactory.getLogger("org.caremap.Caremap");

	private final DatabaseInfo database;

	StartupReport(DatabaseInfo database) {
		this.database = database;
	}

	@EventListener
	@Order(Integer.MAX_VALUE)
	void ready(ApplicationReadyEvent event) {
		double seconds = ManagementFactory.getRuntimeMXBean().getUptime() / 1000.0;
		String where = "";
		if (event.getApplicationContext() instanceof WebServerApplicationContext web && web.getWebServer() != null) {
			where = " at http://localhost:" + web.getWebServer().getPort() + "/";
		}
		log.info("Database: {} ({}){}", database.embedded() ? "embedded PostgreSQL" : "external PostgreSQL",
				database.url(), database.dataDir() == null ? "" : ", data in " + database.dataDir());
		log.info(String.format(Locale.ROOT, "Caremap ready in %.1f s%s", seconds, where));
	}
}
