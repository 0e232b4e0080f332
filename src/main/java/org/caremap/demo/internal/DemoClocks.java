package org.caremap.demo.internal;

import java.util.List;

import org.caremap.program.ProgramView;
import org.caremap.task.ClockAudience;
import org.caremap.task.ClockSettings;
import org.caremap.task.ClockStart;
import org.caremap.task.ClockStop;
import org.caremap.task.ClockUnit;
import org.caremap.task.Clocks;

/**
 * The demo programs' own service-level clocks (each program also has the built-in follow-up and transitions clocks):
 * a first contact within 2 business days of enrolment in chronic care management, an assessment within 14 days of
 * enrolment in complex care (paused in hospital), a call within 4 business hours of a safety flag in behavioural
 * health, and a recovery check-in within 24 hours of a discharge.
 */
final class DemoClocks {

	private DemoClocks() {
	}

	/** Adds the clocks to the programs {@link DemoPrograms#create} made, in its order. */
	static void add(Clocks clocks, List<ProgramView> programs) {
		clocks.add(programs.get(1).id(), new ClockSettings("First contact after enrolment", ClockStart.ENROLMENT,
				ClockStop.FIRST_CONTACT, ClockUnit.BUSINESS_DAYS, 2, 1, true, false, true, ClockAudience.CASE_MANAGER));
		clocks.add(programs.get(2).id(), new ClockSettings("Assessment after enrolment", ClockStart.ENROLMENT,
				ClockStop.ASSESSMENT_COMPLETED, ClockUnit.CALENDAR_DAYS, 14, 3, true, true, true, ClockAudience.BOTH));
		clocks.add(programs.get(3).id(), new ClockSettings("Call after a safety flag", ClockStart.SAFETY_FLAG,
				ClockStop.FIRST_CONTACT, ClockUnit.BUSINESS_HOURS, 4, 1, false, false, true, ClockAudience.BOTH));
		clocks.add(programs.get(4).id(), new ClockSettings("Check-in after a discharge", ClockStart.DISCHARGE,
				ClockStop.FIRST_CONTACT, ClockUnit.CALENDAR_HOURS, 24, 4, true, false, true, ClockAudience.CASE_MANAGER));
	}
}
