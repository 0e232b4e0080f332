package org.caremap.identity.internal;

import java.io.IOException;
import java.net.URI;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.caremap.identity.ApiIssuer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The issuer: configured, or derived when the web server has started. {@link #pinning()} makes the authorization
 * server's own endpoints see that URL whatever Host a request names, so its metadata and the tokens it mints
 * always name the one issuer.
 */
@Component
class OAuthIssuer implements ApiIssuer, ApplicationListener<WebServerInitializedEvent> {

	private static final Logger log = LoggerFactory.getLogger(OAuthIssuer.class);

	private final String contextPath;
	private volatile @Nullable String url;

	OAuthIssuer(OAuthProperties properties, @Value("${server.servlet.context-path:}") String contextPath,
			@Value("${server.port:8080}") int port) {
		this.contextPath = contextPath;
		// known from the start when configured or when the port is fixed; a random port (0) is known once bound
		this.url = properties.issuer() != null ? strip(properties.issuer())
				: port > 0 ? "http://localhost:" + port + contextPath : null;
	}

	private static String strip(String url) {
		return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
	}

	@Override
	public void onApplicationEvent(WebServerInitializedEvent event) {
		if (event.getApplicationContext().getServerNamespace() != null) return;
		if (url == null) url = "http://localhost:" + event.getWebServer().getPort() + contextPath;
		log.info("OAuth issuer {} (set CAREMAP_OAUTH_ISSUER to the public URL when systems reach Caremap by another name)",
				url);
	}

	@Override
	public String url() {
		String known = url;
		if (known == null) throw new IllegalStateException("the OAuth issuer is known once the web server has started");
		return known;
	}

	/** Whether the issuer is known yet (it is, from the first request on). */
	boolean known() {
		return url != null;
	}

	/** A filter that presents requests to the authorization server's endpoints as addressed to the issuer's URL. */
	OncePerRequestFilter pinning() {
		return new OncePerRequestFilter() {
			@Override
			protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
					throws ServletException, IOException {
				chain.doFilter(known() ? new AtIssuer(request, URI.create(url())) : request, response);
			}
		};
	}

	private static final class AtIssuer extends HttpServletRequestWrapper {

		private final URI issuer;

		AtIssuer(HttpServletRequest request, URI issuer) {
			super(request);
			this.issuer = issuer;
		}

		@Override
		public String getScheme() {
			return issuer.getScheme();
		}

		@Override
		public boolean isSecure() {
			return "https".equalsIgnoreCase(issuer.getScheme());
		}

		@Override
		public String getServerName() {
			return issuer.getHost();
		}

		@Override
		public int getServerPort() {
			return issuer.getPort() >= 0 ? issuer.getPort() : "https".equalsIgnoreCase(issuer.getScheme()) ? 443 : 80;
		}

		@Override
		public @Nullable String getHeader(String name) {
			return "host".equalsIgnoreCase(name) ? issuer.getRawAuthority() : super.getHeader(name);
		}

		@Override
		public StringBuffer getRequestURL() {
			return new StringBuffer(issuer.getScheme()).append("://").append(issuer.getRawAuthority()).append(getRequestURI());
		}
	}
}
