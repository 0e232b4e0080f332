package org.caremap.patient;

/** HL7 v2 identifier type codes (table 0203) used for patients. */
public enum IdentifierType {
	/** medical record number, assigned by a hospital or clinic */
	MR,
	/** member number, assigned by a payer */
	MB,
	SS, DL, PI, AN
}
