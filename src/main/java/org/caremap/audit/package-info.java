/**
 * The tamper-evident audit trail: every read and write of patient data, every denied attempt, every sign-in;
 * hash-chained by a single sealer, verified on demand, anchored outside the database.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "shared" })
@org.jspecify.annotations.NullMarked
package org.caremap.audit;
