package org.caremap.utilization.fhir;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import org.caremap.fhir.FhirSearch;
import org.caremap.shared.PatientId;
import org.caremap.utilization.AuthorizationStatus;
import org.caremap.utilization.AuthorizationView;
import org.caremap.utilization.AuthorizationView.LineView;
import org.caremap.utilization.CodeSystem;
import org.caremap.utilization.LineDecision;
import org.caremap.utilization.NewAuthorization;
import org.caremap.utilization.UnitKind;
import org.caremap.utilization.Urgency;
import org.hl7.fhir.r4.model.Claim;
import org.hl7.fhir.r4.model.ClaimResponse;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.SimpleQuantity;
import org.jspecify.annotations.Nullable;

/**
 * Prior authorization in FHIR, in the shapes of the Da Vinci Prior Authorization Support IG where base R4 allows them
 * (the PAS profiles and their X12-based extensions are not validated here): the request is a {@code Claim} with
 * {@code use = preauthorization}, the payer's answer a {@code ClaimResponse} with the authorization number in
 * {@code preAuthRef}, the approved period in {@code preAuthPeriod} and per item the units asked
 * ({@code adjudication} category {@code submitted}) and authorized ({@code eligible}), with the payer's reason.
 */
final class ClaimFhir {

	static final String CLAIM_TYPE = "http://terminology.hl7.org/CodeSystem/claim-type";
	static final String PRIORITY = "http://terminology.hl7.org/CodeSystem/processpriority";
	static final String ADJUDICATION = "http://terminology.hl7.org/CodeSystem/adjudication";
	static final String INFO_CATEGORY = "http://terminology.hl7.org/CodeSystem/claiminformationcategory";
	static final String ICD10CM = "http://hl7.org/fhir/sid/icd-10-cm";
	static final String UCUM = "http://unitsofmeasure.org";

	private ClaimFhir() {
	}

	/** Institutional when a line is a revenue code (a facility's bill), professional otherwise. */
	static CodeableConcept type(AuthorizationView a) {
		boolean institutional = a.lines().stream().anyMatch(l -> l.system() == CodeSystem.REVENUE);
		return new CodeableConcept(new Coding(CLAIM_TYPE, institutional ? "institutional" : "professional",
				institutional ? "Institutional" : "Professional"));
	}

	static Claim.ClaimStatus claimStatus(AuthorizationStatus status) {
		return switch (status) {
			case DRAFT -> Claim.ClaimStatus.DRAFT;
			case WITHDRAWN -> Claim.ClaimStatus.CANCELLED;
			default -> Claim.ClaimStatus.ACTIVE;
		};
	}

