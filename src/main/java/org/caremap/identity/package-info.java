/**
 * Users, roles, sign-in, sessions, lockout and password rules; the OAuth 2.0 authorization server that issues
 * bearer tokens to registered API clients, and the checks the API applies to those tokens.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "audit", "platform", "shared" })
@org.jspecify.annotations.NullMarked
package org.caremap.identity;
