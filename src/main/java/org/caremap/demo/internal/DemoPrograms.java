package org.caremap.demo.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.caremap.program.Confidentiality;
import org.caremap.program.ProgramDefinition;
import org.caremap.program.ProgramType;
import org.caremap.program.ProgramView;
import org.caremap.program.Programs;
import org.caremap.shared.OrganizationId;
import org.caremap.shared.UserId;

/** The programs the demo organisation runs, all supervised by the demo supervisor. */
final class DemoPrograms {

	private DemoPrograms() {
	}

	/** Creates the programs; the first three are transitions, chronic care management and complex care. */
	static List<ProgramView> create(Programs programs, OrganizationId org, UserId supervisor) {
		List<ProgramDefinition> definitions = List.of(
				new ProgramDefinition("Transitions of care", ProgramType.HOSPITAL_TRANSITIONS,
						"Follow-up after hospital discharge and ED visits.",
						"Adults discharged from an acute stay or seen in the ED, with a primary care provider in the network.",
						7, Confidentiality.STANDARD, true),
				new ProgramDefinition("Chronic care management", ProgramType.CHRONIC_CARE_MANAGEMENT,
						"Monthly care management for people living with two or more chronic conditions.",
						"Two or more chronic conditions expected to last at least 12 months that put the patient at significant risk; consent to care management.",
						30, Confidentiality.STANDARD, true),
				new ProgramDefinition("Complex care", ProgramType.COMPLEX_CARE,
						"Intensive case management for people with complex medical and social needs.",
						"Four or more chronic conditions, or two or more admissions in the last 12 months, or unmet social needs that block care.",
						14, Confidentiality.STANDARD, true),
				new ProgramDefinition("Behavioural health", ProgramType.BEHAVIOURAL_HEALTH,
						"Care coordination for depression, anxiety and serious mental illness.",
						"A behavioural health diagnosis or a positive PHQ-9 or GAD-7 screen.", 14, Confidentiality.SENSITIVE,
						true),
				new ProgramDefinition("Recovery support", ProgramType.SUBSTANCE_USE,
						"Case management for people in treatment for substance use disorders (42 CFR Part 2).",
						"A substance use disorder diagnosis and consent to share records with the care team.", 7,
						Confidentiality.PART2, true),
				new ProgramDefinition("Housing stability", ProgramType.HOUSING,
						"Links patients facing housing instability to housing and financial resources.",
						"A positive housing item on the social needs screen.", 30, Confidentiality.STANDARD, true));
		List<ProgramView> created = new ArrayList<>();
		for (ProgramDefinition definition : definitions) {
			ProgramView program = programs.create(org, definition);
			programs.assignSupervisors(program.id(), Set.of(supervisor));
			created.add(program);
		}
		return created;
	}
}
