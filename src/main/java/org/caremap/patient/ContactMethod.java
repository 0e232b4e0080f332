package org.caremap.patient;

/** How the patient prefers to be reached. */
public enum ContactMethod {
	PHONE, TEXT, EMAIL, MAIL, PORTAL, IN_PERSON
}
