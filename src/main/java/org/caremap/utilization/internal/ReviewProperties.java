package org.caremap.utilization.internal;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code caremap.utilization.review.*}: the expected length of stay Caremap shows when nothing better is known, and
 * the review rhythm.
 * <ul>
 * <li>{@code expected-days-by-diagnosis}: by the start of the ICD-10-CM code of the stay's first diagnosis that has
 * one (the longest matching start wins). The defaults are whole days near the CMS MS-DRG geometric mean length of
 * stay of the usual DRGs of those diagnoses without major complications; replace them with the payer's or the
 * hospital's figures.</li>
 * <li>{@code expected-days-by-admission-type}: by HL7 PV1-4 (E emergency, U urgent, C elective, ...), when no
 * diagnosis matches.</li>
 * <li>{@code expected-days}: otherwise.</li>
 * <li>{@code first-review-business-days}: the first review is due this many business days after the admission day
 * (0: the same day).</li>
 * <li>{@code latest-next-review-days}: how far ahead a reviewer may set the next review (calendar days).</li>
 * </ul>
 */
@ConfigurationProperties("caremap.utilization.review")
public record ReviewProperties(Integer expectedDays, Map<String, Integer> expectedDaysByDiagnosis,
		Map<String, Integer> expectedDaysByAdmissionType, Integer firstReviewBusinessDays, Integer latestNextReviewDays) {

	public ReviewProperties {
		if (expectedDays == null) expectedDays = 4;
		if (expectedDaysByDiagnosis == null || expectedDaysByDiagnosis.isEmpty()) {
			expectedDaysByDiagnosis = new LinkedHashMap<>();
			expectedDaysByDiagnosis.put("I50", 4); // heart failure (MS-DRG 291-293)
			expectedDaysByDiagnosis.put("J44", 3); // COPD (190-192)
			expectedDaysByDiagnosis.put("J18", 3); // pneumonia (193-195)
			expectedDaysByDiagnosis.put("A41", 5); // sepsis (871-872)
			expectedDaysByDiagnosis.put("N39", 3); // urinary tract infection (689-690)
			expectedDaysByDiagnosis.put("I63", 3); // ischaemic stroke (064-066)
			expectedDaysByDiagnosis.put("I21", 3); // myocardial infarction (280-282)
			expectedDaysByDiagnosis.put("E11", 3); // diabetes (637-639)
			expectedDaysByDiagnosis.put("S72", 5); // hip fracture (480-482)
		}
		if (expectedDaysByAdmissionType == null || expectedDaysByAdmissionType.isEmpty()) {
			expectedDaysByAdmissionType = Map.of("E", 4, "U", 4, "A", 4, "C", 3, "R", 3, "L", 2, "N", 2);
		}
		if (firstReviewBusinessDays == null) firstReviewBusinessDays = 1;
		if (latestNextReviewDays == null) latestNextReviewDays = 30;
		expectedDaysByDiagnosis = Map.copyOf(expectedDaysByDiagnosis);
		expectedDaysByAdmissionType = Map.copyOf(expectedDaysByAdmissionType);
	}
}
