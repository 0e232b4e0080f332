package org.caremap.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.servlet.http.HttpServletRequest;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** Forwarded headers are believed from the configured proxies only. */
class TrustedProxiesTest {

	private final TrustedProxies filter = new TrustedProxies(List.of("10.0.0.0/8", "192.168.1.5", "fd00::/8"));

	private HttpServletRequest seen(String from) throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/caseload");
		request.setRemoteAddr(from);
		request.setServerName("caremap.internal");
		request.addHeader("X-Forwarded-Host", "care.example.org");
		request.addHeader("X-Forwarded-Proto", "https");
		request.addHeader("X-Forwarded-For", "198.51.100.7");
		AtomicReference<HttpServletRequest> out = new AtomicReference<>();
		filter.doFilter(request, new MockHttpServletResponse(), new MockFilterChain() {
			@Override
			public void doFilter(jakarta.servlet.ServletRequest req, jakarta.servlet.ServletResponse res) {
				out.set((HttpServletRequest) req);
			}
		});
		return out.get();
	}

	@Test
	void aConfiguredProxyIsBelieved() throws Exception {
		HttpServletRequest request = seen("10.20.30.40");
		assertThat(request.getServerName()).isEqualTo("care.example.org");
		assertThat(request.getScheme()).isEqualTo("https");
		assertThat(request.getRemoteAddr()).isEqualTo("198.51.100.7");
		assertThat(seen("192.168.1.5").getServerName()).isEqualTo("care.example.org");
		assertThat(seen("fd12::1").getServerName()).isEqualTo("care.example.org");
	}

	@Test
	void anyoneElseIsNot() throws Exception {
		for (String address : List.of("192.168.1.6", "11.0.0.1", "127.0.0.1", "::1")) {
			HttpServletRequest request = seen(address);
			assertThat(request.getServerName()).as(address).isEqualTo("caremap.internal");
			assertThat(request.getScheme()).as(address).isEqualTo("http");
			assertThat(request.getRemoteAddr()).as(address).isEqualTo(address);
			assertThat(request.getHeader("X-Forwarded-Host")).as(address).isNull();
			assertThat(java.util.Collections.list(request.getHeaderNames())).as(address).noneMatch(h -> h.toLowerCase().startsWith("x-forwarded"));
		}
	}

	@Test
	void aBadSettingIsRefusedAtStart() {
		assertThatThrownBy(() -> new TrustedProxies(List.of("proxy.example.org"))).hasMessageContaining("caremap.http.trusted-proxies");
		assertThatThrownBy(() -> new TrustedProxies(List.of("10.0.0.0/33"))).hasMessageContaining("caremap.http.trusted-proxies");
	}
}
