/**
 * The organisation, its teams and supervisors, and its business calendar (time zone, holidays).
 */
@org.jspecify.annotations.NullMarked
package org.caremap.organization;
