package org.caremap.quality.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.caremap.access.PatientAccess;
import org.caremap.audit.AuditEntry;
import org.caremap.audit.AuditTrail;
import org.caremap.organization.Organizations;
import org.caremap.patient.PatientHeader;
import org.caremap.patient.PatientRegistry;
import org.caremap.shared.PatientId;
import org.jspecify.annotations.Nullable;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What the supervisors' dashboard shows: the figures of a period beside those of a comparison period (counts only,
 * no patient), and the drill-down behind one figure, which lists only the patients the viewer may read (one access
 * query for the whole list) and records one audited read per patient shown.
 */
@Service
@PreAuthorize("hasAnyRole('SUPERVISOR', 'ADMIN')")
public class QualityDashboard {

	private final MeasureEngine engine;
	private final KeptFigures kept;
	private final PatientAccess access;
	private final PatientRegistry patients;
	private final AuditTrail audit;
	private final Organizations organizations;

	QualityDashboard(MeasureEngine engine, KeptFigures kept, PatientAccess access, PatientRegistry patients, AuditTrail audit,
			Organizations organizations) {
		this.engine = engine;
		this.kept = kept;
		this.access = access;
		this.patients = patients;
		this.audit = audit;
		this.organizations = organizations;
	}

	/** A figure of the period beside the same figure of the comparison period. */
	public record Line(Figure current, Figure comparison) {
		public Measure measure() {
			return current.measure();
		}
	}

	/**
	 * The dashboard: the two periods' figures side by side and the closed cases by reason; {@code asOf} is the time
	 * of the older of the two computations when the figures were kept ready, null when computed for this request.
	 */
	public record Dashboard(QualityFilter period, QualityFilter comparison, List<Line> lines, Map<String, Long> closedByReason,
			Map<String, Long> comparisonClosedByReason, @Nullable Instant asOf) {
	}

	/** A patient in a drill-down, named. */
	public record DrillRow(PatientHeader patient, Figure.Row row) {
	}

	/**
	 * One page of the patients behind a figure: those the viewer may read, how many rows of the page are not shown to
	 * them, the page (from 0) and its size; the figure's own numerator and denominator say how many rows there are.
	 */
	public record Drill(Figure figure, List<DrillRow> rows, int hidden, int page, int pageSize, boolean more) {
	}

	/** Rows on a page of a drill-down. */
	public static final int PAGE = 200;

	/**
	 * The figures of the two periods, kept ready where they take long to compute; each period in a transaction of its
	 * own (each holds its filter's lock only while it computes).
	 */
	public Dashboard dashboard(QualityFilter period, QualityFilter comparison) {
		return dashboard(kept.figures(period), kept.figures(comparison), period, comparison);
	}

	/** The figures of the two periods computed now (and kept for the next reader). */
	public Dashboard recompute(QualityFilter period, QualityFilter comparison) {
		return dashboard(kept.computeNow(period), kept.computeNow(comparison), period, comparison);
	}

	private static Dashboard dashboard(KeptFigures.Computed now, KeptFigures.Computed then, QualityFilter period,
			QualityFilter comparison) {
		List<Line> lines = new ArrayList<>();
		for (int i = 0; i < now.figures().size(); i++) lines.add(new Line(now.figures().get(i), then.figures().get(i)));
		Instant asOf = now.asOf() == null ? then.asOf()
				: then.asOf() == null || now.asOf().isBefore(then.asOf()) ? now.asOf() : then.asOf();
		return new Dashboard(period, comparison, lines, now.closedByReason(), then.closedByReason(), asOf);
	}

	public Drill drill(QualityFilter filter, Measure measure) {
		return drill(filter, measure, 0);
	}

	@Transactional
	public Drill drill(QualityFilter filter, Measure measure, int page) {
		LocalDate today = organizations.today();
		int from = Math.max(0, page);
		Figure head = engine.head(measure, filter, today);
		// one row more than the page tells whether there is a next page
		List<Figure.Row> rows = engine.rows(measure, filter, today, from * PAGE, PAGE + 1);
		boolean more = rows.size() > PAGE;
		if (more) rows = rows.subList(0, PAGE);
		Set<PatientId> all = rows.stream().map(Figure.Row::patient).collect(Collectors.toSet());
		Set<PatientId> readable = all.isEmpty() ? Set.of() : access.readable(all);
		Map<PatientId, PatientHeader> headers = readable.isEmpty() ? Map.of() : patients.headers(readable);
		List<DrillRow> shown = new ArrayList<>();
		int hidden = 0;
		for (Figure.Row row : rows) {
			PatientHeader header = headers.get(row.patient());
			if (header == null) hidden++;
			else shown.add(new DrillRow(header, row));
		}
		audit.recordAll(shown.stream().map(r -> r.patient().id()).distinct()
			.map(p -> AuditEntry.read("QualityMeasure", measure.key, p)).toList());
		return new Drill(head, shown, hidden, from, PAGE, more);
	}
}
