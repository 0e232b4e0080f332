package org.caremap.assessment;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * A question (or a group of them): its link id, text, LOINC code where one exists, type, and the answers it
 * allows. {@code repeats} lets a choice take several answers ("check all that apply").
 */
public record Item(String linkId, String text, @Nullable String code, ItemType type, boolean required,
		boolean repeats, List<Option> options, List<Item> children, @Nullable String help, @Nullable BigDecimal min,
		@Nullable BigDecimal max) {

	public Item {
		options = List.copyOf(options);
		children = List.copyOf(children);
	}

	public Optional<Option> option(String code) {
		return options.stream().filter(o -> o.code().equals(code)).findFirst();
	}

	/** An allowed answer: its code (LOINC answer code where one exists), text, score, and whether it stands alone. */
	public record Option(String code, @Nullable String system, String display, @Nullable BigDecimal ordinal,
			boolean exclusive) {
	}
}
