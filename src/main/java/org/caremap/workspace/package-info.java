/**
 * The shell every page lives in: layout, navigation, the home page of each role, the keyboard help.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "access", "audit", "caseload", "identity", "notification", "organization", "patient", "program", "referral", "shared", "task", "transition" })
@org.jspecify.annotations.NullMarked
package org.caremap.workspace;
