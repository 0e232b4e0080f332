package org.caremap.workforce.web;

import org.caremap.workforce.Standing;
import org.springframework.stereotype.Component;

/** The badge colour of a standing, for templates ({@code @workforceBadges.of(s)}): the word says it, the colour helps. */
@Component("workforceBadges")
public class WorkforceBadges {

	public String of(Standing standing) {
		return switch (standing) {
			case VALID -> "text-bg-success";
			case EXPIRING -> "text-bg-warning";
			case TRAINING_OVERDUE -> "text-bg-warning";
			case EXPIRED -> "text-bg-danger";
		};
	}
}
