package org.caremap.fhir;

import java.util.Locale;
import java.util.Set;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.ConceptValidationOptions;
import ca.uhn.fhir.context.support.IValidationSupport;
import ca.uhn.fhir.context.support.ValidationSupportContext;
import org.hl7.fhir.instance.model.api.IBaseResource;

/**
 * Language tags (BCP 47, {@code urn:ietf:bcp:47}) for the validator: a tag whose primary subtag is an ISO 639
 * language is valid. The validator's built-in list holds only the "common languages" value set, which lacks
 * languages Caremap's patients speak (Somali, Nepali, ...), although R4 binds that value set as preferred only.
 */
final class Bcp47Languages implements IValidationSupport {

	static final String SYSTEM = "urn:ietf:bcp:47";
	private static final Set<String> VALUE_SETS = Set.of("http://hl7.org/fhir/ValueSet/languages",
			"http://hl7.org/fhir/ValueSet/all-languages");
	private static final Set<String> ISO_639 = Set.of(Locale.getISOLanguages());

	private final FhirContext fhir;

	Bcp47Languages(FhirContext fhir) {
		this.fhir = fhir;
	}

	@Override
	public FhirContext getFhirContext() {
		return fhir;
	}

	@Override
	public boolean isCodeSystemSupported(ValidationSupportContext context, String system) {
		return SYSTEM.equals(system);
	}

	@Override
	public boolean isValueSetSupported(ValidationSupportContext context, String valueSetUrl) {
		return valueSetUrl != null && VALUE_SETS.contains(valueSetUrl.split("\\|")[0]);
	}

	@Override
	public CodeValidationResult validateCode(ValidationSupportContext context, ConceptValidationOptions options,
			String system, String code, String display, String valueSetUrl) {
		if (!SYSTEM.equals(system) || (valueSetUrl != null && !VALUE_SETS.contains(valueSetUrl.split("\\|")[0]))) return null;
		return check(code);
	}

	@Override
	public CodeValidationResult validateCodeInValueSet(ValidationSupportContext context, ConceptValidationOptions options,
			String system, String code, String display, IBaseResource valueSet) {
		String url = fhir.newTerser().getSinglePrimitiveValueOrNull(valueSet, "url");
		if (!SYSTEM.equals(system) || url == null || !VALUE_SETS.contains(url)) return null;
		return check(code);
	}

	private static CodeValidationResult check(String code) {
		String primary = code == null ? "" : code.split("-")[0].toLowerCase(Locale.ROOT);
		if (!ISO_639.contains(primary)) return null;
		return new CodeValidationResult().setCode(code).setCodeSystemName(SYSTEM)
			.setDisplay(Locale.forLanguageTag(code).getDisplayName(Locale.ENGLISH));
	}
}
