package org.caremap.utilization;

/**
 * The criteria set a reviewer used. InterQual (Change Healthcare) and MCG are licensed: Caremap keeps only which one
 * was used and the reviewer's reference (e.g. the subset and day), never their content. Another set is named.
 */
public enum CriteriaSet {
	INTERQUAL, MCG, OTHER
}
