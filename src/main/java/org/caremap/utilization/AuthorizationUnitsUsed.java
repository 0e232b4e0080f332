package org.caremap.utilization;

import java.time.LocalDate;
import java.util.UUID;

import org.caremap.shared.PatientId;
import org.jspecify.annotations.Nullable;

/**
 * Units of an approved line were used (a visit, or an appointment that was kept) or such a use was taken back
 * ({@code takenBack}). Carries the line as it stands afterwards (units approved and used, the approved period), so a
 * listener can book the cost of the use and what is still committed without asking back.
 */
public record AuthorizationUnitsUsed(PatientId patient, UUID authorization, UUID line, UUID use, String payer,
		String service, String code, LocalDate usedOn, int units, boolean takenBack, int lineUnitsApproved,
		int lineUnitsUsed, @Nullable LocalDate approvedFrom) {
}
