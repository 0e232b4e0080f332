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
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs a bundle through the modules' importers: practitioners, then patients, then what belongs to a patient;
 * every reference the bundle uses for an imported resource (its full URL, {@code Type/id}, and conditional
 * references by identifier) is remembered for the entries after it. All in one transaction: a bundle is taken
 * whole or not at all.
 */
@Service
class BundleImports implements FhirImport {

	private final List<BundleImporter> importers;
	private final TransactionTemplate tx;
	private final AuditTrail audit;

	BundleImports(ObjectProvider<BundleImporter> importers, TransactionTemplate tx, AuditTrail audit) {
		this.importers = importers.orderedStream().sorted(Comparator.comparingInt(BundleImporter::rank)).toList();
		this.tx = tx;
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
		Summary summary = tx.execute(status -> run(bundle));
		audit.record(new AuditEntry("IMPORT", "Bundle", bundle.getIdElement().getIdPart(), null, AuditOutcome.SUCCESS,
				summary == null ? "" : summary.describe()));
		return summary;
	}

	private Summary run(Bundle bundle) {
		Context context = new Context(bundle);
		List<Bundle.BundleEntryComponent> entries = new ArrayList<>(bundle.getEntry());
		entries.removeIf(e -> e.getResource() == null);
		List<Integer> order = new ArrayList<>();
		for (int i = 0; i < entries.size(); i++) order.add(i);
		order.sort(Comparator.comparingInt(i -> rank(entries.get(i).getResource().fhirType())));
		ImportOutcome[] outcomes = new ImportOutcome[entries.size()];
		Map<String, int[]> counts = new LinkedHashMap<>();
		Map<String, Integer> reasons = new LinkedHashMap<>();
		for (int i : order) {
			Bundle.BundleEntryComponent entry = entries.get(i);
			Resource resource = entry.getResource();
			String type = resource.fhirType();
			BundleImporter importer = importerFor(type);
			ImportOutcome outcome = importer == null ? ImportOutcome.skipped(type + " is not kept by Caremap")
					: importer.take(resource, context);
			outcomes[i] = outcome;
			if (outcome.reference() != null) context.remember(entry, resource, outcome.reference());
			int[] c = counts.computeIfAbsent(type, k -> new int[3]);
			c[outcome.kind().ordinal()]++;
			if (outcome.kind() == ImportOutcome.Kind.SKIPPED && outcome.reason() != null) reasons.merge(outcome.reason(), 1, Integer::sum);
		}
		List<Entry> list = new ArrayList<>(entries.size());
		for (int i = 0; i < entries.size(); i++) list.add(new Entry(entries.get(i).getResource().fhirType(), outcomes[i]));
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
