package org.caremap.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The one-time password arithmetic against the test vectors of RFC 6238 (appendix B) and RFC 4226 (appendix D). */
class TotpTest {

	private static final byte[] SEED20 = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);
	private static final byte[] SEED32 = "12345678901234567890123456789012".getBytes(StandardCharsets.US_ASCII);
	private static final byte[] SEED64 = "1234567890123456789012345678901234567890123456789012345678901234"
		.getBytes(StandardCharsets.US_ASCII);

	@ParameterizedTest(name = "RFC 6238 at {0}: {1}")
	@CsvSource({ "59, 94287082, 46119246, 90693936", "1111111109, 07081804, 68084774, 25091201",
			"1111111111, 14050471, 67062674, 99943326", "1234567890, 89005924, 91819424, 93441116",
			"2000000000, 69279037, 90698825, 38618901", "20000000000, 65353130, 77737706, 47863826" })
	void totpMatchesTheRfc6238Vectors(long unixTime, String sha1, String sha256, String sha512) {
		Instant at = Instant.ofEpochSecond(unixTime);
		assertThat(Totp.totp(SEED20, at, "HmacSHA1", 8)).isEqualTo(sha1);
		assertThat(Totp.totp(SEED32, at, "HmacSHA256", 8)).isEqualTo(sha256);
		assertThat(Totp.totp(SEED64, at, "HmacSHA512", 8)).isEqualTo(sha512);
	}

	@Test
	void hotpMatchesTheRfc4226Vectors() {
		String[] expected = { "755224", "287082", "359152", "969429", "338314", "254676", "287922", "162583", "399871",
				"520489" };
		for (int counter = 0; counter < expected.length; counter++) {
			assertThat(Totp.hotp(SEED20, counter, "HmacSHA1", 6)).as("counter %d", counter).isEqualTo(expected[counter]);
		}
	}

	@Test
	void base32RoundTripsAndReadsTheRfc4648Vectors() {
		assertThat(Totp.base32("foobar".getBytes(StandardCharsets.US_ASCII))).isEqualTo("MZXW6YTBOI");
		assertThat(new String(Totp.decodeBase32("MZXW6YTBOI======"), StandardCharsets.US_ASCII)).isEqualTo("foobar");
		assertThat(Totp.base32(SEED20)).isEqualTo("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
		String secret = Totp.newSecret();
		assertThat(secret).matches("[A-Z2-7]{32}");
		assertThat(Totp.decodeBase32(secret)).hasSize(20);
	}

	@Test
	void verifyAcceptsTheCurrentStepAndItsNeighboursOnly() {
		String secret = Totp.base32(SEED20);
		Instant now = Instant.ofEpochSecond(1_234_567_890L);
		byte[] key = SEED20;
		assertThat(Totp.verify(secret, Totp.totp(key, now, "HmacSHA1", 6), now)).isTrue();
		assertThat(Totp.verify(secret, Totp.totp(key, now.minusSeconds(30), "HmacSHA1", 6), now)).isTrue();
		assertThat(Totp.verify(secret, Totp.totp(key, now.plusSeconds(30), "HmacSHA1", 6), now)).isTrue();
		assertThat(Totp.verify(secret, Totp.totp(key, now.minusSeconds(90), "HmacSHA1", 6), now)).isFalse();
		assertThat(Totp.verify(secret, "12345", now)).isFalse();
		assertThat(Totp.verify(secret, "abcdef", now)).isFalse();
		assertThat(Totp.uri("Caremap", "rosa@example.org", secret))
			.isEqualTo("otpauth://totp/Caremap:rosa%40example.org?secret=" + secret
					+ "&issuer=Caremap&algorithm=SHA1&digits=6&period=30");
	}
}
