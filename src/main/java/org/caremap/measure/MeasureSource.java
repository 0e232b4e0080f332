package org.caremap.measure;

/** Who entered a reading: the patient or a proxy in the portal, or a staff member on the chart. */
public enum MeasureSource {
	PATIENT, PROXY, STAFF
}
