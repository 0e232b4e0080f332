package org.caremap.utilization.internal;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The expected length of stay of an admission, in days, and what it was taken from (a key the pages put in words:
 * {@code diagnosis:I50.9}, {@code admission-type:E}, {@code default}): the first diagnosis code that a
 * configured code start matches (the longest start wins), else the admission type (HL7 PV1-4), else the default.
 */
final class ExpectedStay {

	record Expected(int days, String basis) {
	}

	private ExpectedStay() {
	}

	static Expected of(ReviewProperties properties, List<String> diagnoses, @Nullable String admissionType) {
		for (String raw : diagnoses) {
			String code = raw.split("\\^", 2)[0].strip().toUpperCase(Locale.ROOT);
			if (code.isEmpty()) continue;
			String best = null;
			for (Map.Entry<String, Integer> e : properties.expectedDaysByDiagnosis().entrySet()) {
				String start = e.getKey().toUpperCase(Locale.ROOT);
				if (code.startsWith(start) && (best == null || start.length() > best.length())) best = start;
			}
			if (best != null) {
				return new Expected(clamp(properties.expectedDaysByDiagnosis().get(best)), "diagnosis:" + code);
			}
		}
		if (admissionType != null) {
			Integer byType = properties.expectedDaysByAdmissionType().get(admissionType.strip().toUpperCase(Locale.ROOT));
			if (byType != null) return new Expected(clamp(byType), "admission-type:" + admissionType.strip().toUpperCase(Locale.ROOT));
		}
		return new Expected(clamp(properties.expectedDays()), "default");
	}

	private static int clamp(@Nullable Integer days) {
		return days == null ? 4 : Math.max(1, Math.min(365, days));
	}
}
