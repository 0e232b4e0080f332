package org.caremap.billing.internal;

import java.util.List;

/** Why something is (not) billed, in plain words: a message key ({@code billing.reason.*}) and its arguments. */
public record Reason(String key, List<String> args) {

	public Reason {
		args = List.copyOf(args);
	}

	static Reason of(String key, Object... args) {
		return new Reason("billing.reason." + key, java.util.Arrays.stream(args).map(String::valueOf).toList());
	}

	public Object[] arguments() {
		return args.toArray();
	}
}
