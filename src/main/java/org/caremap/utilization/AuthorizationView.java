package org.caremap.utilization;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.caremap.shared.PatientId;
import org.jspecify.annotations.Nullable;

/** A prior authorization request as pages and FHIR show it, with its lines, appeals, peer-to-peer reviews and documents. */
public record AuthorizationView(UUID id, PatientId patient, @Nullable UUID coverage, String payer, @Nullable String memberId,
		String service, List<String> diagnoses, String requestingProvider, @Nullable String servicingProvider,
		LocalDate wantedFrom, LocalDate wantedTo, Urgency urgency, @Nullable String clinicalNotes,
		AuthorizationStatus status, @Nullable String statusNote, @Nullable Instant submittedAt, @Nullable Instant decisionDueAt,
		@Nullable Instant decidedAt, @Nullable String payerReference, @Nullable String decisionReason,
		boolean overturnedOnAppeal, @Nullable UUID owner, @Nullable UUID intervention, List<LineView> lines,
		List<AppealView> appeals, List<PeerToPeerView> peerToPeer, List<DocumentInfo> documents, Instant createdAt,
		String createdBy, Instant updatedAt, int version) {

	public AuthorizationView {
		diagnoses = List.copyOf(diagnoses);
		lines = List.copyOf(lines);
		appeals = List.copyOf(appeals);
		peerToPeer = List.copyOf(peerToPeer);
		documents = List.copyOf(documents);
	}

	public Optional<LineView> line(UUID id) {
		return lines.stream().filter(l -> l.id().equals(id)).findFirst();
	}

	/** The decision is owed and its time has passed. */
	public boolean decisionOverdue(Instant now) {
		return status.awaitingDecision() && decisionDueAt != null && decisionDueAt.isBefore(now);
	}

	/** The appeal still open, if any (one at a time). */
	public Optional<AppealView> openAppeal() {
		return appeals.stream().filter(a -> a.status().open()).findFirst();
	}

	/** The latest appeal, if any. */
	public Optional<AppealView> lastAppeal() {
		return appeals.isEmpty() ? Optional.empty() : Optional.of(appeals.get(appeals.size() - 1));
	}

	/** Whether a denied line (or a denied request) may be appealed now: denied or cut, and no appeal open. */
	public boolean appealable() {
		boolean denied = status == AuthorizationStatus.DENIED || (status == AuthorizationStatus.PARTIALLY_APPROVED
				&& lines.stream().anyMatch(l -> l.decision() != LineDecision.APPROVED));
		return denied && openAppeal().isEmpty() && lastAppeal().map(a -> a.status() == AppealStatus.UPHELD ? a.level().next() != null
				: a.status() == AppealStatus.WITHDRAWN).orElse(true);
	}

	/** The level the next appeal would be at. */
	public @Nullable AppealLevel nextAppealLevel() {
		return lastAppeal().map(a -> a.status() == AppealStatus.WITHDRAWN ? a.level() : a.level().next()).orElse(AppealLevel.INTERNAL);
	}

	/** A line with the payer's answer and what was used of it. */
	public record LineView(UUID id, int position, CodeSystem system, String code, @Nullable String description,
			int unitsRequested, UnitKind unitKind, LineDecision decision, @Nullable Integer unitsApproved,
			@Nullable LocalDate approvedFrom, @Nullable LocalDate approvedTo, @Nullable String denialReason, int unitsUsed,
			int unitsPlanned, @Nullable Instant renewalFlaggedAt, @Nullable String renewalReason, List<UnitUseView> uses) {

		public LineView {
			uses = List.copyOf(uses);
		}

		public int unitsLeft() {
			return Math.max(0, (unitsApproved == null ? 0 : unitsApproved) - unitsUsed);
		}

		public boolean approved() {
			return decision == LineDecision.APPROVED || decision == LineDecision.PARTIAL;
		}

		/** The share of the approved units used, in percent (0 when nothing was approved). */
		public int percentUsed() {
			return unitsApproved == null || unitsApproved == 0 ? 0 : Math.min(100, unitsUsed * 100 / unitsApproved);
		}

		public boolean usedUp() {
			return approved() && unitsApproved != null && unitsUsed >= unitsApproved;
		}

		public boolean expiredOn(LocalDate day) {
			return approvedTo != null && approvedTo.isBefore(day);
		}
	}

	/** Units a visit or an appointment used (or will use: planned, until the appointment is kept). */
	public record UnitUseView(UUID id, String sourceKind, @Nullable UUID source, LocalDate usedOn, int units, boolean counted,
			@Nullable String warning, @Nullable String note, String createdBy) {
	}

	public record AppealView(UUID id, AppealLevel level, AppealStatus status, LocalDate noticeDate, LocalDate filingDeadline,
			String deadlineSource, String letter, @Nullable Instant filedAt, @Nullable Instant decidedAt,
			@Nullable String outcomeNote, @Nullable UUID owner, Instant createdAt, int version) {
	}

	public record PeerToPeerView(UUID id, Instant requestedAt, @Nullable Instant scheduledFor, String physician,
			@Nullable String payerReviewer, @Nullable String outcome, @Nullable String outcomeNote, @Nullable Instant recordedAt) {
	}

	public record DocumentInfo(UUID id, String filename, String contentType, int size, Instant createdAt, String createdBy) {
	}
}
