package org.caremap.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Failed sign-ins are counted per IPv4 address, and per /64 network for IPv6 (a host holds many addresses in it). */
class SignInThrottleTest {

	@Test
	void anIpv6HostIsCountedByItsNetwork() {
		assertThat(SignInThrottle.counted("2001:db8:1:2::1")).isEqualTo(SignInThrottle.counted("2001:db8:1:2:ffff:0:0:9"));
		assertThat(SignInThrottle.counted("2001:db8:1:2::1")).isNotEqualTo(SignInThrottle.counted("2001:db8:1:3::1"));
		assertThat(SignInThrottle.counted("0:0:0:0:0:0:0:1")).isEqualTo("0000:0000:0000:0000::/64");
		assertThat(SignInThrottle.counted("203.0.113.7")).isEqualTo("203.0.113.7");
		assertThat(SignInThrottle.counted(" ")).isNull();
	}
}
