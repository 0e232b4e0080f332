package org.caremap.utilization;

import java.time.LocalDate;
import java.util.UUID;

import org.caremap.shared.PatientId;
import org.caremap.shared.UserId;
import org.jspecify.annotations.Nullable;

/** An appeal of a denial was opened: it must be filed with the payer by the deadline its rule gives. */
public record AppealOpened(PatientId patient, UUID appeal, UUID authorization, AppealLevel level, String payer,
		String service, LocalDate filingDeadline, String deadlineSource, @Nullable UserId owner) {
}
