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
import org.caremap.access.Part2Segment;
import org.caremap.identity.UserAccounts;
import org.caremap.program.Confidentiality;
import org.caremap.program.ProgramId;
import org.caremap.program.ProgramView;
import org.caremap.shared.UserId;
import org.jspecify.annotations.Nullable;

/**
 * A patient's cases as the chart shows them: with their programs, and the names of the people on them. The cases in
 * a 42 CFR Part 2 program are left out for a reader outside it (the enrolment itself is a Part 2 record), and counted.
 */
record CaseFacts(List<CaseView> all, Map<ProgramId, ProgramView> programs, Map<UserId, String> staff, int withheld,
		boolean notice) {

	static CaseFacts of(List<CaseView> all, List<ProgramView> programs, UserAccounts accounts,
			@Nullable Part2Segment segment) {
		List<CaseView> cases = all;
		int withheld = 0;
		if (segment != null) {
			var filtered = segment.filter(all, c -> c.id().value());
			cases = filtered.shown();
			withheld = filtered.withheld();
		}
		boolean notice = segment != null && segment.needsNotice()
				&& cases.stream().anyMatch(c -> segment.labels(c.id().value()));
		Set<UserId> people = new HashSet<>();
		for (CaseView c : cases) {
			people.add(c.caseManager());
			c.team().forEach(m -> people.add(m.user()));
		}
		Map<ProgramId, ProgramView> index = new java.util.HashMap<>();
		programs.forEach(p -> index.put(p.id(), p));
		return new CaseFacts(List.copyOf(cases), index, accounts.displayNames(people), withheld, notice);
	}

	/** Whether this case is in a Part 2 program (its page shows the label). */
	public boolean labelled(CaseView c) {
		return Optional.ofNullable(programs.get(c.program())).map(p -> p.confidentiality() == Confidentiality.PART2)
			.orElse(false);
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
