/**
 * The patient's timeline: every event on the patient in time order. Each module contributes its own events
 * through a {@link org.caremap.timeline.TimelineSource}; the timeline merges them.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "chart", "shared" })
@org.jspecify.annotations.NullMarked
package org.caremap.timeline;
