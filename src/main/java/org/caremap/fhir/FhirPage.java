package org.caremap.fhir;

import java.util.List;
import java.util.Set;

import ca.uhn.fhir.model.api.Include;
import ca.uhn.fhir.rest.server.SimpleBundleProvider;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.jspecify.annotations.Nullable;

/**
 * Which slice of a search result a request asks for ({@code _offset}, {@code _count}: 20 unless said, at most
 * 500), and the page handed to HAPI, which writes the next and previous links from it.
 */
public record FhirPage(int from, int size) {

	public static final int DEFAULT_COUNT = 20;
	public static final int MAX_COUNT = 500;

	public static FhirPage of(@Nullable Integer offset, @Nullable Integer count) {
		return new FhirPage(offset == null ? 0 : Math.max(offset, 0),
				count == null ? DEFAULT_COUNT : Math.min(Math.max(count, 0), MAX_COUNT));
	}

	public SimpleBundleProvider bundle(List<? extends IBaseResource> resources, long total) {
		SimpleBundleProvider bundle = new SimpleBundleProvider(List.copyOf(resources));
		bundle.setSize((int) Math.min(total, Integer.MAX_VALUE));
		bundle.setCurrentPageOffset(from);
		bundle.setCurrentPageSize(size);
		return bundle;
	}

	/** Whether the request's {@code _include} asks for any of these (e.g. {@code Task:patient}). */
	public static boolean wants(@Nullable Set<Include> include, String... names) {
		return include != null && include.stream().anyMatch(i -> List.of(names).contains(i.getValue()));
	}
}
