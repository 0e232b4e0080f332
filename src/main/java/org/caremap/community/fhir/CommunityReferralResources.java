package org.caremap.community.fhir;

import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.caremap.community.CommunityReferralTasks;
import org.caremap.community.CommunityReferralView;
import org.caremap.community.CommunityReferrals;
import org.caremap.community.ReferralOutcome;
import org.caremap.community.ReferralStatus;
import org.caremap.referral.ServiceRequestSources;
import org.caremap.shared.DomainException;
import org.caremap.shared.PatientId;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.hl7.fhir.r4.model.Task;
import org.springframework.stereotype.Component;

import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;

/**
 * Community referrals as the HL7 SDOH Clinical Care guide (Gravity) shapes them: a {@code ServiceRequest} (category the
 * SDOH domain of the need, code the service, subject, requester the case manager, performer the Organization, the
 * need as reason only where the patient consented to share it) and its fulfilment {@code Task} (intent order, code
 * fulfill, focus the ServiceRequest, owner the Organization, status and statusReason, output the outcome). Reading
 * goes through {@link CommunityReferrals}, which checks the patient's record and audits.
 */
@Component
class CommunityReferralResources implements CommunityReferralTasks, ServiceRequestSources {

	static final String SDOH_CATEGORY = "http://hl7.org/fhir/us/sdoh-clinicalcare/CodeSystem/SDOHCC-CodeSystemTemporaryCodes";
	static final String OUTCOME_SYSTEM = "https://caremap.org/fhir/CodeSystem/community-referral-outcome";
	static final String NEED_SYSTEM = "https://caremap.org/fhir/CodeSystem/social-need";

	/** The Gravity SDOH categories of the need codes the assessments record. */
	private static final Map<String, String[]> CATEGORIES = Map.of(
			"food-insecurity", new String[] { "food-insecurity", "Food Insecurity" },
			"housing-instability", new String[] { "housing-instability", "Housing Instability" },
			"housing-quality", new String[] { "inadequate-housing", "Inadequate Housing" },
			"housing-problems", new String[] { "inadequate-housing", "Inadequate Housing" },
			"homelessness", new String[] { "homelessness", "Homelessness" },
			"transportation", new String[] { "transportation-insecurity", "Transportation Insecurity" },
			"utilities", new String[] { "utility-insecurity", "Utility Insecurity" },
			"interpersonal-safety", new String[] { "intimate-partner-violence", "Intimate Partner Violence" },
			"financial-strain", new String[] { "financial-insecurity", "Financial Insecurity" });

	private final CommunityReferrals referrals;

	CommunityReferralResources(CommunityReferrals referrals) {
		this.referrals = referrals;
	}

	// ---------------------------------------------------------------- ServiceRequest

	@Override
	public Optional<ServiceRequest> read(UUID id) {
		return referrals.find(id).map(CommunityReferralResources::serviceRequest);
	}

	@Override
	public List<ServiceRequest> ofPatient(PatientId patient) {
		return referrals.search(patient).stream().map(CommunityReferralResources::serviceRequest).toList();
	}

	static ServiceRequest serviceRequest(CommunityReferralView r) {
		ServiceRequest sr = new ServiceRequest();
		sr.setId(new IdType("ServiceRequest", r.id().toString()));
		sr.getMeta().setLastUpdated(Date.from(lastChange(r)));
		sr.setStatus(switch (r.status()) {
			case COMPLETED -> ServiceRequest.ServiceRequestStatus.COMPLETED;
			case CANCELLED, REJECTED -> ServiceRequest.ServiceRequestStatus.REVOKED;
			default -> ServiceRequest.ServiceRequestStatus.ACTIVE;
		});
		sr.setIntent(ServiceRequest.ServiceRequestIntent.ORDER);
		String[] category = r.needCode() == null ? null : CATEGORIES.get(r.needCode());
		sr.addCategory(new CodeableConcept(new Coding("http://snomed.info/sct", "410606002", "Social service procedure")));
		if (category != null) sr.addCategory(new CodeableConcept(new Coding(SDOH_CATEGORY, category[0], category[1])));
		sr.setCode(new CodeableConcept().setText(r.serviceName()));
		sr.setSubject(new Reference("Patient/" + r.patient().value()));
		sr.setAuthoredOn(Date.from(r.sentAt()));
		sr.setRequester(new Reference("Practitioner/" + r.sender()).setDisplay(r.senderName()));
		sr.addPerformer(new Reference("Organization/" + r.organization()).setDisplay(r.organizationName()));
		if (r.shared().need() && r.originLabel() != null) {
			CodeableConcept reason = new CodeableConcept().setText(r.originLabel());
			if (r.needCode() != null) reason.addCoding(new Coding(NEED_SYSTEM, r.needCode(), r.originLabel()));
			sr.addReasonCode(reason);
		}
		if (r.shared().noteForOrganization() != null) sr.addNote().setText(r.shared().noteForOrganization());
		sr.setPatientInstruction(r.request());
		return sr;
	}

