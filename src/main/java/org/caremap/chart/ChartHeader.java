package org.caremap.chart;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import org.caremap.access.AccessPurpose;
import org.caremap.shared.PatientId;

/**
 * The chart's sticky header, the same on every tab: who the patient is, the facts that must never be missed, the
 * tabs, what the reader may do with the record, and the actions offered to them.
 */
public record ChartHeader(PatientId patient, String name, ChartPart introduction, List<ChartPart> facts,
		List<ChartTab> tabs, Set<AccessPurpose> allowed, List<ChartAction> actions) {

	public ChartHeader {
		facts = List.copyOf(facts);
		tabs = List.copyOf(tabs);
		actions = List.copyOf(actions);
		allowed = Set.copyOf(allowed);
	}

	/** Whether the user may do this with the record (READ, CONTRIBUTE, REGISTER, WRITE): pages offer only that. */
	public boolean may(String purpose) {
		return allowed.contains(AccessPurpose.valueOf(purpose));
	}

	/**
	 * A value that a module put in the header, found by its type: a module's page takes back what its module read
	 * for the header (e.g. the registry's record of the patient), so that a page reads and audits it once.
	 */
	public <T> Optional<T> value(Class<T> type) {
		return Stream.concat(Stream.of(introduction), facts.stream())
			.map(ChartPart::value)
			.filter(type::isInstance)
			.map(type::cast)
			.findFirst();
	}
}
