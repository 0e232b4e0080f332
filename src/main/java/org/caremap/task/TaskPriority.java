package org.caremap.task;

/** FHIR request priority, lowest to highest. */
public enum TaskPriority {
	ROUTINE, URGENT, ASAP, STAT
}
