package org.caremap.careplan;

import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * The patient's copy of the care plan as text: exactly the words of the printed copy
 * ({@link CarePlans#patientCopy}), in the patient's language, for pages that show it (the patient portal).
 *
 * @param title "My care plan"
 * @param header the lines under the title (for whom and when, the care manager, the next review)
 * @param sections what we work on, the goals, who does what, what may get in the way
 * @param agreement the agreement's heading and its line ("agreed by ..." or "not agreed yet")
 * @param closing the closing words (whom to call with questions)
 * @param version the plan version the words come from
 */
public record PatientPlanText(String title, List<String> header, List<Section> sections, Section agreement,
		String closing, int version) {

	/** A heading and its items; {@code empty} is what the copy says when there are none. */
	public record Section(String key, String heading, List<Item> items, String empty) {
	}

	/**
	 * One problem, goal, intervention or barrier: its words, the lines under it, and the plan item it is (a goal's or
	 * an intervention's id, to show its progress next to it).
	 */
	public record Item(@Nullable UUID id, String text, List<String> details) {
	}
}
