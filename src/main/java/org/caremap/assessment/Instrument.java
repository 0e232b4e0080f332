package org.caremap.assessment;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * One version of an instrument: its questions (Questionnaire items) and how its answers are scored. {@code seq}
 * orders the versions of one key; {@code version} is the label the definition gives itself.
 */
public record Instrument(String key, int seq, String version, String title, @Nullable String description,
		@Nullable String code, @Nullable String copyright, List<Item> items, Scoring scoring, String json) {

	public Instrument {
		items = List.copyOf(items);
	}

	/** Every answerable question, groups flattened, in order. */
	public List<Item> questions() {
		List<Item> out = new ArrayList<>();
		collect(items, out);
		return out;
	}

	private static void collect(List<Item> items, List<Item> out) {
		for (Item i : items) {
			if (i.type() == ItemType.GROUP) collect(i.children(), out);
			else if (i.type() != ItemType.DISPLAY) out.add(i);
		}
	}

	public Optional<Item> question(String linkId) {
		return questions().stream().filter(q -> q.linkId().equals(linkId)).findFirst();
	}

	/** Whether answers produce a score (the comprehensive assessment, for one, records findings only). */
	public boolean scored() {
		return !scoring.scores().isEmpty();
	}
}
