package org.caremap.organization.fhir;

import java.util.List;

import ca.uhn.fhir.rest.server.SimpleBundleProvider;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.jspecify.annotations.Nullable;

/** One page of a small directory list (the organisation's staff and providers fit in memory). */
final class DirectoryPages {

	private DirectoryPages() {
	}

	static SimpleBundleProvider page(List<? extends IBaseResource> all, @Nullable Integer offset, @Nullable Integer count) {
		int size = count == null ? 20 : Math.min(Math.max(count, 0), 500);
		int from = offset == null ? 0 : Math.max(offset, 0);
		List<IBaseResource> page = List.copyOf(all.subList(Math.min(from, all.size()), Math.min(from + size, all.size())));
		SimpleBundleProvider bundle = new SimpleBundleProvider(page);
		bundle.setSize(all.size());
		bundle.setCurrentPageOffset(from);
		bundle.setCurrentPageSize(size);
		return bundle;
	}

	/** A Caremap id, if the text is one. */
	static java.util.Optional<java.util.UUID> id(@Nullable String value) {
		try {
			return java.util.Optional.of(java.util.UUID.fromString(value == null ? "" : value));
		}
		catch (IllegalArgumentException ex) {
			return java.util.Optional.empty();
		}
	}

	static boolean matches(@Nullable String name, String candidate) {
		if (name == null || name.isBlank()) return true;
		String wanted = name.toLowerCase(java.util.Locale.ROOT);
		for (String word : candidate.toLowerCase(java.util.Locale.ROOT).split("[\\s,]+")) {
			if (word.startsWith(wanted)) return true;
		}
		return candidate.toLowerCase(java.util.Locale.ROOT).startsWith(wanted);
	}
}
