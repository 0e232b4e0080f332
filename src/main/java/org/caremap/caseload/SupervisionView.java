package org.caremap.caseload;

import java.util.List;

/** The supervisor's team with their figures, and the moves suggested to bring everyone within target. */
public record SupervisionView(List<TeamMemberLoad> team, List<SuggestedMove> suggestions, int defaultCapacity) {

	public SupervisionView {
		team = List.copyOf(team);
		suggestions = List.copyOf(suggestions);
	}
}
