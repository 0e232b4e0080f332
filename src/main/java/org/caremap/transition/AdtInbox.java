package org.caremap.transition;

import org.jspecify.annotations.Nullable;

/**
 * Where ADT messages come in, whatever the channel. The answer is the HL7 ACK to send back: {@code AA} only once
 * the message is durably stored (and applied), {@code AE} with an ERR segment for content to fix, {@code AR} for
 * what is not for us (not HL7, not ADT, an unknown version) or cannot be taken now.
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
