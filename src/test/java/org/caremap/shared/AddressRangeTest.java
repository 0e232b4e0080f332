package org.caremap.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;

import org.junit.jupiter.api.Test;

/** The allow-list's address ranges: single addresses, CIDR ranges on and off byte boundaries, IPv6, bad input. */
class AddressRangeTest {

	private static InetAddress ip(String literal) throws Exception {
		return InetAddress.getByName(literal);
	}

	@Test
	void aSingleAddressHoldsOnlyItself() throws Exception {
		AddressRange range = AddressRange.parse(" 10.20.0.5 ");
		assertThat(range.contains(ip("10.20.0.5"))).isTrue();
		assertThat(range.contains(ip("10.20.0.6"))).isFalse();
		assertThat(range).hasToString("10.20.0.5");
	}

	@Test
	void aRangeHoldsItsPrefixOnAndOffByteBoundaries() throws Exception {
		assertThat(AddressRange.parse("10.20.0.0/24").contains(ip("10.20.0.255"))).isTrue();
		assertThat(AddressRange.parse("10.20.0.0/24").contains(ip("10.20.1.0"))).isFalse();
		AddressRange odd = AddressRange.parse("192.168.4.0/22");
		assertThat(odd.contains(ip("192.168.7.254"))).isTrue();
		assertThat(odd.contains(ip("192.168.8.1"))).isFalse();
		assertThat(odd.contains(ip("192.168.3.255"))).isFalse();
		assertThat(AddressRange.parse("0.0.0.0/0").contains(ip("203.0.113.9"))).isTrue();
	}

	@Test
	void ipv6RangesAndFamiliesDoNotMix() throws Exception {
		AddressRange v6 = AddressRange.parse("2001:db8::/48");
		assertThat(v6.contains(ip("2001:db8:0:ffff::1"))).isTrue();
		assertThat(v6.contains(ip("2001:db8:1::1"))).isFalse();
		assertThat(AddressRange.parse("::1").contains(ip("::1"))).isTrue();
		assertThat(AddressRange.parse("0.0.0.0/0").contains(ip("::1"))).isFalse();
	}

	@Test
	void namesAndMalformedRangesAreRefusedNotLookedUp() {
		assertThatThrownBy(() -> AddressRange.parse("interface-engine.hospital.example")).isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("host names are not accepted");
		assertThatThrownBy(() -> AddressRange.parse("10.0.0.256")).isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> AddressRange.parse("10.0.0.0/33")).isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> AddressRange.parse("10.0.0.0/x")).isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> AddressRange.parse("2001:db8:::1")).isInstanceOf(IllegalArgumentException.class);
	}
}
