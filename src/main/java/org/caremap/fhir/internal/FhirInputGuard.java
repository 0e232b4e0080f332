package org.caremap.fhir.internal;

import java.util.List;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import ca.uhn.fhir.util.FhirTerser;
import org.caremap.shared.TextRules;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IPrimitiveType;
import org.hl7.fhir.r4.model.Base64BinaryType;
import org.hl7.fhir.r4.model.Bundle;

/**
 * Every resource a client sends is checked before any provider sees it: no text may hold a NUL or another control
 * character, or half of a UTF-16 surrogate pair (400); no text may be longer than Caremap keeps anywhere (422);
 * {@code POST /fhir} takes transaction and batch bundles only, and a synchronous bundle holds at most
 * {@code caremap.fhir.max-bundle-entries} entries (422 naming the asynchronous import).
 */
@Interceptor
class FhirInputGuard {

	/** The most identifiers, names, phone numbers or addresses one patient may carry. */
	static final int MAX_REPEATS = 50;

	private final FhirTerser terser = FhirContext.forR4Cached().newTerser();
	private final int maxEntries;

	FhirInputGuard(int maxEntries) {
		this.maxEntries = maxEntries;
	}

	@Hook(Pointcut.SERVER_INCOMING_REQUEST_PRE_HANDLED)
	public void check(RequestDetails request, RestOperationTypeEnum operation) {
		IBaseResource resource = request.getResource();
		if (resource == null) return;
		if (operation == RestOperationTypeEnum.TRANSACTION && resource instanceof Bundle bundle) {
			if (bundle.getType() != Bundle.BundleType.TRANSACTION && bundle.getType() != Bundle.BundleType.BATCH) {
				throw new InvalidRequestException("POST /fhir takes a transaction or batch bundle, not a "
						+ (bundle.getType() == null ? "bundle without a type" : bundle.getType().toCode() + " bundle")
						+ " (a searchset or collection is imported with the fhir-import command)");
			}
			boolean async = TransactionProvider.wantsAsync(request);
			if (!async && bundle.getEntry().size() > maxEntries) {
				throw new UnprocessableEntityException("The bundle holds " + bundle.getEntry().size() + " entries; at most "
						+ maxEntries + " are taken in one request. Send it with the header Prefer: respond-async to import it "
						+ "as a background job, or split it.");
			}
		}
		List<IBaseResource> each = resource instanceof Bundle b
				? b.getEntry().stream().filter(e -> e.getResource() != null).map(e -> (IBaseResource) e.getResource()).toList()
				: List.of(resource);
		for (IBaseResource one : each) {
			// what a patient carries is bounded: each identifier takes a number of the registry for good
			if (one instanceof org.hl7.fhir.r4.model.Patient p && (p.getIdentifier().size() > MAX_REPEATS
					|| p.getName().size() > MAX_REPEATS || p.getTelecom().size() > MAX_REPEATS || p.getAddress().size() > MAX_REPEATS)) {
				throw new UnprocessableEntityException("A Patient holds more than " + MAX_REPEATS
						+ " identifiers, names, phone numbers or addresses; Caremap takes at most " + MAX_REPEATS + " of each.");
			}
		}
		List<IPrimitiveType> values = terser.getAllPopulatedChildElementsOfType(resource, IPrimitiveType.class);
		for (IPrimitiveType<?> value : values) {
			if (value instanceof Base64BinaryType) continue;
			String text = value.getValueAsString();
			if (text == null) continue;
			String problem = TextRules.problem(text);
			if (problem != null) throw new InvalidRequestException("A value in the resource " + problem + ".");
			if (text.length() > TextRules.LONGEST) {
				throw new UnprocessableEntityException("A value in the resource is " + text.length()
						+ " characters long; Caremap keeps at most " + TextRules.LONGEST + " characters in any field.");
			}
		}
	}
}
