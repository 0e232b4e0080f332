package org.caremap.caseload.web;

import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.caremap.caseload.Acuity;
import org.caremap.caseload.CaseStatus;
import org.caremap.caseload.CaseView;
import org.caremap.identity.UserAccounts;
import org.caremap.program.Confidentiality;
import org.caremap.program.ProgramId;
import org.caremap.program.ProgramView;
import org.caremap.shared.UserId;
import org.jspecify.annotations.Nullable;

/** A patient's cases as the chart shows them: with their programs, and the names of the people on them. */
record CaseFacts(List<CaseView> all, Map<ProgramId, ProgramView> programs, Map<UserId, String> staff) {

	static CaseFacts of(List<CaseView> cases, List<ProgramView> programs, UserAccounts accounts) {
		Set<UserId> people = new HashSet<>();
		for (CaseView c : cases) {
			people.add(c.caseManager());
			c.team().forEach(m -> people.add(m.user()));
		}
		Map<ProgramId, ProgramView> index = new java.util.HashMap<>();
		programs.forEach(p -> index.put(p.id(), p));
		return new CaseFacts(List.copyOf(cases), index, accounts.displayNames(people));
	}

	/** The open cases (active and on hold), newest first. */
	public List<CaseView> open() {
		return all.stream().filter(c -> c.status() != CaseStatus.CLOSED).toList();
	}

	/** The highest acuity of the open cases; none without an open case. */
	public @Nullable Acuity acuity() {
		return open().stream().map(CaseView::acuity).max(Comparator.naturalOrder()).orElse(null);
	}

	/** Whether an open case is in a program under Part 2 confidentiality (substance use treatment records). */
	public boolean part2() {
		return open().stream()
			.anyMatch(c -> Optional.ofNullable(programs.get(c.program()))
				.map(p -> p.confidentiality() == Confidentiality.PART2).orElse(false));
	}

	/** The name of the case's program. */
	public String program(CaseView c) {
		ProgramView program = programs.get(c.program());
		return program == null ? "" : program.name();
	}
}
