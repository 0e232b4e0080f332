package org.caremap.transition.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.caremap.transition.AdtInbox;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

/**
 * Backfill from a file: messages one after another (each starting with MSH, separated by CR, LF or blank lines, or
 * MLLP-framed), each taken exactly as if it had come over MLLP. Returns how many were answered AA, AE and AR.
 */
@Service
public class AdtBatch {

	private final AdtInbox inbox;

	AdtBatch(AdtInbox inbox) {
		this.inbox = inbox;
	}

	@PreAuthorize("hasAnyRole('ADMIN', 'SYSTEM')")
	public Map<String, Integer> load(byte[] file) {
		Map<String, Integer> counts = new LinkedHashMap<>(Map.of("AA", 0, "AE", 0, "AR", 0));
		for (String message : split(new String(file, StandardCharsets.UTF_8))) {
			AdtInbox.Ack ack = inbox.receive(message.getBytes(StandardCharsets.UTF_8), AdtInbox.Channel.FILE);
			counts.merge(ack.code(), 1, Integer::sum);
		}
		return counts;
	}

	static List<String> split(String text) {
		String t = text.replace("\u000B", "\n").replace("\u001C", "\n").replace("\uFEFF", "").replace("\r\n", "\n").replace('\r', '\n');
		List<String> out = new ArrayList<>();
		StringBuilder current = null;
		for (String line : t.split("\n")) {
			if (line.startsWith("MSH")) {
				if (current != null) out.add(current.toString());
				current = new StringBuilder(line);
			}
			else if (current != null && !line.isBlank()) {
				current.append('\r').append(line);
			}
		}
		if (current != null) out.add(current.toString());
		return out;
	}
}
