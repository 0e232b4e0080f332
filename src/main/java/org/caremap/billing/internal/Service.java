package org.caremap.billing.internal;

/** The care-management services billed per patient and month (complex CCM is a kind of CCM for exclusion). */
public enum Service {
	CCM, CCM_COMPLEX, PCM, TCM, BHI;

	/** The service family one practitioner alone may bill for a patient in a month. */
	public Service family() {
		return this == CCM_COMPLEX ? CCM : this;
	}
}
