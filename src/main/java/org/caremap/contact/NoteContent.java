package org.caremap.contact;

import java.util.List;

import org.jspecify.annotations.Nullable;

/** What a note says: its sections in the format's order, education given with its teach-back, support given. */
public record NoteContent(NoteFormat format, List<String> sections, @Nullable String educationTopic,
		@Nullable TeachBack teachBack, @Nullable String emotionalSupport) {

	/** Whether the patient could explain back what they were taught. */
	public enum TeachBack {
		CONFIRMED, PARTIAL, NOT_UNDERSTOOD, NOT_DONE
	}

	public NoteContent {
		if (format == null) throw new IllegalArgumentException("note format is required");
		sections = List.copyOf(sections.stream().map(s -> s == null ? "" : s).toList());
		if (sections.size() != format.sections().size()) {
			throw new IllegalArgumentException(format + " has " + format.sections().size() + " sections");
		}
	}

	public boolean blank() {
		return sections.stream().allMatch(String::isBlank);
	}
}
