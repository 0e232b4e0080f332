package org.caremap.chart;

import java.util.Set;

import org.caremap.access.AccessPurpose;
import org.caremap.shared.PatientId;

/**
 * An action offered in the chart's header on every tab, declared by the module that owns the page it opens (log a
 * contact, write a note, start an assessment). The chart shows it as a plain link, by order, only to a reader who
 * may do what it needs with the record, and passes the page the reader is on as {@code returnTo}, so that the
 * module's page goes back there once the work is saved. Log a contact (10), new note (20), start assessment (30).
 */
public interface ChartAction {

	/** The action's name; its link's id is {@code action-} and the name. */
	String key();

	/** The message key of the link's text: {@code chart.action.} and the action's name, unless it says otherwise. */
	default String label() {
		return "chart.action." + key();
	}

	int order();

	/** Where the action's page is, under the patient's chart (e.g. {@code /contacts/new}). */
	String path();

	/** A place on that page to open at (e.g. {@code #note-form}), or {@code ""}. */
	default String anchor() {
		return "";
	}

	/** What the reader must be allowed to do with the record to be offered the action. */
	default AccessPurpose needs() {
		return AccessPurpose.WRITE;
	}

	/** Whether the action is offered on this patient's chart to a reader who may do this much with the record. */
	default boolean shownFor(PatientId patient, Set<AccessPurpose> allowed) {
		return allowed.contains(needs());
	}
}