	static Claim claim(AuthorizationView a) {
		Claim c = new Claim();
		c.setId(a.id().toString());
		c.getMeta().setLastUpdated(Date.from(a.updatedAt()));
		c.setStatus(claimStatus(a.status()));
		c.setType(type(a));
		c.setUse(Claim.Use.PREAUTHORIZATION);
		c.setPatient(new Reference("Patient/" + a.patient().value()));
		c.setCreated(Date.from(a.createdAt()));
		c.setBillablePeriod(new Period().setStartElement(new org.hl7.fhir.r4.model.DateTimeType(a.wantedFrom().toString()))
			.setEndElement(new org.hl7.fhir.r4.model.DateTimeType(a.wantedTo().toString())));
		c.setInsurer(new Reference().setDisplay(a.payer()));
		c.setProvider(new Reference().setDisplay(a.requestingProvider()));
		c.setPriority(new CodeableConcept(a.urgency() == Urgency.EXPEDITED ? new Coding(PRIORITY, "stat", "Immediate")
				: new Coding(PRIORITY, "normal", "Normal")));
		Claim.InsuranceComponent insurance = c.addInsurance().setSequence(1).setFocal(true);
		insurance.setCoverage(a.coverage() == null ? new Reference().setDisplay(a.payer())
				: new Reference("Coverage/" + a.coverage()).setDisplay(a.payer()));
		if (a.payerReference() != null) insurance.addPreAuthRef(a.payerReference());
		if (a.servicingProvider() != null) {
			c.addCareTeam().setSequence(1).setProvider(new Reference().setDisplay(a.servicingProvider()))
				.setRole(new CodeableConcept(new Coding("http://terminology.hl7.org/CodeSystem/claimcareteamrole", "primary",
						"Primary provider")));
		}
		int sequence = 1;
		for (String code : a.diagnoses()) {
			c.addDiagnosis().setSequence(sequence++).setDiagnosis(new CodeableConcept(new Coding().setSystem(ICD10CM).setCode(code)));
		}
		if (a.clinicalNotes() != null) {
			c.addSupportingInfo().setSequence(1).setCategory(new CodeableConcept(new Coding(INFO_CATEGORY, "info", "Information")))
				.setValue(new org.hl7.fhir.r4.model.StringType(a.clinicalNotes()));
		}
		for (LineView l : a.lines()) {
			Claim.ItemComponent item = c.addItem().setSequence(l.position());
			if (a.servicingProvider() != null) item.addCareTeamSequence(1);
			for (int d = 1; d <= a.diagnoses().size() && d <= 4; d++) item.addDiagnosisSequence(d);
			CodeableConcept product = new CodeableConcept(new Coding().setSystem(l.system().system()).setCode(l.code())
				.setDisplay(l.description()));
			product.setText(l.description() == null ? a.service() : l.description());
			item.setProductOrService(product);
			item.setQuantity((SimpleQuantity) new SimpleQuantity().setValue(l.unitsRequested()).setUnit(unit(l.unitKind())));
			item.setServiced(new Period().setStartElement(new org.hl7.fhir.r4.model.DateTimeType(a.wantedFrom().toString()))
				.setEndElement(new org.hl7.fhir.r4.model.DateTimeType(a.wantedTo().toString())));
		}
		c.getText().setStatus(org.hl7.fhir.r4.model.Narrative.NarrativeStatus.GENERATED);
		c.getText().setDivAsString("<div xmlns=\"http://www.w3.org/1999/xhtml\">Prior authorization request: "
				+ escape(a.service()) + " (" + escape(a.payer()) + ")</div>");
		return c;
	}

	static String unit(UnitKind kind) {
		return switch (kind) {
			case VISIT -> "visits";
			case DAY -> "days";
			case UNIT -> "units";
			case HOUR -> "hours";
		};
	}

	/** Whether the request has a payer's answer to show (or a question: pended). */
	static boolean answered(AuthorizationView a) {
		return a.status() == AuthorizationStatus.PENDED || a.decidedAt() != null;
	}

