package org.caremap.utilization;

import java.time.Instant;
import java.util.UUID;

import org.caremap.shared.PatientId;

/** An appeal was filed with the payer (or withdrawn before): its filing work is done. */
public record AppealFiled(PatientId patient, UUID appeal, UUID authorization, boolean withdrawn, Instant at) {
}
