package org.caremap.caseload;

/** How much care-management effort a case needs; the weight balances caseloads by effort, not only by count. */
public enum Acuity {
	LOW(1), MODERATE(2), HIGH(3), COMPLEX(4);

	private final int weight;

	Acuity(int weight) {
		this.weight = weight;
	}

	public int weight() {
		return weight;
	}
}
