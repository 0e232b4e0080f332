package org.caremap.community.internal;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Weekly opening hours in words: one line per day that has hours, e.g. Monday 09:00–17:00, 18:00–20:00. */
final class Hours {

	record Slot(int weekday, LocalTime opens, LocalTime closes) {
	}

	private Hours() {
	}

	static List<String> lines(List<Slot> slots, Locale locale) {
		Map<Integer, List<String>> byDay = new LinkedHashMap<>();
		slots.stream().sorted(java.util.Comparator.comparingInt(Slot::weekday).thenComparing(Slot::opens))
			.forEach(s -> byDay.computeIfAbsent(s.weekday(), d -> new ArrayList<>()).add(range(s)));
		List<String> out = new ArrayList<>();
		byDay.forEach((day, ranges) -> out.add(DayOfWeek.of(day).getDisplayName(TextStyle.FULL, locale) + " "
				+ String.join(", ", ranges)));
		return out;
	}

	static String range(Slot s) {
		return s.opens() + "–" + s.closes();
	}
}
