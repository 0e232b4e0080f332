package org.caremap.billing.internal;

/** Whose time the minutes were: clinical staff (under general supervision) or the physician/QHP personally. */
public enum StaffTime {
	CLINICAL_STAFF, PHYSICIAN
}
