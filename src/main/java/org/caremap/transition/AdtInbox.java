package org.caremap.transition;

import org.jspecify.annotations.Nullable;

/**
 * Where ADT messages come in, whatever the channel. The answer is the HL7 ACK to send back: {@code AA} once the
 * message is durably stored (it is applied afterwards, in order per patient; see {@link AdtBacklog}), {@code AE}
 * with an ERR segment for a message that cannot be read as it is, {@code AR} for what is not for us (not HL7, not
 * ADT, an unknown version) or cannot be stored now.
 */
public interface AdtInbox {

	enum Channel {
		MLLP, HTTP, FILE
	}

	/** The acknowledgement: its code, the full ACK message (segments separated by CR) and the error, if any. */
	record Ack(String code, String message, @Nullable String error) {
	}

	Ack receive(byte[] raw, Channel channel);
}
