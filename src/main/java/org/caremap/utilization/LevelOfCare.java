package org.caremap.utilization;

/** The level of care a stay was reviewed against. */
public enum LevelOfCare {
	INTENSIVE_CARE, STEP_DOWN, ACUTE, OBSERVATION
}
