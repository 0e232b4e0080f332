package org.caremap.community.internal;

import java.util.List;

import org.caremap.community.CommunityReferralClosed;
import org.caremap.community.Directory;
import org.caremap.shared.SystemActor;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/** A referral closed as delivered ranks its service up in the directory's search, most for the case manager who sent it. */
@Component
class DeliveredServices {

	private final Directory directory;

	DeliveredServices(Directory directory) {
		this.directory = directory;
	}

	@ApplicationModuleListener
	void on(CommunityReferralClosed event) {
		if (!event.delivered()) return;
		SystemActor.run("community-directory", List.of("SYSTEM"), 
				() -> directory.recordDelivered(event.service(), event.senderUsername()));
	}
}
