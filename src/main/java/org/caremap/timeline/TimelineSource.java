package org.caremap.timeline;

import java.util.List;

import org.caremap.shared.PatientId;

/** A module's events on a patient. Called after the patient's record was opened to the current user. */
public interface TimelineSource {

	List<TimelineEntry> entries(PatientId patient);
}
