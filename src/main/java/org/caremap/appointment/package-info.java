/**
 * Appointments (coordination): the visits, procedures, tests and community services the case manager arranges or
 * learns about, with transport and interpreter needs, a guarded status (proposed, booked, arrived, no-show, cancelled,
 * rescheduled), a calendar file for the patient, reminders before the visit, and FHIR Appointment. Other modules
 * hear of it through its events: {@code task} makes the follow-up work, {@code notification} sends the reminders.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "access", "audit", "chart", "fhir", "organization", "patient", "shared", "timeline" })
@org.jspecify.annotations.NullMarked
package org.caremap.appointment;
