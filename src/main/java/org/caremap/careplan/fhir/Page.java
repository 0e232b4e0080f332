package org.caremap.careplan.fhir;

import java.util.List;

import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.server.SimpleBundleProvider;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.jspecify.annotations.Nullable;

/** Which slice of a search result a request asks for ({@code _offset}, {@code _count}: 20 unless said, at most 500). */
record Page(int from, int size) {

	static Page of(@Nullable Integer offset, @Nullable Integer count) {
		return new Page(offset == null ? 0 : Math.max(offset, 0), count == null ? 20 : Math.min(Math.max(count, 0), 500));
	}

	IBundleProvider bundle(List<IBaseResource> resources, long total) {
		SimpleBundleProvider bundle = new SimpleBundleProvider(resources);
		bundle.setSize((int) Math.min(total, Integer.MAX_VALUE));
		bundle.setCurrentPageOffset(from);
		bundle.setCurrentPageSize(size);
		return bundle;
	}
}
