package org.caremap.community.internal;

import java.time.Period;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code caremap.community.*}:
 * <ul>
 * <li>{@code stale-after}: an entry not verified for this long is marked stale in the lists and the search (default
 * {@code 12m}, twelve months; ISO {@code P1Y} works too).</li>
 * <li>{@code import-max-bytes}: the largest HSDS file an import reads (default 20 MB, as the upload limit).</li>
 * <li>{@code import-max-records}: the most records of one kind an import reads (default 50,000).</li>
 * <li>{@code load-zip-centroids}: load the shipped ZIP-code centroids at start-up when the table is empty or the
 * file's version changed (default true).</li>
 * </ul>
 */
@ConfigurationProperties("caremap.community")
public record CommunityProperties(@Nullable Period staleAfter, @Nullable Long importMaxBytes,
		@Nullable Integer importMaxRecords, @Nullable Boolean loadZipCentroids) {

	public CommunityProperties {
		if (staleAfter == null || staleAfter.isNegative() || staleAfter.isZero()) staleAfter = Period.ofMonths(12);
		if (importMaxBytes == null || importMaxBytes <= 0) importMaxBytes = 20L * 1024 * 1024;
		if (importMaxRecords == null || importMaxRecords <= 0) importMaxRecords = 50_000;
		if (loadZipCentroids == null) loadZipCentroids = true;
	}

	/** The moment before which a verification is stale. */
	public java.time.Instant staleBefore(java.time.Instant now) {
		return now.atZone(java.time.ZoneOffset.UTC).minus(staleAfter()).toInstant();
	}

	@Override
	public Period staleAfter() {
		return staleAfter == null ? Period.ofMonths(12) : staleAfter;
	}
}
