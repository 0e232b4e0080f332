package org.caremap.utilization;

/** What a line's units count. */
public enum UnitKind {
	VISIT, DAY, UNIT, HOUR
}
