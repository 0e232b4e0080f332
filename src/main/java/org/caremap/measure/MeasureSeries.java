package org.caremap.measure;

import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * One kind's readings laid out for a chart, oldest first: the times (epoch seconds) and the main figures (systolic
 * for blood pressure) and, for blood pressure, the diastolic ones, as comma-separated lists a chart script reads.
 */
public record MeasureSeries(MeasureKind kind, List<ReadingView> points) {

	public MeasureSeries {
		points = points.stream().filter(p -> p.kind() == kind)
			.sorted(Comparator.comparing(ReadingView::takenAt).thenComparing(ReadingView::createdAt)).toList();
	}

	public static List<MeasureSeries> of(List<ReadingView> readings) {
		return java.util.Arrays.stream(MeasureKind.values()).map(k -> new MeasureSeries(k, readings))
			.filter(s -> !s.points().isEmpty()).toList();
	}

	public String xs() {
		return points.stream().map(p -> String.valueOf(p.takenAt().getEpochSecond())).collect(Collectors.joining(","));
	}

	public String ys() {
		return points.stream().map(p -> p.primary().toPlainString()).collect(Collectors.joining(","));
	}

	public String ys2() {
		if (kind != MeasureKind.BLOOD_PRESSURE) return "";
		return points.stream().map(p -> String.valueOf(p.diastolic())).collect(Collectors.joining(","));
	}
}
