package org.caremap.patient;

import org.caremap.shared.PatientId;

/**
 * Two records were the same person: everything of {@code merged} now belongs to {@code survivor}. Published
 * inside the merge's transaction, so that every module moves its rows with it or none does.
 */
public record PatientsMerged(PatientId survivor, PatientId merged, String reason) {
}
