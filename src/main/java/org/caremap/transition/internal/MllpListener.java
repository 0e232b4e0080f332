package org.caremap.transition.internal;

import org.caremap.shared.AddressRange;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;

import org.caremap.audit.AuditEntry;
import org.caremap.audit.AuditOutcome;
import org.caremap.audit.AuditTrail;
import org.caremap.transition.AdtInbox;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.ssl.SslOptions;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The MLLP listener: frames are {@code 0x0B message 0x1C 0x0D}; each message is answered, on the same connection
 * and in order, with its ACK once the inbox has committed it.
 * <p>
 * Who gets in: when {@code allowed-senders} is set, only those addresses (the others are closed at once, logged and
 * audited); at most {@code max-connections-per-sender} connections from one address; at most
 * {@code max-connections} in all, a newcomer taking the place of an idle connection when all are taken (see
 * {@link MllpConnections}). How long a connection may take: {@code idle-timeout} of silence between messages;
 * {@code frame-timeout} for one message from its start byte to its end, for the TLS handshake, and for the writing
 * of an ACK. A watchdog closes what overstays, so half-sent frames and unread ACKs cannot hold a place for long.
 * With an SSL bundle the port speaks TLS only; the handshake runs on the connection's own thread, never on the one
 * that accepts. Repeated warnings about one address are written once a minute, with how many were left out.
 */
@Component
class MllpListener implements SmartLifecycle {

	static final int START = 0x0B;
	static final int END = 0x1C;
	static final int CR = 0x0D;

	private static final Logger log = LoggerFactory.getLogger(MllpListener.class);

	/** The SSL context of the bundle (rebuilt when the bundle is reloaded) and its protocol and cipher options. */
	private record Tls(SSLContext context, SslOptions options) {
		static Tls of(SslBundle bundle) {
			return new Tls(bundle.createSslContext(), bundle.getOptions());
		}
	}

	private final AdtInbox inbox;
	private final AdtProperties properties;
	private final SslBundles sslBundles;
	private final AuditTrail audit;
	private final List<AddressRange> allowed;
	private final MllpConnections connections;
	private final Throttle throttle = new Throttle(Duration.ofMinutes(1));
	private volatile @Nullable Tls tls;
	private volatile @Nullable ServerSocket server;
	private volatile @Nullable ExecutorService workers;
	private volatile @Nullable ScheduledExecutorService watchdog;
	private volatile @Nullable ExecutorService auditor;
	private volatile boolean running;

	MllpListener(AdtInbox inbox, AdtProperties properties, SslBundles sslBundles, AuditTrail audit) {
		this.inbox = inbox;
		this.properties = properties;
		this.sslBundles = sslBundles;
		this.audit = audit;
		this.allowed = properties.senders();
		// a half-sent frame older than a tenth of the frame timeout (at most 2 s) may give its place to a newcomer
		this.connections = new MllpConnections(properties.connections(), properties.connectionsPerSender(),
				java.time.Duration.ofMillis(Math.min(2_000, Math.max(100, properties.frame().toMillis() / 10))));
	}

	/** The port actually listened on (useful when configured as 0), or -1 when off. */
	int port() {
		ServerSocket s = server;
		return s == null ? -1 : s.getLocalPort();
	}

	/** How many connections are being served now. */
	int connections() {
		return connections.size();
	}

