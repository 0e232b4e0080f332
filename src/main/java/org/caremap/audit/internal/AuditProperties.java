package org.caremap.audit.internal;

import java.nio.file.Path;
import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code caremap.audit.*}: how often the sealer runs, how many events it seals per batch, and where the chain's
 * head is anchored outside the database (default {@code <caremap.home>/audit/anchors.log}).
 */
@ConfigurationProperties("caremap.audit")
public record AuditProperties(Duration sealInterval, int sealBatchSize, Duration anchorInterval,
		@Nullable Path anchorFile) {

	public AuditProperties {
		if (sealInterval == null) sealInterval = Duration.ofSeconds(2);
		if (sealBatchSize <= 0) sealBatchSize = 5000;
		if (anchorInterval == null) anchorInterval = Duration.ofSeconds(10);
	}
}
