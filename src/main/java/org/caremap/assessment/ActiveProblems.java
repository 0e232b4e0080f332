package org.caremap.assessment;

import java.util.Set;

import org.caremap.shared.PatientId;

/**
 * Codes (ICD-10-CM) of problems a module knows to be active for a patient, e.g. the problems of the care plan.
 * Re-assessment rules that run "while depression is an active problem" look here and at the coded conditions.
 */
public interface ActiveProblems {

	Set<String> codes(PatientId patient);
}