	@Override
	public void start() {
		if (properties.port() < 0) {
			running = true;
			return;
		}
		tls = loadTls();
		ServerSocket s;
		try {
			s = new ServerSocket();
			s.setReuseAddress(true);
			s.bind(new InetSocketAddress(properties.port()), 200);
		}
		catch (IOException ex) {
			throw new IllegalStateException("cannot listen for HL7 (MLLP) on port " + properties.port() + ": " + ex.getMessage(), ex);
		}
		server = s;
		workers = Executors.newCachedThreadPool(threads("mllp-connection"));
		ScheduledExecutorService w = Executors.newSingleThreadScheduledExecutor(threads("mllp-watchdog"));
		long tick = Math.max(50, Math.min(1000, Math.min(properties.frame().toMillis(), properties.idle().toMillis()) / 4));
		w.scheduleWithFixedDelay(this::closeOverdue, tick, tick, TimeUnit.MILLISECONDS);
		watchdog = w;
		auditor = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(100), threads("mllp-audit"),
				new ThreadPoolExecutor.DiscardPolicy());
		running = true;
		threads("mllp-accept").newThread(() -> accept(s)).start();
		log.info("Listening for HL7 ADT over MLLP{} on port {}: {} connections at most, {} from one sender, senders allowed: {}",
				tls == null ? "" : " over TLS (SSL bundle " + properties.sslBundle() + ", client certificate "
						+ properties.clientAuth().name().toLowerCase(java.util.Locale.ROOT) + ")",
				port(), properties.connections(), properties.connectionsPerSender(), allowed.isEmpty() ? "any" : allowed);
	}

	private @Nullable Tls loadTls() {
		String name = properties.sslBundle();
		if (name == null || name.isBlank()) return null;
		Tls current = Tls.of(sslBundles.getBundle(name)); // a bundle that does not exist stops the start
		sslBundles.addBundleUpdateHandler(name, updated -> {
			tls = Tls.of(updated);
			log.info("MLLP over TLS: SSL bundle {} reloaded; new connections use it", name);
		});
		return current;
	}

	private void accept(ServerSocket s) {
		while (running && !s.isClosed()) {
			Socket socket;
			try {
				socket = s.accept();
			}
			catch (IOException ex) {
				if (running && !s.isClosed()) log.warn("MLLP accept failed: {}", ex.getMessage());
				continue;
			}
			try {
				admit(socket);
			}
			catch (RuntimeException ex) {
				log.error("MLLP connection from {} could not be taken", socket.getInetAddress(), ex);
				close(socket);
			}
		}
	}

	/** Decides, on the accepting thread and without reading anything, whether the connection is served. */
	private void admit(Socket socket) {
		InetAddress sender = socket.getInetAddress();
		long now = System.nanoTime();
		if (!allowed.isEmpty() && allowed.stream().noneMatch(range -> range.contains(sender))) {
			close(socket);
			refused(sender, now);
			return;
		}
		MllpConnection connection = new MllpConnection(socket, sender, now, tls != null);
		MllpConnections.Admission admission = connections.admit(connection);
		if (!admission.admitted()) {
			close(socket);
			long quiet = throttle.pass("refused " + sender.getHostAddress(), now);
			if (quiet >= 0) log.warn("MLLP connection from {} closed at once: {}{}", sender.getHostAddress(), admission.refusal(), more(quiet));
			return;
		}
		MllpConnection replaced = admission.replaced();
		if (replaced != null) {
			long quiet = throttle.pass("full", now);
			if (quiet >= 0) {
				log.warn("MLLP listener full ({} connections): closed the connection from {}, idle {} s, to make room for {}{}",
						properties.connections(), replaced.sender().getHostAddress(),
						TimeUnit.NANOSECONDS.toSeconds(now - replaced.since()), sender.getHostAddress(), more(quiet));
			}
		}
		try {
			Objects.requireNonNull(workers).execute(() -> serve(connection));
		}
		catch (RejectedExecutionException stopping) {
			connections.remove(connection);
			connection.close();
		}
	}

	/** A sender not on the allow-list: logged and audited (once a minute per address, with the count in between). */
	private void refused(InetAddress sender, long now) {
		long quiet = throttle.pass("not allowed " + sender.getHostAddress(), now);
		if (quiet < 0) return;
		String detail = "MLLP connection from " + sender.getHostAddress() + " closed: not an allowed sender (caremap.adt.allowed-senders)"
				+ more(quiet);
		log.warn(detail);
		ExecutorService a = auditor;
		if (a == null) return;
		a.execute(() -> {
			try {
				audit.record("adt-feed", new AuditEntry("CONNECT", "MllpConnection", sender.getHostAddress(), null,
						AuditOutcome.DENIED, detail));
			}
			catch (RuntimeException ex) {
				log.warn("The refused MLLP connection from {} could not be audited: {}", sender.getHostAddress(), ex.getMessage());
			}
		});
	}

	private static String more(long quiet) {
		return quiet > 0 ? " (and " + quiet + " more like it in the last minute)" : "";
	}

	private void serve(MllpConnection connection) {
		String sender = connection.sender().getHostAddress();
		try {
			Socket socket = connection.socket();
			socket.setTcpNoDelay(true);
			socket.setKeepAlive(true);
			Tls t = tls;
			Socket stream = socket;
			if (connection.state() == MllpConnection.State.OPENING) {
				stream = handshake(socket, java.util.Objects.requireNonNull(t));
				connection.enter(MllpConnection.State.IDLE, System.nanoTime());
			}
			InputStream in = new BufferedInputStream(stream.getInputStream());
			OutputStream out = stream.getOutputStream();
			while (running) {
				byte[] message = nextFrame(in, connection);
				if (message == null) return;
				connection.enter(MllpConnection.State.PROCESSING, System.nanoTime());
				byte[] ack = frame(answer(message));
				connection.enter(MllpConnection.State.ANSWERING, System.nanoTime());
				out.write(ack);
				out.flush();
				connection.enter(MllpConnection.State.IDLE, System.nanoTime());
			}
		}
		catch (SSLException ex) {
			if (connection.closed()) return; // the watchdog said why
			long quiet = throttle.pass("tls " + sender, System.nanoTime());
			if (quiet >= 0) log.warn("MLLP over TLS with {} failed: {}{}", sender, ex.getMessage(), more(quiet));
		}
		catch (SocketException closed) {
			log.debug("MLLP connection from {} closed: {}", sender, closed.getMessage());
		}
		catch (IOException ex) {
			if (!connection.closed()) log.warn("MLLP connection from {} failed: {}", sender, ex.getMessage());
		}
		catch (RuntimeException ex) {
			log.error("MLLP connection from {} failed", sender, ex);
		}
		finally {
			connections.remove(connection); // first, so a sender that sees the connection end may open another
			connection.close();
		}
	}

	private SSLSocket handshake(Socket socket, Tls t) throws IOException {
		SSLSocket s = (SSLSocket) t.context().getSocketFactory().createSocket(socket, socket.getInetAddress().getHostAddress(),
				socket.getPort(), true);
		s.setUseClientMode(false);
		switch (properties.clientAuth()) {
			case NEED -> s.setNeedClientAuth(true);
			case WANT -> s.setWantClientAuth(true);
			case NONE -> s.setWantClientAuth(false);
		}
		if (t.options().getEnabledProtocols() != null) s.setEnabledProtocols(t.options().getEnabledProtocols());
		if (t.options().getCiphers() != null) s.setEnabledCipherSuites(t.options().getCiphers());
		s.startHandshake();
		return s;
	}

	/** The inbox's answer; an unexpected failure is logged and answered AR, so the sender keeps the message. */
	private AdtInbox.Ack answer(byte[] message) {
		try {
			return inbox.receive(message, AdtInbox.Channel.MLLP);
		}
		catch (RuntimeException ex) {
			log.error("ADT message over MLLP could not be taken", ex);
			String reason = "cannot take the message now; send it again";
			return new AdtInbox.Ack("AR",
					Acks.ack(AdtParser.header(AdtParser.normalise(message)), "AR", Acks.Error.INTERNAL, reason), reason);
		}
	}

	private static byte[] frame(AdtInbox.Ack ack) {
		byte[] text = ack.message().getBytes(StandardCharsets.UTF_8);
		ByteArrayOutputStream out = new ByteArrayOutputStream(text.length + 3);
		out.write(START);
		out.write(text, 0, text.length);
		out.write(END);
		out.write(CR);
		return out.toByteArray();
	}

	/**
	 * One framed message, or null at the end of the stream. Bytes outside a frame are skipped (and do not count as
	 * activity). Of a frame longer than the largest message, one byte more than the limit is kept and the rest read
	 * and dropped, so that the inbox can answer it (AE) instead of the connection simply ending.
	 */
	private byte @Nullable [] nextFrame(InputStream in, MllpConnection connection) throws IOException {
		int b;
		do {
			b = in.read();
			if (b < 0) return null;
		}
		while (b != START);
		connection.enter(MllpConnection.State.IN_FRAME, System.nanoTime());
		int keep = properties.maxBytes() + 1;
		ByteArrayOutputStream message = new ByteArrayOutputStream(2048);
		boolean end = false;
		while (true) {
			b = in.read();
			if (b < 0) return end ? message.toByteArray() : null;
			if (end && b == CR) return message.toByteArray();
			if (end && message.size() < keep) message.write(END);
			end = b == END;
			if (b == START) {
				message.reset(); // a new frame began before the old one ended: the old one was broken
			}
			else if (!end && message.size() < keep) {
				message.write(b);
			}
		}
	}

	private void closeOverdue() {
		try {
			long now = System.nanoTime();
			for (MllpConnection c : connections.all()) {
				MllpConnection.Overdue overdue = c.closeIfOverdue(now, properties.idle().toNanos(), properties.frame().toNanos());
				if (overdue == null) continue;
				connections.remove(c);
				String sender = c.sender().getHostAddress();
				if (overdue == MllpConnection.Overdue.IDLE) {
					log.debug("MLLP connection from {} closed: {}", sender, overdue.reason);
				}
				else {
					long quiet = throttle.pass("overdue " + sender, now);
					if (quiet >= 0) log.warn("MLLP connection from {} closed: {}{}", sender, overdue.reason, more(quiet));
				}
			}
		}
		catch (RuntimeException ex) {
			log.error("MLLP watchdog failed", ex);
		}
	}

	@Override
	public void stop() {
		running = false;
		ServerSocket s = server;
		server = null;
		if (s != null) close(s);
		connections.all().forEach(c -> {
			connections.remove(c);
			c.close();
		});
		for (ExecutorService e : new ExecutorService[] { workers, watchdog, auditor }) {
			if (e != null) e.shutdownNow();
		}
	}

	private static void close(java.io.Closeable socket) {
		try {
			socket.close();
		}
		catch (IOException ignored) {
			// already gone
		}
	}

	/** Daemon threads; anything thrown past the listener's own handling is logged, not lost on standard error. */
	private static ThreadFactory threads(String name) {
		return r -> {
			Thread t = new Thread(r, name);
			t.setDaemon(true);
			t.setUncaughtExceptionHandler((thread, ex) -> log.error("Uncaught in {}", thread.getName(), ex));
			return t;
		};
	}

	@Override
	public boolean isRunning() {
		return running;
	}

	@Override
	public int getPhase() {
		// after the database and the scheduler, before the web server stops taking requests
		return Integer.MAX_VALUE - 2000;
	}
}
