package org.caremap.fhir;

import java.util.function.Function;

import org.caremap.platform.ReplicaReads;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * FHIR searches that may be answered from the read replica: those of a client that sends
 * {@code Caremap-Consistency: eventual} (see {@link ReplicaReads#CONSISTENCY_HEADER}), a bulk export's among them.
 * The FHIR server marks such a request on its thread for its length; {@link FhirSearch} then counts and pages the
 * matches through {@link ReplicaReads} (the replica when it may serve this caller, else the primary) and loads each
 * resource of the page through the owning module, on the primary, authorized and audited as always.
 */
public final class EventualSearches {

	private record Marked(ReplicaReads reads, @Nullable String caller) {
	}

	private static final ThreadLocal<@Nullable Marked> CURRENT = new ThreadLocal<>();

	private EventualSearches() {
	}

	/** For the FHIR server: this thread's request accepts results a few seconds old, for this caller. */
	public static void begin(ReplicaReads reads, @Nullable String caller) {
		CURRENT.set(new Marked(reads, caller));
	}

	/** For the FHIR server: the request is over. */
	public static void end() {
		CURRENT.remove();
	}

	/** A search's read: through the replica routing when this request accepts it, else on the module's own client. */
	static <T> T read(JdbcClient own, Function<JdbcClient, T> work) {
		Marked marked = CURRENT.get();
		return marked == null ? work.apply(own) : marked.reads().read(marked.caller(), work);
	}
}
