package org.caremap.fhir.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import org.caremap.audit.AuditEntry;
import org.caremap.audit.AuditOutcome;
import org.caremap.audit.AuditTrail;
import org.caremap.fhir.BundleImporter;
import org.caremap.fhir.FhirImport;
import org.caremap.fhir.ImportContext;
import org.caremap.fhir.ImportOutcome;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs a bundle through the modules' importers: practitioners, then patients, then what belongs to a patient;
 * every reference the bundle uses for an imported resource (its full URL, {@code Type/id}, and conditional
 * references by identifier) is remembered for the entries after it. A transaction or collection is taken whole or
 * not at all (one database transaction); in a batch, and in a chunked import, each entry runs in a savepoint of
 * its own, so one invalid or refused entry leaves the others. Every entry is audited once ({@code IMPORT}, with
 * what became of it).
 */
@Service
class BundleImports implements FhirImport {

	private final List<BundleImporter> importers;
	private final TransactionTemplate tx;
	private final TransactionTemplate savepoint;
	private final AuditTrail audit;

	BundleImports(ObjectProvider<BundleImporter> importers, TransactionTemplate tx, AuditTrail audit) {
		this.importers = importers.orderedStream().sorted(Comparator.comparingInt(BundleImporter::rank)).toList();
		this.tx = tx;
		this.savepoint = new TransactionTemplate(java.util.Objects.requireNonNull(tx.getTransactionManager()));
		this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
		this.audit = audit;
	}

	@Override
	public Summary importBundle(Bundle bundle) {
		if (bundle.getType() != null && bundle.getType() != Bundle.BundleType.TRANSACTION
				&& bundle.getType() != Bundle.BundleType.BATCH && bundle.getType() != Bundle.BundleType.COLLECTION
				&& bundle.getType() != Bundle.BundleType.SEARCHSET) {
			throw new InvalidRequestException("Caremap imports transaction, batch, collection and searchset bundles, not "
					+ bundle.getType().toCode());
		}
		boolean alone = bundle.getType() == Bundle.BundleType.BATCH;
		Summary summary = tx.execute(status -> {
			List<Bundle.BundleEntryComponent> entries = entries(bundle);
			Context context = new Context(bundle);
			ImportOutcome[] outcomes = new ImportOutcome[entries.size()];
			for (int i : order(entries)) outcomes[i] = take(entries.get(i), context, alone);
			auditEntries(entries, outcomes, allIndexes(entries.size()));
			return summary(entries, outcomes);
		});
		audit.record(new AuditEntry("IMPORT", "Bundle", bundle.getIdElement().getIdPart(), null, AuditOutcome.SUCCESS,
				summary == null ? "" : summary.describe()));
		return summary;
	}

	@Override
	public boolean importInChunks(Bundle bundle, int size, Chunks chunks) {
		List<Bundle.BundleEntryComponent> entries = entries(bundle);
		Context context = new Context(bundle);
		Map<Integer, ImportOutcome> done = chunks.done();
		done.forEach((i, outcome) -> {
			if (i < entries.size() && outcome.reference() != null) {
				context.remember(entries.get(i), entries.get(i).getResource(), outcome.reference());
			}
		});
		List<Integer> remaining = order(entries).stream().filter(i -> !done.containsKey(i)).toList();
		for (int from = 0; from < remaining.size(); from += size) {
			if (chunks.cancelled()) return false;
			List<Integer> chunk = remaining.subList(from, Math.min(from + size, remaining.size()));
			tx.executeWithoutResult(status -> {
				ImportOutcome[] outcomes = new ImportOutcome[entries.size()];
				Map<Integer, Entry> taken = new LinkedHashMap<>();
				for (int i : chunk) {
					outcomes[i] = take(entries.get(i), context, true);
					taken.put(i, new Entry(entries.get(i).getResource().fhirType(), outcomes[i]));
				}
				auditEntries(entries, outcomes, chunk);
				chunks.record(taken);
			});
		}
		return true;
	}

	/** One entry through its importer; standing alone, a refusal is its outcome instead of the bundle's end. */
	private ImportOutcome take(Bundle.BundleEntryComponent entry, Context context, boolean alone) {
		Resource resource = entry.getResource();
		BundleImporter importer = importerFor(resource.fhirType());
		ImportOutcome outcome;
		if (importer == null) {
			outcome = ImportOutcome.skipped(resource.fhirType() + " is not kept by Caremap");
		}
		else if (!alone) {
			outcome = importer.take(resource, context);
		}
		else {
			try {
				outcome = savepoint.execute(status -> importer.take(resource, context));
			}
			catch (RuntimeException refused) {
				String reason = refusal(refused);
				if (reason == null) throw refused;
				outcome = ImportOutcome.refused(reason);
			}
		}
		if (outcome == null) outcome = ImportOutcome.skipped("nothing was returned");
		if (outcome.reference() != null) context.remember(entry, resource, outcome.reference());
		return outcome;
	}

	/** Why an entry was refused in words, when the refusal is about the entry (bad data, not permitted). */
	private static @Nullable String refusal(RuntimeException ex) {
		for (Throwable t = ex; t != null; t = t.getCause() == t ? null : t.getCause()) {
			if (t instanceof org.springframework.security.access.AccessDeniedException) return "not permitted: " + t.getMessage();
			if (t instanceof org.caremap.shared.DomainException || t instanceof IllegalArgumentException
					|| t instanceof java.time.DateTimeException
					|| (t instanceof ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException b && b.getStatusCode() < 500)) {
				return t.getMessage();
			}
			if (t instanceof org.springframework.dao.DataIntegrityViolationException) {
				String text = org.caremap.shared.StorageRefusals.describe(t);
				return text == null ? "conflicts with data already stored" : text;
			}
		}
		return null;
	}

