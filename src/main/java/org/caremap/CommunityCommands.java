package org.caremap;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.caremap.community.DirectoryImports;
import org.caremap.community.ImportReport;
import org.caremap.community.SyntheticDirectory;
import org.caremap.shared.SystemActor;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The community directory's commands: {@code community-import <source> <file or folder> [--partial]} imports an HSDS
 * file (a .zip or .json) or a folder of CSV tables or JSON files and prints the report (status 0 when it was done,
 * 1 when it failed); {@code community-synthetic <services> [--seed=N] [--zip=43215] [--radius=120]
 * [--source=synthetic]} loads a made-up directory of that size (the benchmark's), unless the source holds it already.
 */
final class CommunityCommands {

	private CommunityCommands() {
	}

	static int importDirectory(String[] args) {
		if (args.length < 2 || args[0].startsWith("--") || args[1].startsWith("--")) {
			System.err.println("usage: community-import <source name> <file.zip, file.json or folder> [--partial] [--caremap.*=...]");
			return 2;
		}
		String source = args[0];
		Path path = Path.of(args[1]);
		boolean full = Arrays.stream(args).noneMatch("--partial"::equals);
		String[] rest = Arrays.stream(args, 2, args.length).filter(a -> !a.equals("--partial")).toArray(String[]::new);
		try (ConfigurableApplicationContext context = CaremapApplication.command(rest)) {
			DirectoryImports imports = context.getBean(DirectoryImports.class);
			ImportReport report = SystemActor.call("community-import", List.of("SYSTEM"), () -> {
				try {
					return Files.isDirectory(path) ? imports.importFolder(source, path, full)
							: imports.importFile(source, path.getFileName().toString(), Files.readAllBytes(path), full);
				}
				catch (java.io.IOException ex) {
					throw new IllegalArgumentException("cannot read " + path + ": " + ex.getMessage());
				}
			});
			print(report);
			return "FAILED".equals(report.status()) ? 1 : 0;
		}
		catch (RuntimeException ex) {
			System.err.println("community-import failed: " + ex.getMessage());
			return 1;
		}
	}

	static int synthetic(String[] args) {
		if (args.length == 0 || !args[0].matches("^[0-9]{1,6}$")) {
			System.err.println("usage: community-synthetic <services> [--seed=N] [--zip=43215] [--radius=120] [--source=synthetic]");
			return 2;
		}
		int services = Integer.parseInt(args[0]);
		long seed = Long.parseLong(option(args, "--seed=", "7"));
		String zip = option(args, "--zip=", "43215");
		int radius = Integer.parseInt(option(args, "--radius=", "120"));
		String source = option(args, "--source=", "synthetic");
		String[] rest = Arrays.stream(args, 1, args.length)
			.filter(a -> !a.startsWith("--seed=") && !a.startsWith("--zip=") && !a.startsWith("--radius=") && !a.startsWith("--source="))
			.toArray(String[]::new);
		try (ConfigurableApplicationContext context = CaremapApplication.command(rest)) {
			long started = System.nanoTime();
			var report = SystemActor.call("community-synthetic", List.of("SYSTEM"),
					() -> context.getBean(SyntheticDirectory.class).load(source, services, seed, zip, radius));
			report.ifPresentOrElse(CommunityCommands::print, () -> System.out.println("The source " + source + " holds them already"));
			System.out.printf(java.util.Locale.ROOT, "Directory loaded in %,.1f s%n", (System.nanoTime() - started) / 1e9);
			return report.map(r -> "FAILED".equals(r.status()) ? 1 : 0).orElse(0);
		}
		catch (RuntimeException ex) {
			System.err.println("community-synthetic failed: " + ex.getMessage());
			return 1;
		}
	}

	private static String option(String[] args, String prefix, String otherwise) {
		return Arrays.stream(args).filter(a -> a.startsWith(prefix)).map(a -> a.substring(prefix.length())).findFirst().orElse(otherwise);
	}

	private static void print(ImportReport r) {
		System.out.printf(java.util.Locale.ROOT, "Import of %s (%s): %s, %d added, %d updated, %d unchanged, %d retired, %d problems%n",
				r.source(), r.fileName(), r.status(), r.added(), r.updated(), r.unchanged(), r.retired(), r.problems().size());
		r.problems().stream().limit(50).forEach(p -> System.out.printf("  %s %s: %s%s%n", p.record(),
				p.field() == null ? "" : p.field(), p.message(), p.skipped() ? " (skipped)" : ""));
	}
}
