package org.caremap.notification.internal;

import java.time.Instant;
import java.util.Optional;

import org.caremap.program.ProgramId;
import org.caremap.shared.PatientId;
import org.caremap.shared.UserId;
import org.caremap.team.Cover;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Who receives an alert meant for someone (the one place the notification module chooses a recipient): after hours,
 * a STAT alert about a patient of a program goes to whoever is on call for it (their cover when they are away);
 * otherwise an alert for someone who is away goes to their cover. The person acting is let into the patient's record for the time of the arrangement.
 */
@Component
class CoverRecipients {

	/** Who gets the alert, and when someone acts for the intended recipient, under which arrangement. */
	record Recipient(UserId user, Cover.@Nullable Acting acting) {
	}

	private final Cover cover;

	CoverRecipients(Cover cover) {
		this.cover = cover;
	}

	Recipient choose(UserId intended, @Nullable PatientId patient, @Nullable ProgramId statProgram, Instant now) {
		Optional<Cover.Acting> acting = Optional.empty();
		// whoever answers the shift (their cover when they are away); when that is the intended person, as in the day
		if (statProgram != null && cover.afterHours(now)) {
			acting = cover.onCallActing(statProgram, now).filter(a -> !a.person().equals(intended));
		}
		if (acting.isEmpty()) acting = cover.acting(intended, now);
		if (acting.isEmpty() || acting.get().person().equals(intended)) return new Recipient(intended, null);
		if (patient != null) cover.admit(acting.get(), patient);
		return new Recipient(acting.get().person(), acting.get());
	}
}
