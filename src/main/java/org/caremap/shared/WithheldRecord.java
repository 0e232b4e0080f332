package org.caremap.shared;

import org.springframework.security.access.AccessDeniedException;

/**
 * A record withheld from its reader under 42 CFR Part 2 (made in a substance-use program the reader is outside of,
 * with no consent of the patient naming them): refused like any access the reader lacks, with its own words.
 */
public class WithheldRecord extends AccessDeniedException {

	public WithheldRecord(String what) {
		super("withheld under 42 CFR Part 2: " + what);
	}
}
