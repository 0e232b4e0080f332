package org.caremap;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModule;
import org.springframework.modulith.core.DependencyType;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/** The module map is the spec's table of contents; its boundaries hold, and its documentation is written. */
class ModuleStructureTest {

	private final ApplicationModules modules = ApplicationModules.of(CaremapApplication.class);

	@Test
	void modulesRespectTheirBoundaries() {
		modules.verify();
	}

	private static final Path README = Path.of("README.md");
	private static final String BEGIN = "<!-- module-map:begin (written by ModuleStructureTest from the code; do not edit) -->";
	private static final String END = "<!-- module-map:end -->";

	private static String id(ApplicationModule module) {
		return module.getIdentifier().toString();
	}

	/**
	 * The modules each module depends on directly: {@code true} when all it uses of the target are the events it listens
	 * to (and what they carry), {@code false} when it also uses the target's API; listened modules also appear with the
	 * suffix {@code " (events)"}.
	 */
	private Map<String, Map<String, Boolean>> edges() {
		Map<String, Map<String, Boolean>> edges = new TreeMap<>();
		for (ApplicationModule module : modules) {
			Map<String, Boolean> targets = new TreeMap<>();
			java.util.Set<String> events = new java.util.HashSet<>();
			module.getDirectDependencies(modules).stream().filter(d -> d.getDependencyType() == DependencyType.EVENT_LISTENER)
				.forEach(d -> events.add(d.getTargetType().getName()));
			module.getDirectDependencies(modules).stream().forEach(d -> {
				String target = id(d.getTargetModule());
				String type = d.getTargetType().getName();
				boolean event = events.stream().anyMatch(e -> type.equals(e) || type.startsWith(e + "$"));
				targets.merge(target, event, Boolean::logicalAnd);
				if (d.getDependencyType() == DependencyType.EVENT_LISTENER) targets.put(target + " (events)", true);
			});
			targets.remove(id(module));
			targets.remove(id(module) + " (events)");
			edges.put(id(module), targets);
		}
		return edges;
	}

	@Test
	void everyModuleDeclaresWhatItMayDependOn() throws ClassNotFoundException {
		for (ApplicationModule module : modules) {
			org.springframework.modulith.ApplicationModule declared = Class
				.forName(module.getBasePackage().getName() + ".package-info")
				.getAnnotation(org.springframework.modulith.ApplicationModule.class);
			assertThat(declared).as("the @ApplicationModule of %s's package-info.java", id(module)).isNotNull();
			if (declared.type() == org.springframework.modulith.ApplicationModule.Type.OPEN) continue;
			assertThat(declared.allowedDependencies()).as("allowedDependencies of %s", id(module)).isNotEmpty();
		}
		assertThat(modules.stream().count()).isGreaterThanOrEqualTo(22);
	}

	@Test
	void sideEffectsTravelAsEventsAndNoModuleUsesAnothersScreens() {
		Map<String, Map<String, Boolean>> edges = edges();
		// the modules where things happen publish them; work and alerts are made by the listeners of task and notification
		for (String publisher : List.of("transition", "assessment", "caseload", "access")) {
			assertThat(edges.get(publisher).keySet()).as("what %s depends on", publisher).doesNotContain("task", "notification");
		}
		assertThat(edges.get("task")).as("task listens to transition and assessment").containsKeys("transition (events)",
				"assessment (events)");
		assertThat(edges.get("notification")).containsKeys("transition (events)", "assessment (events)", "caseload (events)",
				"access (events)", "task (events)");
		for (ApplicationModule module : modules) {
			module.getDirectDependencies(modules).stream()
				.filter(d -> !d.getTargetModule().equals(module))
				.forEach(d -> assertThat(d.getTargetType().getPackageName())
					.as("%s uses %s", d.getSourceType().getName(), d.getTargetType().getName())
					.doesNotContain(".web").doesNotContain(".internal"));
		}
	}

	/** The README's module map is this table; a change of a module's dependencies rewrites it (commit the README). */
	@Test
	void theReadmesModuleMapIsDrawnFromTheCode() throws Exception {
		StringBuilder table = new StringBuilder(BEGIN).append("\n| Module | Uses (its API) | Listens to the events of |\n|---|---|---|\n");
		edges().forEach((module, targets) -> {
			if (module.equals("shared")) return;
			List<String> uses = targets.entrySet().stream()
				.filter(e -> !e.getKey().endsWith(" (events)") && !e.getValue() && !e.getKey().equals("shared"))
				.map(Map.Entry::getKey).toList();
			List<String> listens = targets.keySet().stream().filter(k -> k.endsWith(" (events)"))
				.map(k -> k.substring(0, k.length() - " (events)".length())).toList();
			table.append("| `").append(module).append("` | ").append(uses.isEmpty() ? "-" : String.join(", ", uses))
				.append(" | ").append(listens.isEmpty() ? "-" : String.join(", ", listens)).append(" |\n");
		});
		table.append(END);
		String readme = Files.readString(README);
		int begin = readme.indexOf(BEGIN);
		int end = readme.indexOf(END);
		assertThat(begin).as("the module map's markers in the README").isNotNegative();
		assertThat(end).isGreaterThan(begin);
		String current = readme.substring(begin, end + END.length());
		if (!current.equals(table.toString())) {
			Files.writeString(README, readme.substring(0, begin) + table + readme.substring(end + END.length()));
		}
		assertThat(current).as("the README's module map (rewritten now: commit README.md)").isEqualTo(table.toString());
	}

	@Test
	void writesModuleDocumentation() throws Exception {
		new Documenter(modules).writeDocumentation().writeIndividualModulesAsPlantUml().writeModuleCanvases();
		Path docs = Path.of("target", "spring-modulith-docs");
		assertThat(docs.resolve("components.puml")).exists();
		assertThat(Files.readString(docs.resolve("components.puml"))).contains("Audit", "Identity", "Patient");
	}
}
