package org.caremap.caseload.fhir;

import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;

import ca.uhn.fhir.rest.annotation.Count;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Offset;
import ca.uhn.fhir.rest.annotation.OptionalParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import org.caremap.caseload.CasePage;
import org.caremap.caseload.CaseSearch;
import org.caremap.caseload.CaseStatus;
import org.caremap.caseload.CaseView;
import org.caremap.shared.PatientId;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Narrative;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Reference;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * The patient's consent to care management recorded at enrolment, as FHIR Consent with the id of its case: a
 * consent to treatment (scope {@code treatment}, category LOINC 59284-0 Patient Consent) given by the patient to
 * the organisation, permitting care management from the consent date; active while the case is open, inactive
 * once it is closed. How it was given (verbally or in writing), who obtained it and which of the elements CMS
 * requires were explained are in the narrative. Read; search by {@code patient} with {@code _count}/{@code _offset}
 * paging, through the caseload's API. A case without a recorded consent has no Consent.
 */
@Component
class ConsentResourceProvider implements IResourceProvider {

	static final String SCOPE = "http://terminology.hl7.org/CodeSystem/consentscope";
	static final String LOINC = "http://loinc.org";
	static final String ACT_REASON = "http://terminology.hl7.org/CodeSystem/v3-ActReason";

	private final CaseFhir cases;

	ConsentResourceProvider(CaseFhir cases) {
		this.cases = cases;
	}

	@Override
	public Class<Consent> getResourceType() {
		return Consent.class;
	}

	@Read
	public Consent read(@IdParam IdType id) {
		CasePage.Found found = cases.one("Consent", id, true);
		return cases.labelled(found, toFhir(cases.context(List.of(found)), found));
	}

	@Search
	public IBundleProvider search(@OptionalParam(name = Consent.SP_PATIENT) @Nullable ReferenceParam patient,
			@Offset @Nullable Integer offset, @Count @Nullable Integer count) {
		CaseSearch search = CaseSearch.all().withConsent();
		if (patient != null) search = search.withPatient(new PatientId(CaseFhir.referenced(patient, "patient", "Patient")));
		return cases.page(search, offset, count, context -> found -> toFhir(context, found));
	}

	static Consent toFhir(CaseFhir.Context context, CasePage.Found found) {
		CaseView c = found.view();
		org.caremap.caseload.Consent given = java.util.Objects.requireNonNull(c.consent());
		Consent consent = new Consent();
		consent.setId(c.id().toString());
		consent.getMeta().setLastUpdated(Date.from(found.lastChanged()));
		consent.setText(narrative(context, c, given));
		consent.setStatus(c.status() == CaseStatus.CLOSED ? Consent.ConsentState.INACTIVE : Consent.ConsentState.ACTIVE);
		consent.setScope(new CodeableConcept(new Coding(SCOPE, "treatment", "Treatment")));
		consent.addCategory(new CodeableConcept(new Coding(LOINC, "59284-0", "Patient Consent")));
		consent.setPatient(CaseFhir.patient(c.patient()));
		consent.setDateTimeElement(CaseFhir.day(given.date()));
		consent.addPerformer(CaseFhir.patient(c.patient()));
		Reference organization = context.organizationReference();
		if (organization != null) consent.addOrganization(organization);
		consent.setPolicyRule(new CodeableConcept().setText("Consent to " + context.program(c.program())
				+ " care management, with the service, its cost-sharing, one billing practitioner a month and the right"
				+ " to stop at any time explained"));
		Period period = new Period().setStartElement(CaseFhir.day(given.date()));
		if (c.closedOn() != null) period.setEndElement(CaseFhir.day(c.closedOn()));
		consent.getProvision()
			.setType(Consent.ConsentProvisionType.PERMIT)
			.setPeriod(period)
			.addPurpose(new Coding(ACT_REASON, "TREAT", "treatment"));
		return consent;
	}

	private static Narrative narrative(CaseFhir.Context context, CaseView c, org.caremap.caseload.Consent given) {
		List<String> told = new ArrayList<>();
		if (given.toldServiceAvailable()) told.add("the service is available");
		if (given.toldCostSharing()) told.add("cost-sharing applies");
		if (given.toldOnePractitioner()) told.add("only one practitioner may bill it in a month");
		if (given.toldCanStop()) told.add("they may stop at any time");
		String text = given.method().name().substring(0, 1) + given.method().name().substring(1).toLowerCase(Locale.ROOT)
				+ " consent to " + context.program(c.program()) + " given on " + given.date() + ", obtained by "
				+ given.obtainedBy() + ". The patient was told: "
				+ (told.isEmpty() ? "none of the required elements" : String.join("; ", told)) + ".";
		Narrative narrative = new Narrative().setStatus(Narrative.NarrativeStatus.GENERATED);
		narrative.setDivAsString("<div xmlns=\"http://www.w3.org/1999/xhtml\"><p>" + CaseFhir.escape(text) + "</p></div>");
		return narrative;
	}
}
