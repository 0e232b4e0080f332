package org.caremap.demo.internal;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code caremap.demo.*}: whether to create the demo organisation on an empty database (default: yes on the
 * embedded database, no on an external one), how many patients, and the generator's seed.
 */
@ConfigurationProperties("caremap.demo")
public record DemoProperties(@Nullable Boolean enabled, int patients, long seed) {
	public DemoProperties {
		if (patients <= 0) patients = 200;
		if (seed == 0) seed = 20261123L;
	}
}
