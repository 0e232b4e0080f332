package org.caremap.team;

import java.time.Instant;
import java.util.List;

import org.caremap.caseload.CaseId;
import org.caremap.shared.UserId;

/** A conference to plan: title, when, the Caremap users and outside people attending, and the cases to discuss. */
public record NewConference(String title, Instant startsAt, List<UserId> attendees, List<ConferenceGuest> guests,
		List<CaseId> cases) {

	public NewConference {
		attendees = List.copyOf(attendees);
		guests = List.copyOf(guests);
		cases = List.copyOf(cases);
	}
}