	static ClaimResponse response(AuthorizationView a) {
		ClaimResponse r = new ClaimResponse();
		r.setId(a.id().toString());
		r.getMeta().setLastUpdated(Date.from(a.updatedAt()));
		r.setStatus(a.status() == AuthorizationStatus.WITHDRAWN ? ClaimResponse.ClaimResponseStatus.CANCELLED
				: ClaimResponse.ClaimResponseStatus.ACTIVE);
		r.setType(type(a));
		r.setUse(ClaimResponse.Use.PREAUTHORIZATION);
		r.setPatient(new Reference("Patient/" + a.patient().value()));
		r.setCreated(Date.from(a.decidedAt() != null ? a.decidedAt() : a.updatedAt()));
		r.setInsurer(new Reference().setDisplay(a.payer()));
		r.setRequest(new Reference("Claim/" + a.id()));
		boolean pended = a.status() == AuthorizationStatus.PENDED;
		r.setOutcome(pended ? ClaimResponse.RemittanceOutcome.QUEUED : ClaimResponse.RemittanceOutcome.COMPLETE);
		r.setDisposition(pended ? "Pended: " + (a.statusNote() == null ? "the payer asked for more information" : a.statusNote())
				: disposition(a));
		if (a.payerReference() != null) r.setPreAuthRef(a.payerReference());
		LocalDate from = a.lines().stream().map(LineView::approvedFrom).filter(Objects::nonNull).min(Comparator.naturalOrder()).orElse(null);
		LocalDate to = a.lines().stream().map(LineView::approvedTo).filter(Objects::nonNull).max(Comparator.naturalOrder()).orElse(null);
		if (from != null && to != null) {
			r.setPreAuthPeriod(new Period().setStartElement(new org.hl7.fhir.r4.model.DateTimeType(from.toString()))
				.setEndElement(new org.hl7.fhir.r4.model.DateTimeType(to.toString())));
		}
		for (LineView l : a.lines()) {
			ClaimResponse.ItemComponent item = r.addItem().setItemSequence(l.position());
			item.addAdjudication().setCategory(new CodeableConcept(new Coding(ADJUDICATION, "submitted", "Submitted Amount")))
				.setValue(l.unitsRequested());
			if (l.decision() != LineDecision.PENDING) {
				ClaimResponse.AdjudicationComponent eligible = item.addAdjudication()
					.setCategory(new CodeableConcept(new Coding(ADJUDICATION, "eligible", "Eligible Amount")))
					.setValue(l.unitsApproved() == null ? 0 : l.unitsApproved());
				if (l.denialReason() != null) eligible.setReason(new CodeableConcept().setText(l.denialReason()));
			}
		}
		if (a.decisionReason() != null) r.addProcessNote().setNumber(1).setText(a.decisionReason());
		r.getText().setStatus(org.hl7.fhir.r4.model.Narrative.NarrativeStatus.GENERATED);
		r.getText().setDivAsString("<div xmlns=\"http://www.w3.org/1999/xhtml\">" + escape(r.getDisposition()) + "</div>");
		return r;
	}

	static String disposition(AuthorizationView a) {
		String said = switch (a.status()) {
			case APPROVED -> "Approved";
			case PARTIALLY_APPROVED -> "Partially approved";
			case DENIED -> "Denied";
			case EXPIRED -> "Approved; the approved period has ended";
			case WITHDRAWN -> "Withdrawn by the requester";
			default -> "Waiting for the payer's decision";
		};
		return said + (a.overturnedOnAppeal() ? " (decision changed on appeal)" : "");
	}

	private static String escape(@Nullable String text) {
		return text == null ? "" : text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
	}

