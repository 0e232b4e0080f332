package org.caremap.community;

/**
 * Generates a directory of made-up services around a place, deterministically (the same seed gives the same
 * directory), and imports it like an HSDS file: the demo's few hundred services, the benchmark's twenty thousand.
 */
public interface SyntheticDirectory {

	/** The demo directory (about 300 services within 20 miles of the ZIP code), unless it is there already. */
	void loadDemo(String centreZip);

	/**
	 * {@code services} services of the source {@code source} spread within {@code radiusMiles} of the ZIP code, unless
	 * that source already holds that many; the import's report, or empty when nothing was needed.
	 */
	java.util.Optional<ImportReport> load(String source, int services, long seed, String centreZip, int radiusMiles);
}
