package org.caremap.platform;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.caremap.shared.AddressRange;
import org.jspecify.annotations.Nullable;
import org.springframework.web.filter.ForwardedHeaderFilter;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Forwarded headers ({@code Forwarded}, {@code X-Forwarded-Host/Proto/Port/Prefix/For}) are honoured only when the
 * request comes straight from a configured proxy address ({@code caremap.http.trusted-proxies}: addresses or CIDR
 * ranges); from anyone else they are removed before anything reads them, so a client cannot make Caremap believe
 * it is another host (links, redirects, OAuth metadata) or another client address (audit, sign-in throttle).
 */
public final class TrustedProxies extends OncePerRequestFilter {

	private static final List<String> FORWARDED = List.of("forwarded", "x-forwarded-host", "x-forwarded-proto",
			"x-forwarded-port", "x-forwarded-prefix", "x-forwarded-for", "x-forwarded-ssl");

	private final List<AddressRange> trusted;
	private final ForwardedHeaderFilter forwarded = new ForwardedHeaderFilter();

	public TrustedProxies(List<String> trusted) {
		List<AddressRange> ranges = new ArrayList<>();
		for (String entry : trusted) {
			if (entry == null || entry.isBlank()) continue;
			try {
				ranges.add(AddressRange.parse(entry));
			}
			catch (IllegalArgumentException ex) {
				throw new IllegalArgumentException("caremap.http.trusted-proxies: " + ex.getMessage(), ex);
			}
		}
		this.trusted = List.copyOf(ranges);
	}

	/** Whether this address is one of the configured proxies. */
	public boolean trusts(@Nullable String address) {
		if (address == null || trusted.isEmpty()) return false;
		InetAddress remote;
		try {
			// a literal address only: never a name lookup
			if (!address.matches("[0-9a-fA-F:.%]+")) return false;
			remote = InetAddress.getByName(address.replaceAll("%.*$", ""));
		}
		catch (UnknownHostException ex) {
			return false;
		}
		for (AddressRange range : trusted) {
			if (range.contains(remote)) return true;
		}
		return false;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (trusts(request.getRemoteAddr())) {
			forwarded.doFilter(request, response, chain);
			return;
		}
		chain.doFilter(hasForwardedHeaders(request) ? new WithoutForwardedHeaders(request) : request, response);
	}

	private static boolean hasForwardedHeaders(HttpServletRequest request) {
		for (String name : FORWARDED) {
			if (request.getHeader(name) != null) return true;
		}
		return false;
	}

	/** The request as if the forwarded headers had never been sent. */
	private static final class WithoutForwardedHeaders extends HttpServletRequestWrapper {

		WithoutForwardedHeaders(HttpServletRequest request) {
			super(request);
		}

		private static boolean hidden(String name) {
			return FORWARDED.contains(name.toLowerCase(Locale.ROOT));
		}

		@Override
		public @Nullable String getHeader(String name) {
			return hidden(name) ? null : super.getHeader(name);
		}

		@Override
		public Enumeration<String> getHeaders(String name) {
			return hidden(name) ? Collections.emptyEnumeration() : super.getHeaders(name);
		}

		@Override
		public Enumeration<String> getHeaderNames() {
			List<String> names = new ArrayList<>();
			for (Enumeration<String> all = super.getHeaderNames(); all.hasMoreElements();) {
				String name = all.nextElement();
				if (!hidden(name)) names.add(name);
			}
			return Collections.enumeration(names);
		}
	}
}
