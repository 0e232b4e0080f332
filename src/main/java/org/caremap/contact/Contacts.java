package org.caremap.contact;

import java.time.YearMonth;
import java.util.List;
import java.util.UUID;

import org.caremap.caseload.CaseId;
import org.caremap.shared.PatientId;

/** Logs contacts and reads them back; minutes per case and month are the basis of care-management billing. */
public interface Contacts {

	/**
	 * Logs the contact, completes the tasks it names, and when the patient or caregiver was reached restarts the
	 * case's follow-up cadence from it. A contact in the future is refused.
	 */
	UUID log(NewContact contact);

	/** The patient's latest contacts the reader may see (those of a Part 2 program withheld from readers outside it). */
	default List<ContactView> ofPatient(PatientId patient) {
		return shown(patient).rows();
	}

	/** The patient's latest contacts as the reader sees them, with how many were withheld under 42 CFR Part 2. */
	Shown<ContactView> shown(PatientId patient);

	/** Minutes logged on a case in a calendar month, split by clinical staff and physician time. */
	Minutes minutes(CaseId caseId, YearMonth month);

	/** Minutes of one case and month. */
	record Minutes(int clinicalStaff, int physician) {
	}
}
