package org.caremap.community;

import java.util.Optional;
import java.util.UUID;

/** The community resource directory, as other parts of Caremap (and the referral side of this module) read it. */
public interface Directory {

	/** The service with its organisation and first active location, whether active or retired; empty if unknown. */
	Optional<ServiceCard> find(UUID service);

	/**
	 * A referral to this service was closed as delivered: the search ranks the service up, most for the case manager
	 * who sent it (username), then for everyone.
	 */
	void recordDelivered(UUID service, String caseManager);
}
