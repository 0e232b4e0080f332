package org.caremap.transition.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

import org.caremap.support.AdtApplied;
import org.caremap.support.Folders;
import org.caremap.support.IntegrationTest;
import org.caremap.support.Mllp;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * MLLP over TLS with a client certificate required, configured as an operator would: a Spring Boot SSL bundle
 * ({@code spring.ssl.bundle.jks.mllp}) named in {@code caremap.adt.ssl-bundle}. The keys are made for this run by
 * the JDK's keytool in {@code target/mllp-tls} (throwaway, never committed): one pair for Caremap, one for the
 * hospital's interface engine; each side trusts the other's certificate.
 */
class MllpTlsIT extends IntegrationTest {

	private static final Path KEYS = Path.of("target", "mllp-tls").toAbsolutePath();
	private static final String PASSWORD = "throwaway-" + UUID.randomUUID().toString().substring(0, 8);

	@Autowired MllpListener listener;
	@Autowired JdbcClient jdbc;

	private final String token = UUID.randomUUID().toString().substring(0, 8);

	@DynamicPropertySource
	static void tls(DynamicPropertyRegistry registry) throws Exception {
		makeKeys();
		registry.add("spring.ssl.bundle.jks.mllp.keystore.location", () -> "file:" + KEYS.resolve("caremap.p12"));
		registry.add("spring.ssl.bundle.jks.mllp.keystore.password", () -> PASSWORD);
		registry.add("spring.ssl.bundle.jks.mllp.keystore.type", () -> "PKCS12");
		registry.add("spring.ssl.bundle.jks.mllp.truststore.location", () -> "file:" + KEYS.resolve("caremap-trusts.p12"));
		registry.add("spring.ssl.bundle.jks.mllp.truststore.password", () -> PASSWORD);
		registry.add("spring.ssl.bundle.jks.mllp.truststore.type", () -> "PKCS12");
		registry.add("caremap.adt.ssl-bundle", () -> "mllp");
		registry.add("caremap.adt.ssl-client-auth", () -> "need");
	}

	@Test
	void anAdtOverTlsWithTheEnginesCertificateIsStoredAndAcknowledged() throws Exception {
		String control = "TLS-" + token;
		try (SSLSocket socket = tls(true)) {
			socket.startHandshake();
			String ack = Mllp.send(socket, adt(control));
			assertThat(Mllp.code(ack)).isEqualTo("AA");
			assertThat(ack).contains("MSA|AA|" + control);
			// a second message on the same connection
			assertThat(Mllp.code(Mllp.send(socket, adt(control + "-2")))).isEqualTo("AA");
		}
		assertThat(AdtApplied.status(jdbc, control)).isEqualTo("UNMATCHED");
		assertThat(jdbc.sql("select status || ' ' || channel from adt_message where control_id = ?").param(control)
			.query(String.class).single()).isEqualTo("UNMATCHED MLLP");
	}

	@Test
	void plainTextToTheTlsPortGetsNoAnswerAndNothingIsStored() throws Exception {
		String control = "PLAIN-" + token;
		try (Socket socket = Mllp.connect("127.0.0.1", listener.port())) {
			try {
				Mllp.write(socket.getOutputStream(), adt(control).getBytes(StandardCharsets.UTF_8));
			}
			catch (IOException closedAlready) {
				// the read below tells
			}
			InputStream in = socket.getInputStream();
			try {
				// whatever comes back (at most a TLS alert record, content type 21) is no MLLP frame
				int first = in.read();
				assertThat(first).as("first byte back").isIn(-1, 21);
				if (first == 21) in.readAllBytes();
			}
			catch (java.net.SocketException reset) {
				// closed with our bytes unread
			}
		}
		assertThat(count(control)).isZero();
		// the listener is still there for a proper client
		try (SSLSocket socket = tls(true)) {
			assertThat(Mllp.code(Mllp.send(socket, adt(control + "-TLS")))).isEqualTo("AA");
		}
	}

