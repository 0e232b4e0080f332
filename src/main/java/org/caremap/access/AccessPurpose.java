package org.caremap.access;

/** What the user wants to do with the patient's record. */
public enum AccessPurpose {
	READ, WRITE
}
