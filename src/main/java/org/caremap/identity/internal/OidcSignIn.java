package org.caremap.identity.internal;

import java.io.IOException;
import java.io.Serial;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.caremap.audit.AuditEntry;
import org.caremap.audit.AuditOutcome;
import org.caremap.audit.AuditTrail;
import org.caremap.identity.CurrentUser;
import org.jspecify.annotations.Nullable;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.ClientRegistrations;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestCustomizers;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;

/**
 * Staff sign-in through the organisation's OpenID Connect provider ({@link OidcProperties}): the sign-in page sends
 * the person to the provider (authorization code with PKCE), the provider sends them back with a signed id token,
 * and the person it names is matched to an existing Caremap staff account by username, or else by e-mail. Roles
 * always come from Caremap; an unknown or disabled account is refused with a page that says so. The session that
 * follows is the same as after a password sign-in (a {@link CurrentUser}), and the sign-in is audited the same way.
 * Nothing of the provider's tokens is kept. Present only when configured.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(OidcSignIn.Configured.class)
public class OidcSignIn {

	/** The registration's id, in Caremap's addresses ({@code /oauth2/authorization/oidc}). */
	public static final String REGISTRATION = "oidc";

	/** The session's note that its person signed in through the provider (no second factor asked of them). */
	public static final String SIGNED_IN_THROUGH_PROVIDER = "caremap.signIn.oidc";

	static final String UNKNOWN = "caremap_unknown_account";
	static final String DISABLED = "caremap_account_disabled";

	/** Whether the issuer and the client id are set. */
	static final class Configured implements Condition {
		@Override
		public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
			String issuer = context.getEnvironment().getProperty("caremap.security.oidc.issuer-uri", "");
			String client = context.getEnvironment().getProperty("caremap.security.oidc.client-id", "");
			return !issuer.isBlank() && !client.isBlank();
		}
	}

	/** The person the provider named, with the Caremap account they were matched to. */
	static final class StaffOidcUser extends DefaultOidcUser {
		@Serial
		private static final long serialVersionUID = 1L;

		private final CurrentUser user;

		StaffOidcUser(OidcUser provided, CurrentUser user) {
			super(user.getAuthorities(), provided.getIdToken(), provided.getUserInfo());
			this.user = user;
		}

		CurrentUser user() {
			return user;
		}
	}

	private final OidcProperties properties;
	private final JdbcClient jdbc;
	private final UserDetailsService users;
	private final AuditTrail audit;
	private final SecurityContextRepository contexts = new HttpSessionSecurityContextRepository();

	OidcSignIn(OidcProperties properties, JdbcClient jdbc, UserDetailsService users, AuditTrail audit) {
		this.properties = properties;
		this.jdbc = jdbc;
		this.users = users;
		this.audit = audit;
	}

	/** The provider, from its discovery document (read at start-up). */
	@Bean
	ClientRegistrationRepository oidcClientRegistrations() {
		ClientRegistration.Builder registration = ClientRegistrations.fromIssuerLocation(properties.issuerUri())
			.registrationId(REGISTRATION)
			.clientName(properties.name())
			.clientId(properties.clientId())
			.scope(properties.scopes());
		String secret = properties.clientSecret();
		if (secret == null || secret.isBlank()) {
			registration.clientAuthenticationMethod(ClientAuthenticationMethod.NONE);
		}
		else {
			registration.clientSecret(secret).clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC);
		}
		return new InMemoryClientRegistrationRepository(registration.build());
	}

	/** Adds the provider's sign-in to the staff pages' security. */
	void configure(HttpSecurity http, ClientRegistrationRepository registrations) throws Exception {
		DefaultOAuth2AuthorizationRequestResolver resolver = new DefaultOAuth2AuthorizationRequestResolver(registrations,
				"/oauth2/authorization");
		resolver.setAuthorizationRequestCustomizer(OAuth2AuthorizationRequestCustomizers.withPkce());
		http.oauth2Login(login -> login.loginPage("/login")
			.clientRegistrationRepository(registrations)
			.authorizedClientRepository(nothingKept())
			.authorizationEndpoint(endpoint -> endpoint.authorizationRequestResolver(resolver))
			.userInfoEndpoint(info -> info.oidcUserService(matcher()))
			.successHandler(this::signedIn)
			.failureHandler((request, response, exception) -> {
				String code = exception instanceof OAuth2AuthenticationException oauth ? oauth.getError().getErrorCode() : "";
				if (!UNKNOWN.equals(code) && !DISABLED.equals(code)) {
					audit.record("oidc", new AuditEntry("SIGN_IN", "Session", null, null, AuditOutcome.FAILED,
							"OpenID Connect sign-in failed: " + (code.isBlank() ? exception.getClass().getSimpleName() : code)));
				}
				String error = UNKNOWN.equals(code) ? "oidc-unknown" : DISABLED.equals(code) ? "oidc-disabled" : "oidc-failed";
				response.sendRedirect(request.getContextPath() + "/login?error=" + error);
			}));
	}

	/** The provider's tokens are used for the sign-in only: nothing is kept of them. */
	private static OAuth2AuthorizedClientRepository nothingKept() {
		return new OAuth2AuthorizedClientRepository() {
			@Override
			public <T extends OAuth2AuthorizedClient> @Nullable T loadAuthorizedClient(String clientRegistrationId,
					Authentication principal, HttpServletRequest request) {
				return null;
			}

			@Override
			public void saveAuthorizedClient(OAuth2AuthorizedClient authorizedClient, Authentication principal,
					HttpServletRequest request, HttpServletResponse response) {
			}

			@Override
			public void removeAuthorizedClient(String clientRegistrationId, Authentication principal,
					HttpServletRequest request, HttpServletResponse response) {
			}
		};
	}

	/** Matches the person the provider named to a Caremap staff account, or refuses them. */
	private OAuth2UserService<OidcUserRequest, OidcUser> matcher() {
		OidcUserService standard = new OidcUserService();
		return request -> {
			OidcUser provided = standard.loadUser(request);
			String named = claim(provided, properties.usernameClaim()).orElse(null);
			String email = claim(provided, properties.emailClaim()).orElse(null);
			String who = "oidc:" + (named != null ? named : email != null ? email : provided.getSubject());
			if (who.length() > 200) who = who.substring(0, 200);
			Optional<String> username = match(named, email, !Boolean.FALSE.equals(provided.getEmailVerified()));
			CurrentUser user = username.flatMap(this::load).orElse(null);
			if (user == null) {
				audit.record(who, new AuditEntry("SIGN_IN", "Session", null, null, AuditOutcome.DENIED,
						"OpenID Connect: no Caremap staff account for this person"));
				throw new OAuth2AuthenticationException(new OAuth2Error(UNKNOWN));
			}
			if (!user.isEnabled()) {
				audit.record(user.getUsername(), new AuditEntry("SIGN_IN", "Session", null, null, AuditOutcome.DENIED,
						"OpenID Connect: account disabled"));
				throw new OAuth2AuthenticationException(new OAuth2Error(DISABLED));
			}
			return new StaffOidcUser(provided, user);
		};
	}

	private static Optional<String> claim(OidcUser user, String name) {
		if (name.isBlank()) return Optional.empty();
		Object value = user.getClaims().get(name);
		if (!(value instanceof String text) || text.isBlank() || text.length() > 254) return Optional.empty();
		return Optional.of(text.trim().toLowerCase(Locale.ROOT));
	}

	/** The username of the account: by username first, else by e-mail when exactly one account holds it. */
	private Optional<String> match(@Nullable String named, @Nullable String email, boolean emailVerified) {
		if (named != null) {
			Optional<String> byName = jdbc.sql("select username from user_account where username = ?").param(named)
				.query(String.class).optional();
			if (byName.isPresent()) return byName;
		}
		if (email == null || !emailVerified) return Optional.empty();
		List<String> byEmail = jdbc.sql("select username from user_account where lower(email) = ?").param(email)
			.query(String.class).list();
		return byEmail.size() == 1 ? Optional.of(byEmail.get(0)) : Optional.empty();
	}

	/** The account with its Caremap roles; no password to change here (the provider checked who they are). */
	private Optional<CurrentUser> load(String username) {
		try {
			CurrentUser user = (CurrentUser) users.loadUserByUsername(username);
			return Optional.of(new CurrentUser(user.id(), user.getUsername(), user.displayName(), null, user.roles(),
					user.isEnabled(), true, false));
		}
		catch (UsernameNotFoundException ex) {
			return Optional.empty();
		}
	}

	/** The session becomes the matched staff member's, as after a password sign-in, and the sign-in is audited. */
	private void signedIn(HttpServletRequest request, HttpServletResponse response, Authentication authentication)
			throws IOException, jakarta.servlet.ServletException {
		if (!(authentication.getPrincipal() instanceof StaffOidcUser staff)) {
			throw new IllegalStateException("an OpenID Connect sign-in without a matched account");
		}
		CurrentUser user = staff.user();
		UsernamePasswordAuthenticationToken signedIn = UsernamePasswordAuthenticationToken.authenticated(user, null,
				user.getAuthorities());
		signedIn.setDetails(new WebAuthenticationDetails(request));
		SecurityContext context = SecurityContextHolder.createEmptyContext();
		context.setAuthentication(signedIn);
		SecurityContextHolder.setContext(context);
		contexts.saveContext(context, request, response);
		request.getSession().setAttribute(SIGNED_IN_THROUGH_PROVIDER, Boolean.TRUE);
		jdbc.sql("update user_account set last_login_at = now() where username = ?").param(user.getUsername()).update();
		audit.record(user.getUsername(), new AuditEntry("SIGN_IN", "Session", null, null, AuditOutcome.SUCCESS,
				"OpenID Connect: " + properties.name()));
		SavedRequestAwareAuthenticationSuccessHandler onward = new SavedRequestAwareAuthenticationSuccessHandler();
		onward.setDefaultTargetUrl("/");
		onward.onAuthenticationSuccess(request, response, signedIn);
	}
}
