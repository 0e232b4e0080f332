package org.caremap.community;

import java.util.List;
import java.util.Optional;

/** The search a case manager runs over the directory, and the places it measures distance from. */
public interface DirectorySearch {

	/** The best services for the query, best first (at most {@link SearchQuery#limit()}), active services only. */
	List<SearchHit> search(SearchQuery query);

	/** The centre of a US ZIP code (its ZIP code tabulation area), if the shipped table knows it. */
	Optional<Origin> zip(String zip);

	/**
	 * A place typed by a person: a ZIP code, or an address that ends with one (there is no street geocoder; the ZIP
	 * code's centre stands for the address).
	 */
	Optional<Origin> place(String typed);
}