	/** One audit event per entry, saying what became of it and whom it is about. */
	private void auditEntries(List<Bundle.BundleEntryComponent> entries, ImportOutcome[] outcomes, List<Integer> which) {
		List<AuditEntry> kept = new ArrayList<>();
		for (int i : which) {
			ImportOutcome outcome = outcomes[i];
			String type = entries.get(i).getResource().fhirType();
			String id = outcome.reference() == null ? null : outcome.reference().substring(outcome.reference().indexOf('/') + 1);
			AuditEntry entry = new AuditEntry("IMPORT", type, id, outcome.patient(),
					outcome.kind() == ImportOutcome.Kind.REFUSED ? AuditOutcome.FAILED : AuditOutcome.SUCCESS, outcome.describe());
			if (entry.outcome() == AuditOutcome.SUCCESS) kept.add(entry);
			else audit.record(entry);
		}
		if (!kept.isEmpty()) audit.recordAll(kept);
	}

	private static List<Bundle.BundleEntryComponent> entries(Bundle bundle) {
		List<Bundle.BundleEntryComponent> entries = new ArrayList<>(bundle.getEntry());
		entries.removeIf(e -> e.getResource() == null);
		return entries;
	}

	private static List<Integer> allIndexes(int size) {
		List<Integer> all = new ArrayList<>(size);
		for (int i = 0; i < size; i++) all.add(i);
		return all;
	}

	/** Practitioners first, then patients, then what belongs to them; the bundle's order within each. */
	private List<Integer> order(List<Bundle.BundleEntryComponent> entries) {
		List<Integer> order = allIndexes(entries.size());
		order.sort(Comparator.comparingInt(i -> rank(entries.get(i).getResource().fhirType())));
		return order;
	}

	private static Summary summary(List<Bundle.BundleEntryComponent> entries, ImportOutcome[] outcomes) {
		Map<String, int[]> counts = new LinkedHashMap<>();
		Map<String, Integer> reasons = new LinkedHashMap<>();
		List<Entry> list = new ArrayList<>(entries.size());
		for (int i = 0; i < entries.size(); i++) {
			String type = entries.get(i).getResource().fhirType();
			ImportOutcome outcome = outcomes[i];
			counts.computeIfAbsent(type, k -> new int[ImportOutcome.Kind.values().length])[outcome.kind().ordinal()]++;
			if (outcome.kind() != ImportOutcome.Kind.CREATED && outcome.kind() != ImportOutcome.Kind.MATCHED
					&& outcome.reason() != null) {
				reasons.merge(outcome.reason(), 1, Integer::sum);
			}
			list.add(new Entry(type, outcome));
		}
		return new Summary(counts, reasons, list);
	}

	private int rank(String type) {
		BundleImporter importer = importerFor(type);
		return importer == null ? Integer.MAX_VALUE : importer.rank();
	}

	private @Nullable BundleImporter importerFor(String type) {
		for (BundleImporter importer : importers) {
			if (importer.types().contains(type)) return importer;
		}
		return null;
	}

	/** The bundle's references and where they now point in Caremap. */
	private static final class Context implements ImportContext {

		private final Map<String, Resource> byReference = new HashMap<>();
		private final Map<String, String> imported = new HashMap<>();

		Context(Bundle bundle) {
			for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
				Resource resource = entry.getResource();
				if (resource == null) continue;
				for (String key : keys(entry, resource)) byReference.put(key, resource);
			}
		}

		void remember(Bundle.BundleEntryComponent entry, Resource resource, String reference) {
			for (String key : keys(entry, resource)) imported.put(key, reference);
		}

		private static List<String> keys(Bundle.BundleEntryComponent entry, Resource resource) {
			List<String> keys = new ArrayList<>();
			if (entry.hasFullUrl()) keys.add(entry.getFullUrl());
			if (resource.hasIdElement() && resource.getIdElement().hasIdPart()) {
				keys.add(resource.fhirType() + "/" + resource.getIdElement().getIdPart());
				keys.add("urn:uuid:" + resource.getIdElement().getIdPart());
			}
			for (Identifier identifier : identifiers(resource)) {
				if (identifier.hasValue()) {
					keys.add(resource.fhirType() + "?identifier=" + (identifier.hasSystem() ? identifier.getSystem() + "|" : "")
							+ identifier.getValue());
				}
			}
			return keys;
		}

		@SuppressWarnings("unchecked")
		private static List<Identifier> identifiers(Resource resource) {
			try {
				Object value = resource.getClass().getMethod("getIdentifier").invoke(resource);
				return value instanceof List<?> list ? (List<Identifier>) list : List.of();
			}
			catch (ReflectiveOperationException | ClassCastException ex) {
				return List.of();
			}
		}

		private static @Nullable String key(Reference reference) {
			if (reference == null || !reference.hasReference()) return null;
			return reference.getReference();
		}

		@Override
		public Optional<UUID> patient(Reference reference) {
			return resolve(reference).filter(r -> r.startsWith("Patient/")).map(r -> UUID.fromString(r.substring(8)));
		}

		@Override
		public Optional<String> resolve(Reference reference) {
			String key = key(reference);
			return key == null ? Optional.empty() : Optional.ofNullable(imported.get(key));
		}

		@Override
		public Optional<Resource> resource(Reference reference) {
			String key = key(reference);
			return key == null ? Optional.empty() : Optional.ofNullable(byReference.get(key));
		}
	}
}
