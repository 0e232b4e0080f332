package org.caremap.fhir;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

import ca.uhn.fhir.rest.param.DateRangeParam;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.server.SimpleBundleProvider;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import org.caremap.shared.PatientId;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A FHIR search over one table, as the modules' providers write them: conditions added one by one, limited to the
 * patients the caller may read, counted, then one page loaded by id through the module's API (which authorizes
 * and audits each resource).
 */
public final class FhirSearch {

	private final StringBuilder where;
	private final List<Object> params = new ArrayList<>();

	/** {@code from} names the table and its alias, e.g. {@code "patient_condition c"}. */
	public FhirSearch(String from) {
		this.where = new StringBuilder(" from ").append(from).append(" where true");
	}

	/** Adds a condition with its parameters ({@code ?} placeholders, in order). */
	public FhirSearch and(String condition, Object... values) {
		where.append(" and (").append(condition).append(')');
		params.addAll(List.of(values));
		return this;
	}

	/**
	 * Limits the search to the patients the caller may read: {@code PatientAccess.readableScope()}, where null means
	 * every patient (a system acting for the organisation).
	 */
	public FhirSearch readableBy(@Nullable Set<PatientId> scope, String patientColumn) {
		if (scope != null) {
			and(patientColumn + " = any(?)", (Object) scope.stream().map(PatientId::value).toArray(UUID[]::new));
		}
		return this;
	}

	/** A date or time column within the range (either bound may be open). */
	public FhirSearch within(String column, @Nullable DateRangeParam range) {
		if (range == null) return this;
		if (range.getLowerBoundAsInstant() != null) {
			and(column + " >= ?", range.getLowerBoundAsInstant().toInstant().atOffset(ZoneOffset.UTC));
		}
		if (range.getUpperBoundAsInstant() != null) {
			and(column + " <= ?", range.getUpperBoundAsInstant().toInstant().atOffset(ZoneOffset.UTC));
		}
		return this;
	}

	/** One page of the results, in this order, each loaded by the module (resources it refuses are left out). */
	public SimpleBundleProvider page(JdbcClient jdbc, String idColumn, String orderBy, @Nullable Integer offset,
			@Nullable Integer count, Function<UUID, Optional<? extends IBaseResource>> load) {
		return page(jdbc, UUID.class, idColumn, orderBy, offset, count, load);
	}

	/** The same, for tables whose ids are not UUIDs. */
	public <K> SimpleBundleProvider page(JdbcClient jdbc, Class<K> idType, String idColumn, String orderBy,
			@Nullable Integer offset, @Nullable Integer count, Function<K, Optional<? extends IBaseResource>> load) {
		FhirPage slice = FhirPage.of(offset, count);
		int size = slice.size();
		int from = slice.from();
		List<Object> paged = new ArrayList<>(params);
		paged.add(size);
		paged.add(from);
		// counted and paged on the replica when the request accepts it (see EventualSearches); loaded on the primary
		Map.Entry<Long, List<K>> found = EventualSearches.read(jdbc, db -> Map.entry(
				db.sql("select count(*)" + where).params(params).query(Long.class).single(),
				db.sql("select " + idColumn + where + " order by " + orderBy + " limit ? offset ?")
					.params(paged)
					.query(idType)
					.list()));
		long total = found.getKey();
		List<K> ids = found.getValue();
		List<IBaseResource> page = new ArrayList<>(ids.size());
		for (K id : ids) load.apply(id).ifPresent(page::add);
		return slice.bundle(page, total);
	}

	/**
	 * The first {@code limit} results in this order as keys (id and the time they are ordered by), and how many there
	 * are in all: for merging several sources before loading only the page's resources.
	 */
	public Keys keys(JdbcClient jdbc, String idColumn, String timeColumn, String orderBy, int limit) {
		return EventualSearches.read(jdbc, db -> {
			long total = db.sql("select count(*)" + where).params(params).query(Long.class).single();
			if (total == 0 || limit <= 0) return new Keys(List.of(), total);
			List<Object> paged = new ArrayList<>(params);
			paged.add(limit);
			List<Key> keys = db.sql("select " + idColumn + ", " + timeColumn + where + " order by " + orderBy + " limit ?")
				.params(paged)
				.query((rs, n) -> new Key(rs.getObject(1, UUID.class), rs.getObject(2, java.time.OffsetDateTime.class).toInstant()))
				.list();
			return new Keys(keys, total);
		});
	}

	/** A result by its id and the time it is ordered by (newest first, then by id). */
	public record Key(UUID id, java.time.Instant at) {
	}

	/** The first keys of a search, and how many results there are in all. */
	public record Keys(List<Key> keys, long total) {

		public Keys {
			keys = List.copyOf(keys);
		}
	}

	/** The patient a {@code patient}/{@code subject} parameter names ({@code Patient/<id>} or a bare id). */
	public static UUID patient(ReferenceParam reference) {
		if (reference.getResourceType() != null && !reference.getResourceType().equals("Patient")) {
			throw new InvalidRequestException("Only Patient references are searched here, not " + reference.getResourceType());
		}
		return uuid(reference.getIdPart(), "patient");
	}

	/** A Caremap id in a parameter; anything else is a bad request. */
	public static UUID uuid(@Nullable String value, String parameter) {
		try {
			return UUID.fromString(value == null ? "" : value);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidRequestException("The " + parameter + " parameter does not name a Caremap record: " + value);
		}
	}

	/** An id in a read: not one of Caremap's ids means no such resource. */
	public static Optional<UUID> id(@Nullable String value) {
		try {
			return Optional.of(UUID.fromString(value == null ? "" : value));
		}
		catch (IllegalArgumentException ex) {
			return Optional.empty();
		}
	}
}
