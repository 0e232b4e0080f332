package org.caremap.careplan;

import java.util.List;
import java.util.Map;

/** A care-plan template from the library, with its evidence source and what suggests it. */
public record TemplateView(String key, String version, Map<String, String> title, Map<String, String> summary,
		String evidenceSource, String evidenceUrl, List<String> triggers, List<String> conditions, int problems, int goals,
		int interventions, int barriers) {

	public TemplateView {
		title = Map.copyOf(title);
		summary = Map.copyOf(summary);
		triggers = List.copyOf(triggers);
		conditions = List.copyOf(conditions);
	}

	public String title(String language) {
		return title.getOrDefault(language, title.getOrDefault("en", key));
	}
}
