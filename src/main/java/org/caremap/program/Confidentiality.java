package org.caremap.program;

/**
 * How protected a program's records are: {@code PART2} marks substance-use programs under 42 CFR Part 2, whose
 * records need the patient's consent before any disclosure.
 */
public enum Confidentiality {
	STANDARD, SENSITIVE, PART2
}
