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
 * exit (status 0 when intact, 1 when broken); run with {@code fhir-import <folder>} to import every FHIR bundle
 * ({@code *.json}) of a folder, showing progress (status 0 when every bundle was taken, 1 otherwise).
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class CaremapApplication {

	public static void main(String[] args) {
		if (args.length > 0 && args[0].equals("audit-verify")) {
			System.exit(verifyAudit(Arrays.copyOfRange(args, 1, args.length)));
		}
		if (args.length > 0 && args[0].equals("fhir-import")) {
			System.exit(importBundles(Arrays.copyOfRange(args, 1, args.length)));
		}
		SpringApplication.run(CaremapApplication.class, args);
	}

	/**
	 * A command: the application without its web server, scheduler, demo set-up or HL7 listener, whatever the
	 * environment says for the running application (the command runs beside it, on the same settings).
	 */
	private static ConfigurableApplicationContext command(String[] args) {
		SpringApplication app = new SpringApplication(CaremapApplication.class);
		app.setWebApplicationType(WebApplicationType.NONE);
		String[] all = Arrays.copyOf(args, args.length + 3);
		all[args.length] = "--caremap.demo.enabled=false";
		all[args.length + 1] = "--caremap.scheduler.enabled=false";
		all[args.length + 2] = "--caremap.adt.mllp-port=-1";
		return app.run(all);
	}

	private static int importBundles(String[] args) {
		if (args.length == 0 || args[0].startsWith("--")) {
			System.err.println("usage: fhir-import <folder of FHIR bundles (*.json)> [--caremap.*=...]");
			return 2;
		}
		java.nio.file.Path folder = java.nio.file.Path.of(args[0]);
		try (ConfigurableApplicationContext context = command(Arrays.copyOfRange(args, 1, args.length))) {
			return context.getBean(org.caremap.fhir.BundleFolder.class).importFolder(folder, System.out) ? 0 : 1;
		}
	}

	private static int verifyAudit(String[] args) {
		try (ConfigurableApplicationContext context = command(args)) {
			AuditVerification result = context.getBean(AuditVerifier.class).verify();
			System.out.println(result.intact() ? "Audit trail intact: " + result.checked() + " links verified"
					: "Audit trail BROKEN at link " + result.brokenAtSeq() + ": " + result.problem());
			result.notes().forEach(note -> System.out.println("  " + note));
			return result.intact() ? 0 : 1;
		}
	}
}
