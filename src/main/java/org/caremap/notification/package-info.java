/**
 * In-app notifications (the bell) and e-mail through an outbox: written in the same transaction as the work that
 * causes them, sent by a job (to the log by default, over SMTP when configured).
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "access", "appointment", "assessment", "caseload", "community", "identity", "organization", "patient", "program", "quality", "shared", "task", "team", "transition", "utilization", "workforce" })
@org.jspecify.annotations.NullMarked
package org.caremap.notification;
