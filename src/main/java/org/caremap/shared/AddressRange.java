package org.caremap.shared;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * An address or a CIDR range of addresses ({@code 10.20.0.5}, {@code 10.20.0.0/24}, {@code 2001:db8::/48}), for the
 * senders allowed to connect to the HL7 listener and the proxies whose forwarded headers are believed. Only literal
 * addresses are read: a host name is refused rather than looked up.
 */
public record AddressRange(InetAddress network, int prefix) {

	private static final Pattern IPV4 = Pattern.compile("^[0-9]{1,3}(\\.[0-9]{1,3}){3}$");
	private static final Pattern IPV6 = Pattern.compile("^[0-9a-fA-F:.]*:[0-9a-fA-F:.]*$");

	public AddressRange {
		int bits = network.getAddress().length * 8;
		if (prefix < 0 || prefix > bits) throw new IllegalArgumentException("prefix /" + prefix + " out of range for " + network.getHostAddress());
	}

	public static AddressRange parse(String text) {
		String value = text.strip();
		int slash = value.indexOf('/');
		String address = slash < 0 ? value : value.substring(0, slash);
		boolean v4 = IPV4.matcher(address).matches();
		if (v4 && java.util.Arrays.stream(address.split("\\.")).anyMatch(octet -> Integer.parseInt(octet) > 255)) {
			throw new IllegalArgumentException("'" + text + "' is not an IPv4 address");
		}
		if (!v4 && !IPV6.matcher(address).matches()) {
			throw new IllegalArgumentException("'" + text + "' is not an IP address or CIDR range (host names are not accepted)");
		}
		InetAddress network;
		try {
			network = InetAddress.getByName(address); // a literal: nothing is looked up
		}
		catch (UnknownHostException ex) {
			throw new IllegalArgumentException("'" + text + "' is not an IP address: " + ex.getMessage(), ex);
		}
		int bits = network.getAddress().length * 8;
		int prefix;
		try {
			prefix = slash < 0 ? bits : Integer.parseInt(value.substring(slash + 1));
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException("'" + text + "' has no valid prefix length after the /", ex);
		}
		return new AddressRange(network, prefix);
	}

	public boolean contains(InetAddress address) {
		byte[] a = address.getAddress();
		byte[] n = network.getAddress();
		if (a.length != n.length) return false;
		int whole = prefix / 8;
		for (int i = 0; i < whole; i++) {
			if (a[i] != n[i]) return false;
		}
		int rest = prefix % 8;
		if (rest == 0) return true;
		int mask = 0xFF << (8 - rest) & 0xFF;
		return (a[whole] & mask) == (n[whole] & mask);
	}

	@Override
	public String toString() {
		return network.getHostAddress() + (prefix == network.getAddress().length * 8 ? "" : "/" + prefix);
	}
}
