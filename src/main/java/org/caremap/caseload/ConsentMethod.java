package org.caremap.caseload;

/** How the patient agreed to care management. */
public enum ConsentMethod {
	VERBAL, WRITTEN
}
