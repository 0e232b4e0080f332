package org.caremap.timeline;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.caremap.shared.PatientId;
import org.springframework.stereotype.Component;

/** Merges every module's events on a patient, newest first. */
@Component
public class Timeline {

	private final List<TimelineSource> sources;

	Timeline(List<TimelineSource> sources) {
		this.sources = List.copyOf(sources);
	}

	public List<TimelineEntry> of(PatientId patient) {
		List<TimelineEntry> entries = new ArrayList<>();
		for (TimelineSource source : sources) entries.addAll(source.entries(patient));
		entries.sort(Comparator.comparing(TimelineEntry::at).reversed());
		return entries;
	}
}
