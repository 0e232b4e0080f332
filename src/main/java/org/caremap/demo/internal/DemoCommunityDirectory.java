package org.caremap.demo.internal;

import java.util.List;

import org.caremap.community.SyntheticDirectory;
import org.caremap.platform.DatabaseInfo;
import org.caremap.shared.SystemActor;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * The demo's community resource directory: about 300 made-up services within 20 miles of downtown Columbus, where
 * the demo patients live (loaded once; the community module generates it the same way every time).
 */
@Component
// before the demo organisation (order 100), whose demo referrals pick services from this directory
@org.springframework.core.annotation.Order(90)
class DemoCommunityDirectory implements ApplicationRunner {

	static final String CENTRE_ZIP = "43215";

	private final DemoProperties properties;
	private final DatabaseInfo database;
	private final SyntheticDirectory directory;

	DemoCommunityDirectory(DemoProperties properties, DatabaseInfo database, SyntheticDirectory directory) {
		this.properties = properties;
		this.database = database;
		this.directory = directory;
	}

	@Override
	public void run(ApplicationArguments args) {
		boolean enabled = properties.enabled() != null ? properties.enabled() : database.embedded();
		if (!enabled) return;
		SystemActor.run("demo", List.of("ADMIN", "SYSTEM"), () -> directory.loadDemo(CENTRE_ZIP));
	}
}
