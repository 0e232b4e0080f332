package org.caremap.billing;

import java.time.YearMonth;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.caremap.caseload.CaseId;
import org.caremap.program.ProgramId;
import org.jspecify.annotations.Nullable;

/**
 * Care-management billing worksheets: one per program, billing practitioner and month. Only the supervisors of the
 * program (and Caremap itself) may see, generate, sign off or correct them; every patient line read or changed is
 * audited.
 */
public interface Worksheets {

	/** Who bills the program's care management (a practitioner of the directory), and whether it bills BHI. */
	void configureProgram(ProgramId program, UUID practitioner, boolean bhiEnabled);

	/** Who bills each program that has billing set up. */
	List<ProgramBilling> programBilling();

	/** A program's billing: its practitioner (by name) and whether it bills behavioural health integration. */
	record ProgramBilling(ProgramId program, UUID practitioner, String practitionerName, boolean bhiEnabled) {
	}

	/** A case billed by another practitioner than its program's. */
	void assignCasePractitioner(CaseId caseId, UUID practitioner);

	/**
	 * Generates (or regenerates) the month's draft worksheets of a program, one per billing practitioner; a signed
	 * worksheet is left as it is (correct it to change it).
	 */
	List<WorksheetSummary> generate(ProgramId program, YearMonth month);

	/** The worksheets, newest month first (of one month when given). */
	List<WorksheetSummary> list(@Nullable YearMonth month);

	Optional<WorksheetView> find(UUID worksheet);

	/** Records the decision making for a case's month on a draft worksheet, and regenerates it. */
	WorksheetView recordDecisionMaking(UUID worksheet, CaseId caseId, DecisionMaking level);

	/** The supervisor signs the draft off; then the database refuses changes. Publishes {@link WorksheetSigned}. */
	WorksheetSummary sign(UUID worksheet);

	/** Supersedes a signed worksheet with a new draft version, generated afresh, saying why. */
	WorksheetSummary correct(UUID worksheet, String reason);

	/** The worksheet as CSV, one row per code (or per patient not billable), with minutes and reasons. */
	String csv(UUID worksheet, java.util.Locale locale);
}
