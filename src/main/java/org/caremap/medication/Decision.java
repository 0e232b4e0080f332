package org.caremap.medication;

/** What is decided for one line of a reconciliation. UNCLEAR means: ask the prescriber (the list keeps what it had). */
public enum Decision {
	CONTINUE, STOP, CHANGE, NEW, UNCLEAR
}