	/** A request a client sends: a Claim with use preauthorization (anything else is refused and nothing stored). */
	static NewAuthorization fromFhir(Claim c) {
		if (c.getUse() != Claim.Use.PREAUTHORIZATION) {
			throw new UnprocessableEntityException("Claim.use: Caremap stores prior authorization requests only (use = preauthorization).");
		}
		if (c.hasStatus() && c.getStatus() != Claim.ClaimStatus.DRAFT && c.getStatus() != Claim.ClaimStatus.ACTIVE) {
			throw new UnprocessableEntityException("Claim.status: a new request is draft or active.");
		}
		if (!c.getPatient().hasReference()) throw new UnprocessableEntityException("Claim.patient: name the patient (Patient/<id>).");
		IdType patientRef = new IdType(c.getPatient().getReference());
		if (patientRef.hasResourceType() && !"Patient".equals(patientRef.getResourceType())) {
			throw new UnprocessableEntityException("Claim.patient: name the patient (Patient/<id>).");
		}
		PatientId patient = new PatientId(FhirSearch.uuid(patientRef.getIdPart(), "Claim.patient"));
		if (c.getInsurance().isEmpty() || !c.getInsuranceFirstRep().getCoverage().hasReference()) {
			throw new UnprocessableEntityException("Claim.insurance.coverage: name one of the patient's coverages (Coverage/<id>).");
		}
		UUID coverage = FhirSearch.uuid(new IdType(c.getInsuranceFirstRep().getCoverage().getReference()).getIdPart(),
				"Claim.insurance.coverage");
		String requester = c.getProvider().getDisplay();
		if (requester == null || requester.isBlank()) {
			throw new UnprocessableEntityException("Claim.provider: name the requesting provider (its display).");
		}
		String servicing = c.getCareTeam().isEmpty() ? null : c.getCareTeamFirstRep().getProvider().getDisplay();
		Urgency urgency = c.getPriority().getCoding().stream().anyMatch(x -> "stat".equals(x.getCode())) ? Urgency.EXPEDITED : Urgency.STANDARD;
		List<String> diagnoses = new ArrayList<>();
		for (Claim.DiagnosisComponent d : c.getDiagnosis()) {
			if (!d.hasDiagnosisCodeableConcept()) continue;
			for (Coding coding : d.getDiagnosisCodeableConcept().getCoding()) {
				if (ICD10CM.equals(coding.getSystem()) && coding.hasCode()) diagnoses.add(coding.getCode());
			}
		}
		if (c.getItem().isEmpty()) throw new UnprocessableEntityException("Claim.item: add at least one item.");
		List<NewAuthorization.Line> lines = new ArrayList<>();
		LocalDate from = null;
		LocalDate to = null;
		String service = null;
		for (Claim.ItemComponent item : c.getItem()) {
			Coding coding = item.getProductOrService().getCoding().stream()
				.filter(x -> java.util.Arrays.stream(CodeSystem.values()).anyMatch(s -> s.system().equals(x.getSystem())))
				.findFirst().orElseThrow(() -> new UnprocessableEntityException(
						"Claim.item.productOrService: a CPT, HCPCS or revenue code (systems " + CodeSystem.CPT.system() + ", "
								+ CodeSystem.HCPCS.system() + ", " + CodeSystem.REVENUE.system() + ")."));
			int units = item.hasQuantity() && item.getQuantity().hasValue() ? item.getQuantity().getValue().intValue() : 1;
			String text = item.getProductOrService().hasText() ? item.getProductOrService().getText() : coding.getDisplay();
			if (service == null) service = text;
			lines.add(new NewAuthorization.Line(CodeSystem.ofSystem(coding.getSystem()), coding.getCode(), text, units, UnitKind.UNIT));
			if (item.hasServicedPeriod()) {
				LocalDate start = day(item.getServicedPeriod().getStartElement());
				LocalDate end = day(item.getServicedPeriod().getEndElement());
				if (start != null && (from == null || start.isBefore(from))) from = start;
				if (end != null && (to == null || end.isAfter(to))) to = end;
			}
			else if (item.hasServicedDateType()) {
				LocalDate d = day((DateType) item.getServiced());
				if (from == null || d.isBefore(from)) from = d;
				if (to == null || d.isAfter(to)) to = d;
			}
		}
		if (from == null && c.hasBillablePeriod()) from = day(c.getBillablePeriod().getStartElement());
		if (to == null && c.hasBillablePeriod()) to = day(c.getBillablePeriod().getEndElement());
		if (from == null || to == null) {
			throw new UnprocessableEntityException("Claim.item.servicedPeriod (or Claim.billablePeriod): give the dates wanted.");
		}
		String notes = c.getSupportingInfo().stream().filter(s -> s.hasValueStringType()).map(s -> s.getValueStringType().getValue())
			.reduce((x, y) -> x + "\n" + y).orElse(null);
		return new NewAuthorization(patient, coverage, service == null ? "Prior authorization request" : service, diagnoses, requester,
				servicing, from, to, urgency, notes, lines, null);
	}

	/** The day a FHIR date or dateTime names, as written (no time zone shifts it). */
	private static @Nullable LocalDate day(org.hl7.fhir.r4.model.@Nullable BaseDateTimeType value) {
		if (value == null || value.getValueAsString() == null || value.getValueAsString().length() < 10) return null;
		try {
			return LocalDate.parse(value.getValueAsString().substring(0, 10));
		}
		catch (java.time.format.DateTimeParseException ex) {
			throw new UnprocessableEntityException("A date is not a full date: " + value.getValueAsString());
		}
	}
}
