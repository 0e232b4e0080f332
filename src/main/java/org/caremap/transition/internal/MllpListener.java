package org.caremap.transition.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.caremap.transition.AdtInbox;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The MLLP listener: frames are {@code 0x0B message 0x1C 0x0D}; each message is answered, on the same connection
 * and in order, with its ACK once the inbox has committed it. Connections beyond the limit are refused at once
 * (the sender retries); a silent connection is closed after the idle timeout.
 */
@Component
class MllpListener implements SmartLifecycle {

	static final int START = 0x0B;
	static final int END = 0x1C;
	static final int CR = 0x0D;

	private static final Logger log = LoggerFactory.getLogger(MllpListener.class);

	private final AdtInbox inbox;
	private final AdtProperties properties;
	private final Set<Socket> open = ConcurrentHashMap.newKeySet();
	private volatile @Nullable ServerSocket server;
	private volatile @Nullable ExecutorService workers;
	private volatile boolean running;

	MllpListener(AdtInbox inbox, AdtProperties properties) {
		this.inbox = inbox;
		this.properties = properties;
	}

	/** The port actually listened on (useful when configured as 0), or -1 when off. */
	int port() {
		ServerSocket s = server;
		return s == null ? -1 : s.getLocalPort();
	}

	@Override
	public void start() {
		if (properties.port() < 0) {
			running = true;
			return;
		}
		try {
			ServerSocket s = new ServerSocket();
			s.setReuseAddress(true);
			s.bind(new InetSocketAddress(properties.port()), 200);
			server = s;
		}
		catch (IOException ex) {
			throw new IllegalStateException("cannot listen for HL7 (MLLP) on port " + properties.port() + ": " + ex.getMessage(), ex);
		}
		workers = new ThreadPoolExecutor(0, properties.connections(), 60, TimeUnit.SECONDS, new SynchronousQueue<>(), r -> {
			Thread t = new Thread(r, "mllp-connection");
			t.setDaemon(true);
			return t;
		});
		Thread acceptor = new Thread(this::accept, "mllp-accept");
		acceptor.setDaemon(true);
		running = true;
		acceptor.start();
		log.info("Listening for HL7 ADT over MLLP on port {}", port());
	}

	private void accept() {
		ServerSocket s = server;
		while (running && s != null && !s.isClosed()) {
			Socket socket;
			try {
				socket = s.accept();
			}
			catch (IOException ex) {
				if (running) log.warn("MLLP accept failed: {}", ex.getMessage());
				continue;
			}
			try {
				java.util.Objects.requireNonNull(workers).execute(() -> serve(socket));
			}
			catch (RejectedExecutionException full) {
				log.warn("MLLP connection from {} refused: {} connections already open", socket.getRemoteSocketAddress(),
						properties.connections());
				close(socket);
			}
		}
	}

	private void serve(Socket socket) {
		open.add(socket);
		try (socket; InputStream in = socket.getInputStream(); OutputStream out = socket.getOutputStream()) {
			socket.setSoTimeout((int) properties.idle().toMillis());
			socket.setTcpNoDelay(true);
			while (running) {
				byte[] message = read(in);
				if (message == null) return;
				AdtInbox.Ack ack = inbox.receive(message, AdtInbox.Channel.MLLP);
				out.write(START);
				out.write(ack.message().getBytes(StandardCharsets.UTF_8));
				out.write(END);
				out.write(CR);
				out.flush();
			}
		}
		catch (SocketTimeoutException idle) {
			log.debug("MLLP connection idle, closed");
		}
		catch (SocketException closed) {
			log.debug("MLLP connection closed: {}", closed.getMessage());
		}
		catch (IOException ex) {
			log.warn("MLLP connection failed: {}", ex.getMessage());
		}
		finally {
			open.remove(socket);
		}
	}

	/** One framed message, or null at the end of the stream. Bytes outside a frame are skipped. */
	private byte @Nullable [] read(InputStream in) throws IOException {
		int b;
		do {
			b = in.read();
			if (b < 0) return null;
		}
		while (b != START);
		ByteArrayOutputStream message = new ByteArrayOutputStream(2048);
		while (true) {
			b = in.read();
			if (b < 0) return null;
			if (b == END) {
				int next = in.read();
				if (next == CR || next < 0) return message.toByteArray();
				message.write(b);
				message.write(next);
			}
			else if (b == START) {
				message.reset(); // a new frame began before the old one ended: the old one was broken
			}
			else {
				message.write(b);
			}
			if (message.size() > properties.maxBytes()) {
				throw new IOException("message larger than " + properties.maxBytes() + " bytes");
			}
		}
	}

	@Override
	public void stop() {
		running = false;
		ServerSocket s = server;
		server = null;
		if (s != null) {
			try {
				s.close();
			}
			catch (IOException ignored) {
				// closing anyway
			}
		}
		open.forEach(MllpListener::close);
		ExecutorService w = workers;
		if (w != null) w.shutdownNow();
	}

	private static void close(Socket socket) {
		try {
			socket.close();
		}
		catch (IOException ignored) {
			// already gone
		}
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
