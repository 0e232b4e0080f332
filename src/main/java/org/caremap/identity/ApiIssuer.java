package org.caremap.identity;

/**
 * The one issuer of Caremap's bearer tokens: the URL written into every token ({@code iss}), the OAuth and SMART
 * metadata, and the only Caremap issuer the API accepts. It is {@code caremap.oauth.issuer} when configured (the
 * public URL people and systems reach Caremap at); otherwise it is derived once at start as
 * {@code http://localhost:<port>}, never from a request's Host or forwarded headers.
 */
public interface ApiIssuer {

	String url();
}
