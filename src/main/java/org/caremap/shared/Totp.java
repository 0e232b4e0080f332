package org.caremap.shared;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Locale;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * One-time passwords of authenticator apps: HOTP (RFC 4226) over a time step (TOTP, RFC 6238), with the secret
 * written in base32 (RFC 4648) as the apps read it. Staff and portal accounts use HMAC-SHA1, 30-second steps and 6 digits
 * (what every authenticator app does by default), and accept the step before and after for clock drift.
 */
public final class Totp {

	public static final int STEP_SECONDS = 30;
	public static final int DIGITS = 6;
	private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
	private static final SecureRandom RANDOM = new SecureRandom();

	private Totp() {
	}

	/** A new random secret of 20 bytes (160 bits, the size RFC 4226 recommends), in base32. */
	public static String newSecret() {
		byte[] key = new byte[20];
		RANDOM.nextBytes(key);
		return base32(key);
	}

	/** The HOTP value of a counter (RFC 4226 section 5.3) with this HMAC algorithm and number of digits. */
	public static String hotp(byte[] key, long counter, String algorithm, int digits) {
		try {
			Mac mac = Mac.getInstance(algorithm);
			mac.init(new SecretKeySpec(key, "RAW"));
			byte[] hash = mac.doFinal(ByteBuffer.allocate(8).putLong(counter).array());
			int offset = hash[hash.length - 1] & 0x0f;
			int binary = ((hash[offset] & 0x7f) << 24) | ((hash[offset + 1] & 0xff) << 16)
					| ((hash[offset + 2] & 0xff) << 8) | (hash[offset + 3] & 0xff);
			int otp = binary % (int) Math.pow(10, digits);
			return String.format(Locale.ROOT, "%0" + digits + "d", otp);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(algorithm + " is not available", ex);
		}
	}

	/** The TOTP value at this time (RFC 6238 section 4: T = floor(unix time / step)). */
	public static String totp(byte[] key, Instant at, String algorithm, int digits) {
		return hotp(key, Math.floorDiv(at.getEpochSecond(), STEP_SECONDS), algorithm, digits);
	}

	/** Whether this code matches the secret at this time, or one step before or after. */
	public static boolean verify(String base32Secret, String code, Instant at) {
		return matchedStep(base32Secret, code, at) >= 0;
	}

	/**
	 * The time step whose code this is (this time's, or one step before or after), or -1: the caller keeps the step
	 * so that the same code is not taken twice.
	 */
	public static long matchedStep(String base32Secret, String code, Instant at) {
		String typed = code.replaceAll("\\s", "");
		if (!typed.matches("[0-9]{" + DIGITS + "}")) return -1;
		byte[] key = decodeBase32(base32Secret);
		long step = Math.floorDiv(at.getEpochSecond(), STEP_SECONDS);
		long matched = -1;
		for (long s = step - 1; s <= step + 1; s++) {
			// compare every candidate in constant time, and always all three
			if (java.security.MessageDigest.isEqual(hotp(key, s, "HmacSHA1", DIGITS).getBytes(), typed.getBytes())) matched = s;
		}
		return matched;
	}

	/** The {@code otpauth://} address authenticator apps read (as a QR code, or typed). */
	public static String uri(String issuer, String account, String base32Secret) {
		String label = encode(issuer) + ":" + encode(account);
		return "otpauth://totp/" + label + "?secret=" + base32Secret + "&issuer=" + encode(issuer) + "&algorithm=SHA1&digits="
				+ DIGITS + "&period=" + STEP_SECONDS;
	}

	private static String encode(String text) {
		return java.net.URLEncoder.encode(text, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
	}

	public static String base32(byte[] bytes) {
		StringBuilder out = new StringBuilder();
		int buffer = 0;
		int bits = 0;
		for (byte b : bytes) {
			buffer = (buffer << 8) | (b & 0xff);
			bits += 8;
			while (bits >= 5) {
				out.append(ALPHABET.charAt((buffer >> (bits - 5)) & 31));
				bits -= 5;
			}
		}
		if (bits > 0) out.append(ALPHABET.charAt((buffer << (5 - bits)) & 31));
		return out.toString();
	}

	public static byte[] decodeBase32(String text) {
		String clean = text.replaceAll("[\\s=-]", "").toUpperCase(Locale.ROOT);
		ByteBuffer out = ByteBuffer.allocate(clean.length() * 5 / 8);
		int buffer = 0;
		int bits = 0;
		for (char c : clean.toCharArray()) {
			int value = ALPHABET.indexOf(c);
			if (value < 0) throw new IllegalArgumentException("not base32");
			buffer = (buffer << 5) | value;
			bits += 5;
			if (bits >= 8) {
				out.put((byte) ((buffer >> (bits - 8)) & 0xff));
				bits -= 8;
			}
		}
		return java.util.Arrays.copyOf(out.array(), out.position());
	}
}
