package org.caremap.medication;

/**
 * What a reconciliation finds by itself when it compares the lists (Joint Commission NPSG.03.06.01):
 * <ul>
 * <li>OMISSION: on the pre-admission list or what the patient takes, missing from the discharge list (or, with no
 * discharge list, on the list but not taken);</li>
 * <li>DUPLICATION: two lines of the same drug class in the discharge list or what the patient takes;</li>
 * <li>DOSE_CHANGE: the dose, route or frequency differs between the columns;</li>
 * <li>NEW_HIGH_RISK: a drug on the high-risk list ({@link DrugClass#highRisk()}) not on the pre-admission list.</li>
 * </ul>
 */
public enum Discrepancy {
	OMISSION, DUPLICATION, DOSE_CHANGE, NEW_HIGH_RISK
}
