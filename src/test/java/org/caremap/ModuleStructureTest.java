package org.caremap;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/** The module map is the spec's table of contents; its boundaries hold, and its documentation is written. */
class ModuleStructureTest {

	private final ApplicationModules modules = ApplicationModules.of(CaremapApplication.class);

	@Test
	void modulesRespectTheirBoundaries() {
		modules.verify();
	}

	@Test
	void everyCapabilityOfThisStageIsAModule() {
		assertThat(modules.stream().map(m -> m.getIdentifier().toString()))
			.contains("shared", "platform", "identity", "access", "audit", "organization", "patient", "notification",
					"demo", "workspace", "assessment", "careplan");
	}

	@Test
	void writesModuleDocumentation() throws Exception {
		new Documenter(modules).writeDocumentation().writeIndividualModulesAsPlantUml().writeModuleCanvases();
		Path docs = Path.of("target", "spring-modulith-docs");
		assertThat(docs.resolve("components.puml")).exists();
		assertThat(Files.readString(docs.resolve("components.puml"))).contains("Audit", "Identity", "Patient");
	}
}
