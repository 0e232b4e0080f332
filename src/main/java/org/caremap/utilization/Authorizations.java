package org.caremap.utilization;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.caremap.shared.PatientId;
import org.jspecify.annotations.Nullable;

/**
 * Prior authorizations, their units, appeals and peer-to-peer reviews. Reads need the right to read the patient's
 * record; changes the right to contribute to it (case managers, the care team, the utilization review nurse who
 * reviews the patient); every read and change is audited. Each change of status follows
 * {@link AuthorizationStatus.Action} or {@link AppealStatus.Action}, guarded in SQL.
 */
public interface Authorizations {

	/** The patient's requests, newest first. */
	List<AuthorizationView> ofPatient(PatientId patient);

	Optional<AuthorizationView> find(UUID id);

	/** Drafts a request (status draft); the care-plan intervention it came from, if named, depends on its first line. */
	UUID draft(NewAuthorization request);

	/** Changes a draft (the expected version guards a stale form). */
	void change(UUID id, NewAuthorization request, int version);

	/** Sends the request: the decision clock of the payer's rule starts at {@code at}. */
	void submit(UUID id, Instant at);

	/** The payer asked for more information (pended), or the information was sent (back to submitted). */
	void pend(UUID id, String whatIsAsked);

	void informationSent(UUID id, String note);

	/** Records the payer's decision per line; the request becomes approved, partially approved or denied. */
	void decide(UUID id, Decision decision);

	void withdraw(UUID id, String reason);

	/**
	 * Counts units against an approved line: a visit (units on a day) or an appointment (planned while booked, used
	 * once kept). Refused with the reason when the line is not approved, the day is outside the approved period, or
	 * the units would go beyond the approval.
	 */
	UUID useUnits(UUID line, LocalDate day, int units, @Nullable UUID appointment, @Nullable String note);

	/** Takes back a use recorded in error. */
	void voidUse(UUID use, String reason);

	/** Opens an appeal of the denial at the next level, with the letter drafted from the case facts. */
	UUID openAppeal(UUID authorization, LocalDate noticeDate);

	void changeLetter(UUID appeal, String letter, int version);

	/** Moves an appeal on (file, withdraw, or the payer's outcome); an overturn changes the request's decision. */
	void appealAction(UUID appeal, AppealStatus.Action action, @Nullable String note, @Nullable Decision newDecision);

	/** The appeal letter as a PDF. */
	byte[] appealLetter(UUID appeal);

	UUID requestPeerToPeer(UUID authorization, String physician, @Nullable Instant scheduledFor);

	void recordPeerToPeer(UUID review, String outcome, @Nullable String payerReviewer, @Nullable String note);

	UUID attach(UUID authorization, String filename, String contentType, byte[] content);

	Optional<Document> document(UUID authorization, UUID document);

	/** An intervention of the patient's care plan depends on this line (or, with none, on an authorization not yet asked). */
	void linkIntervention(PatientId patient, UUID intervention, @Nullable UUID line);

	/** The work list: decisions owed by due time, lines expiring or used up, appeals to file, of readable patients. */
	List<AuthorizationWorkRow> workList(LocalDate today, int limit);

	/** Turnaround per payer of the requests submitted from {@code from} up to (not including) {@code to}. */
	List<Turnaround> turnaround(LocalDate from, LocalDate to);

	/** A stored document. */
	record Document(String filename, String contentType, byte[] content) {
	}
}
