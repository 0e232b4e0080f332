package org.caremap.task.fhir;

import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import org.caremap.shared.UserId;
import org.caremap.task.TaskRecord;
import org.caremap.task.TaskStatus;
import org.caremap.task.TaskView;
import ca.uhn.fhir.model.api.TemporalPrecisionEnum;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.Task;
import org.jspecify.annotations.Nullable;

/**
 * How a Caremap task reads as FHIR Task: an order for the patient, owned by a member of staff (or waiting in a
 * team's queue), with its priority, its window (not before, due) as {@code restriction.period}, its kind as
 * {@code code}, whether it is late or escalated as {@code businessStatus}, and its outcome once done. A task the
 * patient does is owned by the Patient (who marks it done in the portal); the member of staff who follows it up is
 * then its {@code requester}.
 */
final class TaskMapping {

	static final String STATUS_CODES = "requested, ready, in-progress, on-hold, completed, cancelled, failed";

	private final Map<UserId, String> names;
	private final Map<UUID, String> teams;
	private final Function<TaskView, String> typeLabel;

	TaskMapping(Map<UserId, String> names, Map<UUID, String> teams, Function<TaskView, String> typeLabel) {
		this.names = names;
		this.teams = teams;
		this.typeLabel = typeLabel;
	}

	Task toFhir(TaskRecord record) {
		TaskView t = record.task();
		Task task = new Task();
		task.setId(t.id().toString());
		task.getMeta().setLastUpdated(Date.from(record.lastChanged()));
		task.setStatus(status(t.status()));
		if (record.statusNote() != null) task.setStatusReason(new CodeableConcept().setText(record.statusNote()));
		String business = business(t);
		if (business != null) task.setBusinessStatus(new CodeableConcept().setText(business));
		task.setIntent(Task.TaskIntent.ORDER);
		task.setPriority(priority(t));
		task.setCode(new CodeableConcept().setText(typeLabel.apply(t)));
		task.setDescription(t.title());
		task.setFor(new Reference("Patient/" + t.patient()));
		task.setAuthoredOnElement(dateTime(record.createdAt()));
		task.setLastModifiedElement(dateTime(record.lastChanged()));
		if (t.forPatient()) {
			task.setOwner(new Reference("Patient/" + t.patient()));
			if (t.ownerUser() != null) {
				task.setRequester(new Reference("Practitioner/" + t.ownerUser()).setDisplay(names.get(t.ownerUser())));
			}
		}
		else if (t.ownerUser() != null) {
			task.setOwner(new Reference("Practitioner/" + t.ownerUser()).setDisplay(names.get(t.ownerUser())));
		}
		else if (t.ownerTeam() != null) {
			task.setOwner(new Reference().setDisplay(teams.getOrDefault(t.ownerTeam(), "Team queue")));
		}
		if (t.notBefore() != null || t.due() != null) {
			if (t.notBefore() != null) task.getRestriction().getPeriod().setStartElement(dateTime(t.notBefore()));
			if (t.due() != null) task.getRestriction().getPeriod().setEndElement(dateTime(t.due()));
		}
		if (t.completedAt() != null) task.getExecutionPeriod().setEndElement(dateTime(t.completedAt()));
		if (t.description() != null && !t.description().isBlank()) task.addNote().setText(t.description());
		if (t.outcome() != null) {
			task.addOutput().setType(new CodeableConcept().setText("Outcome")).setValue(new StringType(t.outcome()));
		}
		return task;
	}

	/** A time to the second, or to the millisecond when it has a fraction (a deadline at 23:59:59.999). */
	private static DateTimeType dateTime(Instant instant) {
		return new DateTimeType(Date.from(instant),
				instant.getNano() == 0 ? TemporalPrecisionEnum.SECOND : TemporalPrecisionEnum.MILLI);
	}

	private static @Nullable String business(TaskView t) {
		if (t.escalatedAt() != null && t.status().open()) return "Overdue, escalated to the supervisor";
		if (t.overdue(Instant.now())) return "Overdue";
		if (t.status().open() && t.ownerUser() == null) return "Waiting in the team queue";
		return null;
	}

	static Task.TaskStatus status(TaskStatus status) {
		switch (status) {
			case REQUESTED:
				return Task.TaskStatus.REQUESTED;
			case READY:
				return Task.TaskStatus.READY;
			case IN_PROGRESS:
				return Task.TaskStatus.INPROGRESS;
			case ON_HOLD:
				return Task.TaskStatus.ONHOLD;
			case COMPLETED:
				return Task.TaskStatus.COMPLETED;
			case CANCELLED:
				return Task.TaskStatus.CANCELLED;
			default:
				return Task.TaskStatus.FAILED;
		}
	}

	/** Caremap's status for a FHIR one, or null for those Caremap does not use (draft, received, accepted, ...). */
	static @Nullable TaskStatus status(Task.@Nullable TaskStatus status) {
		if (status == null) return null;
		switch (status) {
			case REQUESTED:
				return TaskStatus.REQUESTED;
			case READY:
				return TaskStatus.READY;
			case INPROGRESS:
				return TaskStatus.IN_PROGRESS;
			case ONHOLD:
				return TaskStatus.ON_HOLD;
			case COMPLETED:
				return TaskStatus.COMPLETED;
			case CANCELLED:
				return TaskStatus.CANCELLED;
			case FAILED:
				return TaskStatus.FAILED;
			default:
				return null;
		}
	}

	private static Task.TaskPriority priority(TaskView t) {
		switch (t.priority()) {
			case STAT:
				return Task.TaskPriority.STAT;
			case ASAP:
				return Task.TaskPriority.ASAP;
			case URGENT:
				return Task.TaskPriority.URGENT;
			default:
				return Task.TaskPriority.ROUTINE;
		}
	}
}
