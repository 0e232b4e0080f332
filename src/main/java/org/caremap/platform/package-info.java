/**
 * How Caremap runs: the database (embedded or external, two roles, durable settings), the read replica for reads that
 * tolerate lag ({@link org.caremap.platform.ReplicaReads}), the job scheduler, web and error handling, startup
 * reporting. No business rules live here.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "shared" })
@org.jspecify.annotations.NullMarked
package org.caremap.platform;
