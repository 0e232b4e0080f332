package org.caremap.demo.internal;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Random;

import org.caremap.identity.PortalAuthentication;
import org.caremap.identity.PortalPrincipal;
import org.caremap.measure.MeasureKind;
import org.caremap.measure.MeasureLimit;
import org.caremap.measure.Measures;
import org.caremap.measure.NewReading;
import org.caremap.organization.Organizations;
import org.caremap.portal.PortalAccounts;
import org.caremap.program.ProgramType;
import org.caremap.program.ProgramView;
import org.caremap.program.Programs;
import org.caremap.shared.PatientId;
import org.caremap.shared.SystemActor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * The demo's self-reported measures: limits for the chronic care and complex care programs (blood pressure, blood
 * sugar, mood), and two weeks of readings the demo portal patient entered in the portal (blood pressure every
 * morning, weight, blood sugar, mood and steps), all within the limits. Made once, through the measure module's API.
 */
@Component
@Order(115)
class DemoMeasures implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(DemoMeasures.class);

	private final DemoOrganization demo;
	private final Measures measures;
	private final Programs programs;
	private final PortalAccounts accounts;
	private final Organizations organizations;

	DemoMeasures(DemoOrganization demo, Measures measures, Programs programs, PortalAccounts accounts,
			Organizations organizations) {
		this.demo = demo;
		this.measures = measures;
		this.programs = programs;
		this.accounts = accounts;
		this.organizations = organizations;
	}

	@Override
	public void run(ApplicationArguments args) {
		if (!demo.enabled()) return;
		try {
			limits();
			readings();
		}
		catch (RuntimeException ex) {
			log.warn("Demo measures not made: {}", ex.getMessage());
		}
	}

	private void limits() {
		SystemActor.run("demo", List.of("ADMIN", "SYSTEM"), () -> {
			for (ProgramView p : programs.all()) {
				if (p.type() != ProgramType.CHRONIC_CARE_MANAGEMENT && p.type() != ProgramType.COMPLEX_CARE) continue;
				if (!measures.limits(p.id()).isEmpty()) continue;
				measures.setLimit(new MeasureLimit(p.id(), MeasureKind.BLOOD_PRESSURE, new BigDecimal("90"),
						new BigDecimal("160"), new BigDecimal("50"), new BigDecimal("100")));
				measures.setLimit(new MeasureLimit(p.id(), MeasureKind.GLUCOSE, new BigDecimal("70"), new BigDecimal("250"),
						null, null));
				measures.setLimit(new MeasureLimit(p.id(), MeasureKind.MOOD, new BigDecimal("2"), null, null, null));
			}
		});
	}

	private void readings() {
		PortalPrincipal principal = SystemActor.call("demo", List.of("SYSTEM"),
				() -> accounts.principalOf(DemoPortal.PATIENT_LOGIN)).orElse(null);
		if (principal == null) return;
		PatientId patient = principal.patient();
		SecurityContext previous = SecurityContextHolder.getContext();
		SecurityContext context = SecurityContextHolder.createEmptyContext();
		context.setAuthentication(new PortalAuthentication(principal));
		SecurityContextHolder.setContext(context);
		try {
			// once: the patient's own readings, read as the patient would
			if (!measures.readings(patient, 1).isEmpty()) return;
			ZoneId zone = organizations.zone();
			Random random = new Random(patient.value().getLeastSignificantBits());
			LocalDate today = LocalDate.now(zone);
			for (int day = 13; day >= 0; day--) {
				Instant morning = today.minusDays(day).atTime(7, 30).atZone(zone).toInstant()
					.plus(random.nextInt(40), ChronoUnit.MINUTES);
				if (morning.isAfter(Instant.now())) morning = Instant.now().minus(Duration.ofMinutes(5));
				int systolic = 128 + random.nextInt(18);
				int diastolic = 76 + random.nextInt(14);
				measures.record(new NewReading(patient, MeasureKind.BLOOD_PRESSURE, systolic, diastolic, null, null, morning, null));
				measures.record(new NewReading(patient, MeasureKind.MOOD, null, null, BigDecimal.valueOf(3 + random.nextInt(2)),
						null, morning.plus(Duration.ofMinutes(2)), null));
				measures.record(new NewReading(patient, MeasureKind.STEPS, null, null,
						BigDecimal.valueOf(3500 + random.nextInt(4000)), null, morning.minus(Duration.ofHours(9)), null));
				if (day % 3 == 0) {
					measures.record(new NewReading(patient, MeasureKind.WEIGHT, null, null,
							new BigDecimal("82.4").subtract(BigDecimal.valueOf(13 - day).multiply(new BigDecimal("0.1"))), null,
							morning.plus(Duration.ofMinutes(5)), null));
					measures.record(new NewReading(patient, MeasureKind.GLUCOSE, null, null,
							BigDecimal.valueOf(112 + random.nextInt(40)), null, morning.plus(Duration.ofMinutes(6)),
							day == 0 ? "Before breakfast" : null));
				}
			}
		}
		finally {
			SecurityContextHolder.setContext(previous);
		}
	}
}
