/**
 * Typed identifiers, domain errors with stable codes, and small helpers every module may use.
 */
@org.springframework.modulith.ApplicationModule(type = org.springframework.modulith.ApplicationModule.Type.OPEN)
@org.jspecify.annotations.NullMarked
package org.caremap.shared;
