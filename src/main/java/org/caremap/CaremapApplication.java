package org.caremap;

import java.util.Arrays;

import org.caremap.audit.AuditVerification;
import org.caremap.audit.AuditVerifier;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Caremap: care management for patient care case managers.
 * <p>
 * Run with no argument to serve the application; run with {@code audit-verify} to verify the audit trail and
 * exit (status 0 when intact, 1 when broken).
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class CaremapApplication {

	public static void main(String[] args) {
		if (args.length > 0 && args[0].equals("audit-verify")) {
			System.exit(verifyAudit(Arrays.copyOfRange(args, 1, args.length)));
		}
		SpringApplication.run(CaremapApplication.class, args);
	}

	private static int verifyAudit(String[] args) {
		SpringApplication app = new SpringApplication(CaremapApplication.class);
		app.setWebApplicationType(WebApplicationType.NONE);
		app.setDefaultProperties(java.util.Map.of("caremap.demo.enabled", "false", "caremap.scheduler.enabled",
				"false"));
		try (ConfigurableApplicationContext context = app.run(args)) {
			AuditVerification result = context.getBean(AuditVerifier.class).verify();
			System.out.println(result.intact() ? "Audit trail intact: " + result.checked() + " links verified"
					: "Audit trail BROKEN at link " + result.brokenAtSeq() + ": " + result.problem());
			result.notes().forEach(note -> System.out.println("  " + note));
			return result.intact() ? 0 : 1;
		}
	}
}
