package org.caremap.platform;

import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Reads that tolerate seconds of lag, served by a PostgreSQL streaming replica when one is configured
 * ({@code caremap.db.replica.url}, or {@code caremap.db.replica.embedded=true} for a standby of the embedded server),
 * and by the primary otherwise. What goes here: the outcomes dashboard's figures, the searches of a FHIR bulk export,
 * FHIR searches of systems that send {@value #CONSISTENCY_HEADER}: {@value #EVENTUAL}. Never writes, and never what a
 * user must see right after changing it: a caller's reads stay on the primary until the replica has replayed that
 * caller's last write (its WAL position, remembered by {@link #wrote}); every read goes to the primary while the
 * replica is down, or lags more than {@code caremap.db.replica.max-lag} (30 s by default).
 */
public interface ReplicaReads {

	/** The request header by which a FHIR client accepts results that may be a few seconds old. */
	String CONSISTENCY_HEADER = "Caremap-Consistency";

	/** The value of {@link #CONSISTENCY_HEADER} that opts in. */
	String EVENTUAL = "eventual";

	/**
	 * Runs a read on the replica when the caller may be served there, else on the primary; when the replica fails
	 * during it, again on the primary. The work must only read (it may run twice) and must not hold on to the client.
	 * {@code caller} is whoever's own writes the read must see (a user name, {@code system:api:<client>}), null for
	 * none (a job).
	 */
	<T> T read(@Nullable String caller, Function<JdbcClient, T> work);

	/** The same for the signed-in user of this thread (none: a job). */
	<T> T read(Function<JdbcClient, T> work);

	/**
	 * Remembers that this caller has just written (the primary's WAL position now), so that their reads stay on the
	 * primary until the replica has replayed it. Nothing to do without a replica.
	 */
	void wrote(@Nullable String caller);

	/** Whether a replica is configured (with none, every read is on the primary and nothing is measured). */
	boolean configured();

	/** Where the replica stands at its last check; empty without a replica. */
	Optional<Status> status();

	/**
	 * The replica at its last check: up (reachable and in recovery), how far behind (seconds since the oldest change
	 * it has not replayed, bytes of WAL), whether reads go there.
	 */
	record Status(String url, boolean up, double lagSeconds, long lagBytes, boolean serving, @Nullable Instant checkedAt) {
	}
}
