package org.caremap.assessment;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the respondent answered: per question link id, the chosen answer codes (several for "check all that
 * apply"), or the number, date or text entered. Blank answers are left out.
 */
public record Answers(Map<String, List<String>> values) {

	public Answers {
		Map<String, List<String>> clean = new LinkedHashMap<>();
		values.forEach((k, v) -> {
			List<String> kept = v == null ? List.of() : v.stream().filter(s -> s != null && !s.isBlank()).map(String::strip).toList();
			if (!kept.isEmpty()) clean.put(k, kept);
		});
		values = java.util.Collections.unmodifiableMap(clean);
	}

	public static Answers of(Map<String, List<String>> values) {
		return new Answers(values);
	}

	/** Single answers, e.g. {@code Answers.single("phq9-1", "LA6568-5", ...)} in pairs. */
	public static Answers single(String... pairs) {
		if (pairs.length % 2 != 0) throw new IllegalArgumentException("link ids and answers come in pairs");
		Map<String, List<String>> m = new LinkedHashMap<>();
		for (int i = 0; i < pairs.length; i += 2) m.put(pairs[i], List.of(pairs[i + 1]));
		return new Answers(m);
	}

	public List<String> get(String linkId) {
		return values.getOrDefault(linkId, List.of());
	}

	public boolean has(String linkId) {
		return values.containsKey(linkId);
	}

	public String first(String linkId) {
		List<String> v = get(linkId);
		return v.isEmpty() ? "" : v.get(0);
	}
}
