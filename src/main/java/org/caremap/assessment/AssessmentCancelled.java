package org.caremap.assessment;

import java.util.UUID;

import org.caremap.shared.PatientId;

/** An assessment will not be done: cancelled by a person, or expired past its due date ({@code reason} says which). */
public record AssessmentCancelled(UUID assessment, PatientId patient, String reason) {
}
