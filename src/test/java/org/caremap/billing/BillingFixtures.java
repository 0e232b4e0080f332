package org.caremap.billing;

import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.caremap.careplan.CarePlanView;
import org.caremap.careplan.CarePlans;
import org.caremap.caseload.Acuity;
import org.caremap.caseload.CaseId;
import org.caremap.caseload.Cases;
import org.caremap.caseload.Consent;
import org.caremap.caseload.ConsentMethod;
import org.caremap.caseload.Enrolment;
import org.caremap.contact.ContactKinds;
import org.caremap.contact.Contacts;
import org.caremap.contact.NewContact;
import org.caremap.identity.UserAccounts;
import org.caremap.organization.Organizations;
import org.caremap.organization.ProviderDirectory;
import org.caremap.organization.ProviderView;
import org.caremap.patient.PatientRegistry;
import org.caremap.program.Confidentiality;
import org.caremap.program.ProgramDefinition;
import org.caremap.program.ProgramType;
import org.caremap.program.ProgramView;
import org.caremap.program.Programs;
import org.caremap.shared.OrganizationId;
import org.caremap.shared.PatientId;
import org.caremap.shared.SystemActor;
import org.caremap.shared.UserId;
import org.caremap.support.Actors;
import org.caremap.support.Eventually;
import org.caremap.support.Today;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UserDetailsService;

/**
 * A program of its own for a billing test: supervised by Priya Raman, billed by a new practitioner, with patients on
 * Dana Whitfield's caseload enrolled (consent complete) on the first of this month, each with a care plan.
 */
public final class BillingFixtures {

	public final String unique = UUID.randomUUID().toString().substring(0, 6);
	public final Actors actors;
	public final ProgramView program;
	final ProviderView doctor;
	public final YearMonth month = YearMonth.from(Today.date());
	private final ApplicationContext context;

	public BillingFixtures(ApplicationContext context) {
		this.context = context;
		this.actors = new Actors(context.getBean(UserDetailsService.class));
		OrganizationId org = context.getBean(Organizations.class).primary().orElseThrow().id();
		Programs programs = context.getBean(Programs.class);
		program = SystemActor.call("test", List.of("ADMIN"), () -> programs.create(org, new ProgramDefinition(
				"Billing test " + unique, ProgramType.CHRONIC_CARE_MANAGEMENT, "", "", 30, Confidentiality.STANDARD, true)));
		doctor = SystemActor.call("test", List.of("SYSTEM"), () -> context.getBean(ProviderDirectory.class).add(org,
				new ProviderView(UUID.randomUUID(), ProviderView.Kind.PRACTITIONER, "Dr. Ada Billing " + unique,
						"Family medicine", null, null, null)));
		UserId priya = user("supervisor");
		SystemActor.run("test", List.of("ADMIN"), () -> programs.assignSupervisors(program.id(), Set.of(priya)));
		actors.run("supervisor", () -> context.getBean(Worksheets.class).configureProgram(program.id(), doctor.id(), false));
	}

	UserId user(String username) {
		return context.getBean(UserAccounts.class).findByUsername(username).orElseThrow().id();
	}

	public PatientId patient(String family) {
		return Actors.newPatient(context.getBean(PatientRegistry.class),
				context.getBean(Organizations.class).primary().orElseThrow().id(), family);
	}

	public CaseId enrol(PatientId patient) {
		CarePlans plans = context.getBean(CarePlans.class);
		CaseId id = actors.as("supervisor", () -> context.getBean(Cases.class).enrol(new Enrolment(patient, program.id(),
				null, user("casemanager"), Today.date().withDayOfMonth(1),
				new Consent(Today.date().withDayOfMonth(1), ConsentMethod.VERBAL, "Dana Whitfield, RN", true, true, true, true),
				Acuity.MODERATE, "billing test")));
		actors.run("casemanager", () -> {
			CarePlanView plan = plans.open(id);
			plans.applyTemplate(plan.id(), plan.version(), plans.templates().get(0).key());
		});
		return id;
	}

	/**
	 * A moment the given seconds ago, but not before this month began in the organisation's zone: a test run in the
	 * first minute of a month still logs its work inside the month its worksheet covers.
	 */
	public Instant recent(int secondsAgo) {
		Instant at = Instant.now().minusSeconds(secondsAgo);
		Instant start = month.atDay(1).atStartOfDay(Today.ZONE).toInstant();
		return at.isBefore(start) ? start : at;
	}

	public UUID log(PatientId patient, CaseId caseId, int minutes, Instant at) {
		return actors.as("casemanager", () -> context.getBean(Contacts.class).log(new NewContact(patient, caseId,
				ContactKinds.Type.PHONE, ContactKinds.Direction.OUTBOUND, ContactKinds.Party.PATIENT, null,
				ContactKinds.Outcome.REACHED, at, minutes, ContactKinds.StaffKind.CLINICAL_STAFF, "Check-in", List.of())));
	}

	long workItems(CaseId caseId) {
		return context.getBean(JdbcClient.class).sql("select count(*) from billing_work_item where case_id = ?")
			.param(caseId.value()).query(Long.class).single();
	}

	public void awaitWork(CaseId caseId, long items) {
		Eventually.until("the work items to be recorded", () -> workItems(caseId) == items);
	}
}
