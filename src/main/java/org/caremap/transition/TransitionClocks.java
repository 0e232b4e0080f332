package org.caremap.transition;

import java.util.Collection;
import java.util.Map;
import java.util.UUID;

/**
 * Contribution point: the module that plans the work after a discharge says, for the stays shown, the clocks of
 * their 30-day transition (contact due, visit due, end of the period). The stays page shows what it is told.
 */
public interface TransitionClocks {

	Map<UUID, EncounterView.Clocks> of(Collection<UUID> encounters);
}