	private static java.time.Instant lastChange(CommunityReferralView r) {
		return r.history().isEmpty() ? r.sentAt() : r.history().get(r.history().size() - 1).at();
	}

	// ---------------------------------------------------------------- Task

	@Override
	public Optional<Task> task(UUID id) {
		return referrals.find(id).map(CommunityReferralResources::toTask);
	}

	@Override
	public List<Task> tasks(PatientId patient) {
		return referrals.search(patient).stream().map(CommunityReferralResources::toTask).toList();
	}

	static Task toTask(CommunityReferralView r) {
		Task t = new Task();
		t.setId(new IdType("Task", r.id().toString()));
		t.getMeta().setLastUpdated(Date.from(lastChange(r)));
		t.setStatus(Task.TaskStatus.fromCode(r.status().fhirCode()));
		if (r.statusReason() != null) t.setStatusReason(new CodeableConcept().setText(r.statusReason()));
		t.setIntent(Task.TaskIntent.ORDER);
		t.setCode(new CodeableConcept(new Coding("http://hl7.org/fhir/CodeSystem/task-code", "fulfill", "Fulfill the focal request")));
		t.setDescription("Referral to " + r.serviceName() + " (" + r.organizationName() + ")");
		t.setFocus(new Reference("ServiceRequest/" + r.id()));
		t.setFor(new Reference("Patient/" + r.patient().value()));
		t.setAuthoredOn(Date.from(r.sentAt()));
		t.setLastModified(Date.from(lastChange(r)));
		t.setRequester(new Reference("Practitioner/" + r.sender()).setDisplay(r.senderName()));
		t.setOwner(new Reference("Organization/" + r.organization()).setDisplay(r.organizationName()));
		t.getRestriction().getPeriod().setEnd(Date.from(r.answerDueAt()));
		if (r.outcome() != null) {
			t.addOutput().setType(new CodeableConcept().setText("outcome"))
				.setValue(new CodeableConcept(new Coding(OUTCOME_SYSTEM, r.outcome().code(), r.outcome().display())));
		}
		return t;
	}

	@Override
	public Task updateTask(UUID id, Task sent) {
		CommunityReferralView r = referrals.find(id)
			.orElseThrow(() -> new ResourceNotFoundException(new org.hl7.fhir.r4.model.IdType("Task", id.toString())));
		Task current = toTask(r);
		if (sent.hasFor() && sent.getFor().hasReference() && !same(current.getFor(), sent.getFor())) {
			throw new UnprocessableEntityException("Task.for differs from the stored referral: only the status, statusReason and output change");
		}
		if (sent.hasFocus() && sent.getFocus().hasReference() && !same(current.getFocus(), sent.getFocus())) {
			throw new UnprocessableEntityException("Task.focus differs from the stored referral");
		}
		if (sent.hasOwner() && sent.getOwner().hasReference() && !same(current.getOwner(), sent.getOwner())) {
			throw new UnprocessableEntityException("Task.owner differs from the stored referral");
		}
		if (!sent.hasStatus()) throw new InvalidRequestException("Task.status is required");
		ReferralStatus to;
		try {
			to = ReferralStatus.ofFhir(sent.getStatus().toCode());
		}
		catch (IllegalArgumentException ex) {
			throw new UnprocessableEntityException("Community referrals do not take the status " + sent.getStatus().toCode());
		}
		ReferralOutcome outcome = null;
		for (Task.TaskOutputComponent o : sent.getOutput()) {
			if (o.getValue() instanceof CodeableConcept cc) {
				for (Coding c : cc.getCoding()) {
					if (c.hasCode()) {
						try {
							outcome = ReferralOutcome.ofCode(c.getCode());
						}
						catch (IllegalArgumentException ex) {
							throw new UnprocessableEntityException("unknown outcome " + c.getCode() + "; use one of service-delivered, "
									+ "unable-to-contact, declined-by-patient, not-eligible (" + OUTCOME_SYSTEM + ")");
						}
					}
				}
			}
		}
		String reason = sent.getStatusReason().hasText() ? sent.getStatusReason().getText()
				: sent.getStatusReason().getCoding().stream().map(c -> c.hasDisplay() ? c.getDisplay() : c.getCode()).findFirst().orElse(null);
		try {
			referrals.updateFromSystem(id, to, reason, outcome);
		}
		catch (DomainException ex) {
			if ("community.illegal-transition".equals(ex.code()) || "community.reason".equals(ex.code())
					|| "community.outcome".equals(ex.code())) {
				throw new UnprocessableEntityException(ex.getMessage());
			}
			throw ex;
		}
		return toTask(referrals.find(id).orElseThrow());
	}

	private static boolean same(Reference stored, Reference sent) {
		return new IdType(stored.getReference()).getIdPart().equals(new IdType(sent.getReference()).getIdPart())
				&& new IdType(stored.getReference()).getResourceType().equals(new IdType(sent.getReference()).getResourceType());
	}
}
