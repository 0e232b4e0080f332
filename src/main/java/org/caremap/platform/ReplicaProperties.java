package org.caremap.platform;

import java.nio.file.Path;
import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * A read replica ({@link ReplicaReads}): an external one by {@code url} (user and password default to the
 * application's), or, with {@code embedded=true} and the embedded primary, a standby of it made and started by
 * Caremap (data in {@code dataDir}, default {@code <home>/postgres-replica}; {@code port} 0 = any free port). Off by
 * default. Reads go to the primary while the replica lags more than {@code maxLag}; its lag is checked every
 * {@code checkEvery}.
 */
@ConfigurationProperties("caremap.db.replica")
public record ReplicaProperties(@Nullable String url, @Nullable String user, @Nullable String password, boolean embedded,
		@Nullable Path dataDir, int port, int poolSize, Duration maxLag, Duration checkEvery) {

	public ReplicaProperties {
		if (poolSize <= 0) poolSize = 5;
		if (maxLag == null) maxLag = Duration.ofSeconds(30);
		if (checkEvery == null) checkEvery = Duration.ofSeconds(1);
	}
}
