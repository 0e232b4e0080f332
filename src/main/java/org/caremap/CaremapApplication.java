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
		if (args.length > 0 && args[0].equals("populate")) {
			System.exit(populate(Arrays.copyOfRange(args, 1, args.length)));
		}
		if (args.length > 0 && args[0].equals("community-import")) {
			System.exit(CommunityCommands.importDirectory(Arrays.copyOfRange(args, 1, args.length)));
		}
		if (args.length > 0 && args[0].equals("community-synthetic")) {
			System.exit(CommunityCommands.synthetic(Arrays.copyOfRange(args, 1, args.length)));
		}
		SpringApplication.run(CaremapApplication.class, args);
	}

	/** {@code populate <patients> [--seed=N]}: a synthetic organisation of that size (e.g. 100k, 1m) in an empty database. */
	private static int populate(String[] args) {
		Integer patients = args.length == 0 ? null : patientCount(args[0]);
		if (patients == null) {
			System.err.println("usage: populate <patients, e.g. 100000, 100k or 1m> [--seed=N] [--caremap.*=...]");
			return 2;
		}
		long seed = Arrays.stream(args).filter(a -> a.startsWith("--seed=")).map(a -> Long.parseLong(a.substring(7)))
			.findFirst().orElse(42L);
		String[] rest = Arrays.stream(args, 1, args.length).filter(a -> !a.startsWith("--seed=")).toArray(String[]::new);
		try (ConfigurableApplicationContext context = command(rest)) {
			System.out.printf(java.util.Locale.ROOT, "Loading a synthetic population of %,d patients (seed %d)%n", patients, seed);
			org.caremap.demo.Population.Summary summary = context.getBean(org.caremap.demo.Population.class)
				.load(patients, seed, System.out);
			summary.rows().forEach((table, rows) -> System.out.printf(java.util.Locale.ROOT, "  %-20s %,14d rows%n", table, rows));
			summary.phases().forEach((phase, took) -> System.out.printf(java.util.Locale.ROOT, "  %-30s %,8.1f s%n", phase,
					took.toMillis() / 1000.0));
			System.out.printf(java.util.Locale.ROOT, "Population loaded in %,.1f s%n", summary.took().toMillis() / 1000.0);
			return 0;
		}
		catch (RuntimeException ex) {
			System.err.println("populate failed: " + ex.getMessage());
			return 1;
		}
	}

	private static Integer patientCount(String text) {
		String t = text.strip().toLowerCase(java.util.Locale.ROOT);
		long factor = t.endsWith("k") ? 1_000 : t.endsWith("m") ? 1_000_000 : 1;
		if (factor > 1) t = t.substring(0, t.length() - 1);
		try {
			long n = Long.parseLong(t) * factor;
			return n >= 20 && n <= 16_000_000 ? (int) n : null;
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

	/**
	 * A command: the application without its web server, scheduler, demo set-up or HL7 listener, whatever the
	 * environment says for the running application (the command runs beside it, on the same settings).
	 */
	static ConfigurableApplicationContext command(String[] args) {
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
