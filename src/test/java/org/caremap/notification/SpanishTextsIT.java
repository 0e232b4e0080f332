package org.caremap.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

import org.caremap.caseload.Acuity;
import org.caremap.caseload.CaseId;
import org.caremap.caseload.Cases;
import org.caremap.caseload.Consent;
import org.caremap.caseload.ConsentMethod;
import org.caremap.caseload.Enrolment;
import org.caremap.identity.NewUser;
import org.caremap.identity.Role;
import org.caremap.identity.UserAccounts;
import org.caremap.identity.UserView;
import org.caremap.identity.internal.StaffLanguages;
import org.caremap.organization.OrganizationView;
import org.caremap.organization.Organizations;
import org.caremap.patient.PatientRegistry;
import org.caremap.program.Confidentiality;
import org.caremap.program.ProgramDefinition;
import org.caremap.program.ProgramType;
import org.caremap.program.ProgramView;
import org.caremap.program.Programs;
import org.caremap.shared.PatientId;
import org.caremap.shared.SystemActor;
import org.caremap.support.Actors;
import org.caremap.support.Browserless;
import org.caremap.support.IntegrationTest;
import org.caremap.task.NewTask;
import org.caremap.task.TaskPriority;
import org.caremap.task.TaskType;
import org.caremap.task.Tasks;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UserDetailsService;

/**
 * What Caremap writes to a member of staff outside a page follows the language they chose: the morning digest (its
 * alert and its e-mail) of a case manager who reads Caremap in Spanish is in Spanish, a colleague who never chose
 * gets it in English; the stored choice is what {@link UserAccounts#language} answers.
 */
class SpanishTextsIT extends IntegrationTest {

	private static final String PASSWORD = "Spanish-texts-password-1";

	@Autowired UserAccounts accounts;
	@Autowired StaffLanguages languages;
	@Autowired Organizations organizations;
	@Autowired Programs programs;
	@Autowired PatientRegistry registry;
	@Autowired Cases cases;
	@Autowired Tasks tasks;
	@Autowired UserDetailsService users;
	@Autowired JdbcClient jdbc;
	@Autowired org.caremap.assessment.Assessments assessments;
	@Autowired org.caremap.notification.internal.MorningDigest digest;

	private record Fixture(UserView user, PatientId patient) {
	}

	private UserView caseManagerWithLateWork(String name, String suffix, ProgramView program, OrganizationView org) {
		return caseManagerWithPatient(name, suffix, program, org).user();
	}

	private Fixture caseManagerWithPatient(String name, String suffix, ProgramView program, OrganizationView org) {
		UserView user = SystemActor.call("test", List.of("ADMIN"), () -> accounts.create(new NewUser(
				"st." + name + "." + suffix, name + " " + suffix, name + "." + suffix + "@example.org", Set.of(Role.CASE_MANAGER),
				PASSWORD, false)));
		PatientId patient = Actors.newPatient(registry, org.id(), "Digest" + name + suffix);
		LocalDate today = LocalDate.now(org.zone());
		CaseId kase = SystemActor.call("test", List.of("SYSTEM"), () -> cases.enrol(new Enrolment(patient, program.id(), null,
				user.id(), today, new Consent(today, ConsentMethod.VERBAL, "Digest", true, true, true, true), Acuity.LOW,
				"digest language test")));
		new Actors(users).run(user.username(), () -> tasks.create(new NewTask(patient, kase, TaskType.OUTREACH_CALL,
				"Language probe", null, user.id(), null, TaskPriority.ROUTINE, null, Instant.now().minus(Duration.ofHours(2)), null)));
		return new Fixture(user, patient);
	}

	@Test
	void theMorningDigestIsWrittenInTheLanguageEachPersonChose() {
		String suffix = UUID.randomUUID().toString().substring(0, 6);
		OrganizationView org = organizations.primary().orElseThrow();
		ProgramView program = SystemActor.call("test", List.of("ADMIN"), () -> programs.create(org.id(), new ProgramDefinition(
				"Spanish texts " + suffix, ProgramType.COMPLEX_CARE, "", "", 30, Confidentiality.STANDARD, true)));
		UserView lucia = caseManagerWithLateWork("lucia", suffix, program, org);
		UserView ben = caseManagerWithLateWork("ben", suffix, program, org);

		assertThat(accounts.language(lucia.id())).as("nothing chosen yet").isEmpty();
		languages.choose(lucia.id(), Locale.forLanguageTag("es-MX"));
		assertThat(accounts.language(lucia.id())).contains(Locale.forLanguageTag("es"));
		assertThat(languages.stored(lucia.id())).contains(Locale.forLanguageTag("es"));
		assertThat(accounts.language(ben.id())).isEmpty();

		digest.send();

		assertThat(title(lucia)).startsWith("Su trabajo de hoy: ").contains("atrasadas").doesNotContain("Language probe");
		assertThat(mail(lucia)).startsWith("Caremap: su trabajo de hoy | Tiene ").contains("Inicie sesión en Caremap");
		assertThat(title(ben)).startsWith("Your work today: ").contains("overdue");
		assertThat(mail(ben)).startsWith("Caremap: your work today | You have ");

		// forgetting the choice (a language Caremap does not speak) brings English back
		languages.choose(lucia.id(), Locale.forLanguageTag("vi"));
		assertThat(accounts.language(lucia.id())).isEmpty();
	}

