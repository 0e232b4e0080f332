package org.caremap.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import ca.uhn.fhir.rest.client.interceptor.BearerTokenAuthInterceptor;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import ca.uhn.fhir.validation.ValidationResult;
import org.caremap.identity.ApiClients;
import org.caremap.support.Actors;
import org.caremap.support.IntegrationTest;
import org.caremap.support.Tokens;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.NpmPackageValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.SnapshotGeneratingValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.core.userdetails.UserDetailsService;

/**
 * Every resource type the server lists in its capability statement has at least one instance in the demo data,
 * and that instance, fetched through the API, validates with HAPI's validator: zero errors against base R4, and
 * against US Core 6.1.0 zero errors but those about code systems and value sets whose packages are not available
 * offline, each allowed by its exact URL below. Every warning is printed. The self-reported measures are validated one
 * Observation of each kind.
 */
class FhirValidationIT extends IntegrationTest {

	/**
	 * Terminology that lives in packages US Core depends on but that are not shipped here (VSAC, PHIN VADS, THO,
	 * the CDC race and ethnicity code system, ICD-10-CM): the validator cannot check codes against them offline.
	 */
	static final Set<String> OFFLINE_TERMINOLOGY = Set.of(
			"http://hl7.org/fhir/sid/icd-10-cm",
			"urn:oid:2.16.840.1.113883.6.238");

	@Autowired ApiClients clients;
	@Autowired UserDetailsService users;

	@Test
	void everyServedResourceTypeHasADemoInstanceThatValidates() throws Exception {
		FhirContext fhir = FhirContext.forR4Cached();
		fhir.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
		ApiClients.Credentials reader = Tokens.register(new Actors(users), clients, "Validator " + UUID.randomUUID(), "system/*.rs");
		IGenericClient client = fhir.newRestfulGenericClient("http://localhost:" + port + "/fhir");
		client.registerInterceptor(new BearerTokenAuthInterceptor(Tokens.accessToken(port, reader, "system/*.rs")));

		ValidationSupportChain base = new ValidationSupportChain(new Bcp47Languages(fhir), new DefaultProfileValidationSupport(fhir),
				new CommonCodeSystemsTerminologyService(fhir), new InMemoryTerminologyServerValidationSupport(fhir),
				new SnapshotGeneratingValidationSupport(fhir));
		NpmPackageValidationSupport usCore = new NpmPackageValidationSupport(fhir);
		usCore.loadPackageFromClasspath("classpath:fhir/us_core_610.tgz");
		ValidationSupportChain withUsCore = new ValidationSupportChain(new Bcp47Languages(fhir), usCore, new DefaultProfileValidationSupport(fhir),
				new CommonCodeSystemsTerminologyService(fhir), new InMemoryTerminologyServerValidationSupport(fhir),
				new SnapshotGeneratingValidationSupport(fhir));
		FhirValidator baseValidator = fhir.newValidator().registerValidatorModule(new FhirInstanceValidator(base));
		FhirValidator usCoreValidator = fhir.newValidator().registerValidatorModule(new FhirInstanceValidator(withUsCore));

		CapabilityStatement cs = client.capabilities().ofType(CapabilityStatement.class).execute();
		// the resource types Caremap serves from its data (HAPI adds OperationDefinition for its own operations)
		List<String> types = cs.getRestFirstRep().getResource().stream()
			.filter(r -> r.getInteraction().stream().anyMatch(i -> i.getCode() == CapabilityStatement.TypeRestfulInteraction.SEARCHTYPE))
			.map(CapabilityStatement.CapabilityStatementRestResourceComponent::getType)
			.toList();
		assertThat(types).contains("Patient", "Condition", "Coverage", "Communication", "AuditEvent", "Practitioner", "Organization",
				"Appointment", "Claim", "ClaimResponse", "CoverageEligibilityRequest", "CoverageEligibilityResponse", "HealthcareService",
				"Location");

		Map<String, List<String>> errors = new LinkedHashMap<>();
		List<String> searches = new ArrayList<>(types.stream().map(t -> t + "?_count=3").toList());
		// the self-reported measures: one Observation of each kind (each has its own profile or category)
		for (String code : List.of("http://loinc.org|85354-9", "http://loinc.org|29463-7", "http://loinc.org|2339-0",
				"http://loinc.org|41950-7", "https://caremap.org/fhir/CodeSystem/self-reported-measure|mood")) {
			searches.add("Observation?_count=1&code=" + java.net.URLEncoder.encode(code, java.nio.charset.StandardCharsets.UTF_8));
		}
		for (String query : searches) {
			String type = query.substring(0, query.indexOf('?'));
			Bundle found = client.search().byUrl(query).returnBundle(Bundle.class).execute();
			assertThat(found.getEntry()).as("the demo data holds " + query).isNotEmpty();
			for (Bundle.BundleEntryComponent entry : found.getEntry()) {
				Resource resource = entry.getResource();
				String where = type + "/" + resource.getIdElement().getIdPart();
				Resource plain = resource.copy();
				plain.getMeta().getProfile().clear();
				for (SingleValidationMessage m : baseValidator.validateWithResult(plain).getMessages()) {
					print("R4", where, m);
					if (isError(m)) errors.computeIfAbsent(where + " (R4)", k -> new ArrayList<>()).add(m.getLocationString() + ": " + m.getMessage());
				}
				ValidationResult result = usCoreValidator.validateWithResult(resource);
				for (SingleValidationMessage m : result.getMessages()) {
					print("US Core", where, m);
					if (isError(m) && OFFLINE_TERMINOLOGY.stream().noneMatch(url -> m.getMessage().contains(url))) {
						errors.computeIfAbsent(where + " (US Core)", k -> new ArrayList<>()).add(m.getLocationString() + ": " + m.getMessage());
					}
				}
			}
		}
		assertThat(errors).as("validation errors").isEmpty();
	}

	private static boolean isError(SingleValidationMessage m) {
		return m.getSeverity() == ResultSeverityEnum.ERROR || m.getSeverity() == ResultSeverityEnum.FATAL;
	}

	private static void print(String against, String where, SingleValidationMessage m) {
		System.out.println("[validation " + against + "] " + m.getSeverity() + " " + where + " " + m.getLocationString() + ": " + m.getMessage());
	}
}
