/**
 * How Caremap runs: the database (embedded or external, two roles, durable settings), the job scheduler, web
 * and error handling, startup reporting. No business rules live here.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "shared" })
@org.jspecify.annotations.NullMarked
package org.caremap.platform;
