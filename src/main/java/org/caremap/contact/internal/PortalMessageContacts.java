package org.caremap.contact.internal;

import java.util.List;

import org.caremap.shared.SystemActor;
import org.caremap.team.PatientMessagePosted;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * A message the patient or a proxy wrote to the team in the portal is a contact that reached them (inbound, a portal
 * message, no staff minutes): logged once per message (keyed by it, so an event delivered twice logs one contact),
 * and like any contact that reached the patient it restarts the case's follow-up cadence.
 */
@Component
class PortalMessageContacts {

	private static final String ACTOR = "portal-message-contacts";

	private final JdbcContacts contacts;

	PortalMessageContacts(JdbcContacts contacts) {
		this.contacts = contacts;
	}

	@ApplicationModuleListener
	void on(PatientMessagePosted event) {
		SystemActor.run(ACTOR, List.of("SYSTEM"), () -> contacts.fromPortalMessage(event));
	}
}
