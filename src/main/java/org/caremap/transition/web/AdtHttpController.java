package org.caremap.transition.web;

import java.nio.charset.StandardCharsets;

import org.caremap.transition.AdtInbox;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * ADT over HTTP, for interface engines that post rather than keep an MLLP connection: the body is one HL7 v2
 * message (ER7), the answer is its ACK, exactly as over MLLP ({@code AA} once stored, applied right after, {@code AE}/{@code AR}
 * with an ERR segment otherwise), always with status 200 since the ACK carries the outcome. The caller presents a
 * bearer token with the {@code adt.write} scope (a client registered under Admin > API clients).
 */
@RestController
class AdtHttpController {

	static final String HL7_V2 = "application/hl7-v2";
	static final MediaType ACK_TYPE = new MediaType("application", "hl7-v2", StandardCharsets.UTF_8);

	private final AdtInbox inbox;

	AdtHttpController(AdtInbox inbox) {
		this.inbox = inbox;
	}

	@PostMapping(path = "/api/hl7v2/adt",
			consumes = { HL7_V2, "x-application/hl7-v2+er7", MediaType.TEXT_PLAIN_VALUE, MediaType.APPLICATION_OCTET_STREAM_VALUE })
	@PreAuthorize("hasAuthority('SCOPE_adt.write')")
	ResponseEntity<byte[]> receive(@RequestBody(required = false) byte[] body) {
		AdtInbox.Ack ack = inbox.receive(body == null ? new byte[0] : body, AdtInbox.Channel.HTTP);
		return ResponseEntity.ok().contentType(ACK_TYPE).body(ack.message().getBytes(StandardCharsets.UTF_8));
	}
}
