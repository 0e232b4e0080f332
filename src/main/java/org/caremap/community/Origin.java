package org.caremap.community;

import org.jspecify.annotations.Nullable;

/** Where a search measures distance from: a point, the ZIP code it came from (if any), and how to say it. */
public record Origin(double latitude, double longitude, @Nullable String zip, String label) {

	public Origin {
		if (latitude < -90 || latitude > 90 || longitude < -180 || longitude > 180) {
			throw new IllegalArgumentException("not a point on earth: " + latitude + ", " + longitude);
		}
		if (label == null || label.isBlank()) label = zip == null ? latitude + ", " + longitude : zip;
	}
}
