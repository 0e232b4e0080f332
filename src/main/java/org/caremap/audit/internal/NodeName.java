package org.caremap.audit.internal;

import java.net.InetAddress;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** This application node's name in audit rows: {@code caremap.node-name}, or host name and process id. */
@Component
class NodeName {

	private final String value;

	NodeName(@Value("${caremap.node-name:}") String configured) {
		if (!configured.isBlank()) {
			this.value = configured;
			return;
		}
		String host;
		try {
			host = InetAddress.getLocalHost().getHostName();
		}
		catch (Exception ex) {
			host = "localhost";
		}
		this.value = host + ":" + ProcessHandle.current().pid();
	}

	String value() {
		return value;
	}
}
