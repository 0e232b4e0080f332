package org.caremap.chart;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.caremap.access.AccessPurpose;
import org.caremap.access.BreakGlass;
import org.caremap.access.PatientAccess;
import org.caremap.shared.NotFoundException;
import org.caremap.shared.PatientId;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

/**
 * Builds the chart's sticky header for every tab from what the modules contribute: who the patient is (the
 * registry), each module's facts, the tabs, the actions; emergency access in effect is the chart's own fact.
 */
@Component
public class ChartHeaders {

	private final ChartSubjects subjects;
	private final List<ChartHeaderFacts> facts;
	private final List<ChartTab> tabs;
	private final List<ChartPanels> panels;
	private final List<ChartAction> actions;
	private final PatientAccess access;
	private final BreakGlass breakGlass;
	private final org.caremap.access.Segmentation segmentation;

	ChartHeaders(ChartSubjects subjects, List<ChartHeaderFacts> facts, List<ChartTab> tabs, List<ChartPanels> panels,
			List<ChartAction> actions, PatientAccess access, BreakGlass breakGlass, org.caremap.access.Segmentation segmentation) {
		this.subjects = subjects;
		this.facts = List.copyOf(facts);
		this.tabs = tabs.stream().sorted(Comparator.comparingInt(ChartTab::order)).toList();
		this.panels = List.copyOf(panels);
		this.actions = actions.stream().sorted(Comparator.comparingInt(ChartAction::order)).toList();
		this.access = access;
		this.breakGlass = breakGlass;
		this.segmentation = segmentation;
	}

	/** The header of a chart page, put in the page's model with the tab shown as current and the patient's id. */
	public ChartHeader prepare(UUID id, Model model, String tab) {
		ChartHeader header = header(id);
		model.addAttribute("h", header);
		model.addAttribute("tab", tab);
		model.addAttribute("patientId", id);
		return header;
	}

	/**
	 * The header of this patient's chart. The registry is asked first: it refuses a reader who may not read the
	 * record and knows whether the patient exists, before any other module is asked for more.
	 */
	public ChartHeader header(UUID id) {
		PatientId patient = new PatientId(id);
		ChartSubject subject = subjects.find(patient).orElseThrow(() -> new NotFoundException("patient", id));
		List<ChartPart> shown = new ArrayList<>(subject.facts());
		for (ChartHeaderFacts source : facts) shown.addAll(source.about(patient));
		breakGlass.activeUntil(patient).ifPresent(until -> shown.add(new ChartPart(60, "chart/header", "glass", until)));
		// Part 2 records: withheld from this reader (with the way to emergency access), or shown under a consent (with
		// the notice against redisclosure) or under emergency access (with its reason)
		org.caremap.access.Part2Segment part2 = segmentation.part2(patient);
		if (!part2.cases().isEmpty() || part2.needsNotice()) {
			switch (part2.reach()) {
				case WITHHELD -> shown.add(new ChartPart(45, "chart/header", "part2Withheld", part2));
				case CONSENT -> shown.add(new ChartPart(45, "chart/header", "part2Notice", part2));
				case BREAK_GLASS -> shown.add(new ChartPart(45, "chart/header", "part2Glass", part2));
				default -> { }
			}
		}
		shown.sort(Comparator.comparingInt(ChartPart::order));
		Set<AccessPurpose> allowed = access.allowed(patient);
		List<ChartTab> offered = tabs.stream().filter(t -> t.shownFor(patient, allowed)).toList();
		List<ChartAction> doable = actions.stream().filter(a -> a.shownFor(patient, allowed)).toList();
		return new ChartHeader(patient, subject.name(), subject.introduction(), shown, offered, allowed, doable);
	}

	/** What the modules show at a place of a chart page, in order. */
	public List<ChartPart> panels(String place, ChartHeader header, @Nullable Object subject) {
		ChartPlace at = new ChartPlace(place, header, subject);
		List<ChartPart> shown = new ArrayList<>();
		for (ChartPanels source : panels) shown.addAll(source.at(at));
		shown.sort(Comparator.comparingInt(ChartPart::order));
		return shown;
	}
}
