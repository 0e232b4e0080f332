package org.caremap.utilization;

/** Standard or expedited (the patient's life, health or function could be seriously jeopardized by waiting). */
public enum Urgency {
	STANDARD, EXPEDITED
}
