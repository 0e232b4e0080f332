package org.caremap.identity.internal;

import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The RSA keys that sign access tokens, kept in the database so that every node signs and verifies with the same
 * keys and tokens survive restarts. The first node to start creates one (under an advisory lock, so two nodes
 * starting together agree); the newest active key signs.
 */
final class SigningKeys {

	private static final long LOCK = 0x6361_7265_6d61_706bL; // "caremapk"

	private SigningKeys() {
	}

	static JWKSet load(JdbcClient jdbc, TransactionTemplate tx) {
		List<JWK> keys = tx.execute(status -> {
			jdbc.sql("select pg_advisory_xact_lock(?)").param(LOCK).query().singleRow();
			List<JWK> found = read(jdbc);
			if (!found.isEmpty()) return found;
			create(jdbc);
			return read(jdbc);
		});
		return new JWKSet(keys == null ? List.of() : keys);
	}

	private static List<JWK> read(JdbcClient jdbc) {
		List<JWK> keys = new ArrayList<>();
		jdbc.sql("select kid, private_key, public_key from oauth_signing_key where retired_at is null order by created_at desc")
			.query((rs, n) -> {
				try {
					KeyFactory rsa = KeyFactory.getInstance("RSA");
					RSAPublicKey pub = (RSAPublicKey) rsa.generatePublic(new X509EncodedKeySpec(rs.getBytes("public_key")));
					RSAPrivateKey priv = (RSAPrivateKey) rsa.generatePrivate(new PKCS8EncodedKeySpec(rs.getBytes("private_key")));
					return new RSAKey.Builder(pub).privateKey(priv).keyID(rs.getString("kid")).build();
				}
				catch (java.security.GeneralSecurityException ex) {
					throw new IllegalStateException("a token signing key in the database cannot be read", ex);
				}
			})
			.list()
			.forEach(keys::add);
		return keys;
	}

	private static void create(JdbcClient jdbc) {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
			generator.initialize(2048);
			KeyPair pair = generator.generateKeyPair();
			jdbc.sql("insert into oauth_signing_key (kid, private_key, public_key) values (?, ?, ?)")
				.params(UUID.randomUUID().toString(), pair.getPrivate().getEncoded(), pair.getPublic().getEncoded())
				.update();
		}
		catch (java.security.NoSuchAlgorithmException ex) {
			throw new IllegalStateException("RSA is not available in this JVM", ex);
		}
	}
}