	@Test
	void aTaskCaremapMakesIsTitledInTheReadersLanguage() {
		String suffix = UUID.randomUUID().toString().substring(0, 6);
		OrganizationView org = organizations.primary().orElseThrow();
		ProgramView program = SystemActor.call("test", List.of("ADMIN"), () -> programs.create(org.id(), new ProgramDefinition(
				"Spanish titles " + suffix, ProgramType.COMPLEX_CARE, "", "", 30, Confidentiality.STANDARD, true)));
		Fixture fixture = caseManagerWithPatient("marta", suffix, program, org);
		UserView marta = fixture.user();
		PatientId patient = fixture.patient();
		org.caremap.task.TaskId made = new Actors(users).as(marta.username(), () -> tasks.create(new NewTask(patient, null,
				TaskType.VISIT, "Face-to-face visit within 7 days of discharge", null, marta.id(), null, TaskPriority.URGENT, null,
				Instant.now().plus(Duration.ofDays(3)), null).titled("task.title.visitAfterDischarge", "7")));
		// the task keeps the English words; a reader sees the title in the language of the request
		assertThat(jdbc.sql("select title || ' | ' || title_key || ' | ' || array_to_string(title_args, ',') from task where id = ?")
			.param(made.value()).query(String.class).single())
			.isEqualTo("Face-to-face visit within 7 days of discharge | task.title.visitAfterDischarge | 7");
		assertThat(titleIn(marta, made, null)).isEqualTo("Face-to-face visit within 7 days of discharge");
		assertThat(titleIn(marta, made, Locale.ENGLISH)).isEqualTo("Face-to-face visit within 7 days of discharge");
		assertThat(titleIn(marta, made, Locale.forLanguageTag("es"))).isEqualTo("Visita en persona dentro de 7 días tras el alta");
		// a title a person wrote stays as written, whatever the language
		org.caremap.task.TaskId typed = new Actors(users).as(marta.username(), () -> tasks.create(new NewTask(patient, null,
				TaskType.OTHER, "Call the pharmacy", null, marta.id(), null, TaskPriority.ROUTINE, null, null, null)));
		assertThat(titleIn(marta, typed, Locale.forLanguageTag("es"))).isEqualTo("Call the pharmacy");
	}

	@Test
	void theStaffAssessmentFormAsksInTheReadersLanguage() {
		String suffix = UUID.randomUUID().toString().substring(0, 6);
		OrganizationView org = organizations.primary().orElseThrow();
		ProgramView program = SystemActor.call("test", List.of("ADMIN"), () -> programs.create(org.id(), new ProgramDefinition(
				"Spanish forms " + suffix, ProgramType.COMPLEX_CARE, "", "", 30, Confidentiality.STANDARD, true)));
		Fixture fixture = caseManagerWithPatient("rocio", suffix, program, org);
		UUID phq9 = new Actors(users).as(fixture.user().username(),
				() -> assessments.assign(fixture.patient(), null, "phq-9", LocalDate.now(org.zone()).plusDays(7)));
		Browserless rocio = client();
		assertThat(Browserless.location(rocio.login(fixture.user().username(), PASSWORD))).doesNotContain("error");
		String form = "/patients/" + fixture.patient().value() + "/assessments/" + phq9;

		// the questions and answers in Spanish for a reader in Spanish, the same link ids and codes (so the same score)
		String spanish = rocio.get(form + "?uilang=es").body();
		assertThat(spanish).contains("Poco interés o placer en hacer cosas").contains("Varios días")
			.doesNotContain("Little interest or pleasure in doing things").contains("phq9-1");
		// and in English for a reader in English
		String english = rocio.get(form + "?uilang=en").body();
		assertThat(english).contains("Little interest or pleasure in doing things").contains("Several days")
			.doesNotContain("Poco interés o placer en hacer cosas");
	}

	private String titleIn(UserView reader, org.caremap.task.TaskId task, Locale locale) {
		if (locale != null) org.springframework.context.i18n.LocaleContextHolder.setLocale(locale);
		try {
			return new Actors(users).as(reader.username(), () -> tasks.find(task).orElseThrow().title());
		}
		finally {
			org.springframework.context.i18n.LocaleContextHolder.resetLocaleContext();
		}
	}

	private String title(UserView user) {
		return jdbc.sql("select title from notification where recipient_id = ? and category = 'due-digest'")
			.param(user.id().value()).query(String.class).single();
	}

	private String mail(UserView user) {
		return jdbc.sql("select subject || ' | ' || body from email_outbox where recipient = ?")
			.param(user.email()).query(String.class).single();
	}
}
