package org.caremap.utilization;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.caremap.shared.PatientId;
import org.jspecify.annotations.Nullable;

/** Eligibility questions and the payers' answers, as the patient's record keeps them (authorized and audited). */
public interface Eligibilities {

	UUID ask(PatientId patient, String payer, @Nullable String memberId, @Nullable String service, Instant askedAt);

	void answer(UUID id, Instant answeredAt, boolean inForce, @Nullable Boolean authRequired, @Nullable String note,
			@Nullable String payerReference);

	Optional<Eligibility> find(UUID id);

	List<Eligibility> ofPatient(PatientId patient);
}
