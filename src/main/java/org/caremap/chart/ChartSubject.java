package org.caremap.chart;

import java.util.List;

/**
 * Who a chart is about: the patient's name (the title of every chart page), the part that introduces them at the
 * top of the header, and the facts about them that the header shows among the flags (e.g. an interpreter needed).
 */
public record ChartSubject(String name, ChartPart introduction, List<ChartPart> facts) {

	public ChartSubject {
		facts = List.copyOf(facts);
	}
}
