package org.caremap.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

/**
 * Bearer tokens are verified once and remembered until they expire: a remembered token is answered without
 * checking again, an expired one is checked again (and refused), a refused one is never remembered, and no more
 * than the capacity is kept. Also prints what checking a signed token costs against remembering it.
 */
class VerifiedTokensTest {

	private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-12-08T10:00:00Z"));
	private final Clock clock = new Clock() {
		@Override
		public ZoneOffset getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(java.time.ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return now.get();
		}
	};

	private static Jwt jwt(String token, Instant issued, Duration life) {
		return Jwt.withTokenValue(token).header("alg", "RS256").subject("cm-test").issuedAt(issued).notBefore(issued)
			.expiresAt(issued.plus(life)).build();
	}

	@Test
	void aTokenIsCheckedOnceUntilItExpires() {
		AtomicInteger checks = new AtomicInteger();
		Instant issued = now.get();
		JwtDecoder checking = token -> {
			checks.incrementAndGet();
			if (!clock.instant().isBefore(issued.plus(Duration.ofMinutes(5)))) throw new BadJwtException("expired");
			return jwt(token, issued, Duration.ofMinutes(5));
		};
		VerifiedTokens tokens = new VerifiedTokens(checking, 100, clock);
		Jwt first = tokens.decode("a.b.c");
		assertThat(tokens.decode("a.b.c")).isSameAs(first);
		assertThat(checks).hasValue(1);
		now.set(issued.plus(Duration.ofMinutes(4)));
		tokens.decode("a.b.c");
		assertThat(checks).as("still unexpired: not checked again").hasValue(1);
		now.set(issued.plus(Duration.ofMinutes(5)));
		assertThatThrownBy(() -> tokens.decode("a.b.c")).isInstanceOf(BadJwtException.class);
		assertThat(checks).as("expired: checked again, and refused").hasValue(2);
		assertThat(tokens.size()).isZero();
	}

	@Test
	void aRefusedTokenIsNeverRemembered() {
		AtomicInteger checks = new AtomicInteger();
		VerifiedTokens tokens = new VerifiedTokens(token -> {
			checks.incrementAndGet();
			throw new BadJwtException("bad signature");
		}, 100, clock);
		for (int i = 0; i < 3; i++) assertThatThrownBy(() -> tokens.decode("forged")).isInstanceOf(BadJwtException.class);
		assertThat(checks).hasValue(3);
		assertThat(tokens.size()).isZero();
	}

	@Test
	void noMoreThanTheCapacityIsKeptAndTheExpiredGoFirst() {
		VerifiedTokens tokens = new VerifiedTokens(token -> jwt(token, now.get(), Duration.ofMinutes(5)), 50, clock);
		for (int i = 0; i < 1_000; i++) tokens.decode("token-" + i);
		assertThat(tokens.size()).isLessThanOrEqualTo(50).isGreaterThan(40);
		now.set(now.get().plus(Duration.ofMinutes(6)));
		tokens.decode("a-new-one");
		assertThat(tokens.size()).as("the expired made room; the new one is kept").isEqualTo(1);
	}

	/** A real signed token: Nimbus's check (RSA signature, claims, times) against the remembered answer. */
	@Test
	void rememberingIsCheaperThanCheckingTheSignature() throws Exception {
		RSAKey key = new RSAKeyGenerator(2048).keyID("k1").generate();
		NimbusJwtEncoder encoder = new NimbusJwtEncoder(new ImmutableJWKSet<>(new JWKSet(key)));
		Instant issued = Instant.now();
		String token = encoder.encode(JwtEncoderParameters.from(JwsHeader.with(SignatureAlgorithm.RS256).keyId("k1").build(),
				JwtClaimsSet.builder().issuer("http://localhost").subject("cm-test").audience(List.of("caremap"))
					.issuedAt(issued).notBefore(issued).expiresAt(issued.plusSeconds(300)).claim("scope", "system/*.rs").build()))
			.getTokenValue();
		NimbusJwtDecoder nimbus = NimbusJwtDecoder.withJwkSource(new ImmutableJWKSet<>(new JWKSet(key.toPublicJWK()))).build();
		nimbus.setJwtValidator(new JwtTimestampValidator());
		VerifiedTokens remembered = new VerifiedTokens(nimbus, 100, Clock.systemUTC());
		int n = 5_000;
		for (int i = 0; i < 1_000; i++) {
			nimbus.decode(token);
			remembered.decode(token);
		}
		long t0 = System.nanoTime();
		for (int i = 0; i < n; i++) nimbus.decode(token);
		long checking = System.nanoTime() - t0;
		t0 = System.nanoTime();
		for (int i = 0; i < n; i++) remembered.decode(token);
		long remembering = System.nanoTime() - t0;
		System.out.printf(Locale.ROOT, "verifying a signed token: %.1f us each; remembered: %.2f us each%n",
				checking / 1e3 / n, remembering / 1e3 / n);
		assertThat(remembered.decode(token).getSubject()).isEqualTo("cm-test");
	}
}
