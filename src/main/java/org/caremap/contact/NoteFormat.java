package org.caremap.contact;

import java.util.List;

/** The structure of a progress note, with the headings of its sections (message keys). */
public enum NoteFormat {
	/** Subjective, Objective, Assessment, Plan. */
	SOAP(List.of("note.soap.subjective", "note.soap.objective", "note.soap.assessment", "note.soap.plan")),
	/** Data, Assessment, Plan. */
	DAP(List.of("note.dap.data", "note.dap.assessment", "note.dap.plan"));

	private final List<String> sections;

	NoteFormat(List<String> sections) {
		this.sections = sections;
	}

	public List<String> sections() {
		return sections;
	}
}