	@Test
	void aTlsClientWithoutACertificateGetsNoAnswerAndNothingIsStored() throws Exception {
		String control = "NOCERT-" + token;
		try (SSLSocket socket = tls(false)) {
			boolean answered;
			try {
				socket.startHandshake(); // under TLS 1.3 the client may finish its side before the server refuses
				Mllp.write(socket.getOutputStream(), adt(control).getBytes(StandardCharsets.UTF_8));
				answered = socket.getInputStream().read() >= 0;
			}
			catch (IOException refused) {
				answered = false;
			}
			assertThat(answered).as("an answer came back").isFalse();
		}
		assertThat(count(control)).isZero();
		// the same client with the engine's certificate is answered: it was the certificate that was missing
		try (SSLSocket socket = tls(true)) {
			assertThat(Mllp.code(Mllp.send(socket, adt(control + "-CERT")))).isEqualTo("AA");
		}
	}

	/** A TLS client that trusts Caremap's certificate, presenting the engine's certificate or none. */
	private SSLSocket tls(boolean withCertificate) throws Exception {
		KeyStore caremap = load(KEYS.resolve("caremap.p12"));
		KeyStore trust = KeyStore.getInstance("PKCS12");
		trust.load(null, null);
		trust.setCertificateEntry("caremap", caremap.getCertificate("caremap"));
		TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
		tmf.init(trust);
		KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
		kmf.init(load(KEYS.resolve("engine.p12")), PASSWORD.toCharArray());
		SSLContext context = SSLContext.getInstance("TLS");
		context.init(withCertificate ? kmf.getKeyManagers() : null, tmf.getTrustManagers(), null);
		Socket plain = new Socket();
		plain.connect(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), listener.port()), 10_000);
		SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket(plain, "localhost", listener.port(), true);
		socket.setSoTimeout(20_000);
		return socket;
	}

	private static KeyStore load(Path file) throws Exception {
		KeyStore store = KeyStore.getInstance("PKCS12");
		try (InputStream in = Files.newInputStream(file)) {
			store.load(in, PASSWORD.toCharArray());
		}
		return store;
	}

	/** Two key pairs by keytool, and Caremap's trust store holding the engine's certificate. */
	private static void makeKeys() throws Exception {
		Folders.deleteTree(KEYS);
		Files.createDirectories(KEYS);
		keytool("caremap", "CN=localhost", "SAN=dns:localhost,ip:127.0.0.1");
		keytool("engine", "CN=Riverside interface engine", null);
		Certificate engine = load(KEYS.resolve("engine.p12")).getCertificate("engine");
		KeyStore trusts = KeyStore.getInstance("PKCS12");
		trusts.load(null, null);
		trusts.setCertificateEntry("engine", engine);
		try (OutputStream out = Files.newOutputStream(KEYS.resolve("caremap-trusts.p12"))) {
			trusts.store(out, PASSWORD.toCharArray());
		}
	}

	private static void keytool(String alias, String name, String extension) throws Exception {
		Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
		List<String> command = new java.util.ArrayList<>(List.of(keytool.toString(), "-genkeypair", "-alias", alias,
				"-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2", "-dname", name, "-storetype", "PKCS12",
				"-keystore", KEYS.resolve(alias + ".p12").toString(), "-storepass", PASSWORD, "-keypass", PASSWORD));
		if (extension != null) command.addAll(List.of("-ext", extension));
		Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
		String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) throw new IllegalStateException("keytool failed: " + output);
	}

	private static String adt(String control) {
		return "MSH|^~\\&|EPIC|RIVERSIDE GENERAL|CAREMAP|RCP|20261120103000||ADT^A04|" + control + "|P|2.5.1\r"
				+ "EVN|A04|20261120103000\r"
				+ "PID|1||T-" + control + "^^^ELSEWHERE^MR||SECURE^SAM||19500517|M\r"
				+ "PV1|1|E|ED^1^1^RGH\r";
	}

	private long count(String control) {
		return jdbc.sql("select count(*) from adt_message where control_id like ?").param(control + "%").query(Long.class).single();
	}
}
