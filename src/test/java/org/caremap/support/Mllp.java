package org.caremap.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** A minimal MLLP client for tests: one frame out, one ACK back, on a real socket. */
public final class Mllp {

	private Mllp() {
	}

	public static String send(int port, String message) throws IOException {
		return send(port, message.getBytes(StandardCharsets.UTF_8));
	}

	public static String send(int port, byte[] message) throws IOException {
		try (Socket socket = new Socket("localhost", port)) {
			socket.setSoTimeout(20_000);
			OutputStream out = socket.getOutputStream();
			out.write(0x0B);
			out.write(message);
			out.write(0x1C);
			out.write(0x0D);
			out.flush();
			InputStream in = socket.getInputStream();
			if (in.read() != 0x0B) throw new IOException("the answer does not start an MLLP frame");
			ByteArrayOutputStream ack = new ByteArrayOutputStream();
			int b;
			while ((b = in.read()) != 0x1C) {
				if (b < 0) throw new IOException("the connection closed inside the answer");
				ack.write(b);
			}
			if (in.read() != 0x0D) throw new IOException("the answer's frame does not end with CR");
			return ack.toString(StandardCharsets.UTF_8);
		}
	}

	/** A connection kept open for many messages, one after another, as a hospital interface engine does. */
	public static final class Connection implements AutoCloseable {
		private final Socket socket;
		private final OutputStream out;
		private final InputStream in;

		public Connection(int port) throws IOException {
			socket = new Socket("localhost", port);
			socket.setSoTimeout(30_000);
			socket.setTcpNoDelay(true);
			out = new java.io.BufferedOutputStream(socket.getOutputStream());
			in = new java.io.BufferedInputStream(socket.getInputStream());
		}

		public String send(byte[] message) throws IOException {
			out.write(0x0B);
			out.write(message);
			out.write(0x1C);
			out.write(0x0D);
			out.flush();
			if (in.read() != 0x0B) throw new IOException("the answer does not start an MLLP frame");
			ByteArrayOutputStream ack = new ByteArrayOutputStream(256);
			int b;
			while ((b = in.read()) != 0x1C) {
				if (b < 0) throw new IOException("the connection closed inside the answer");
				ack.write(b);
			}
			if (in.read() != 0x0D) throw new IOException("the answer's frame does not end with CR");
			return ack.toString(StandardCharsets.UTF_8);
		}

		@Override
		public void close() throws IOException {
			socket.close();
		}
	}

	/**
	 * A connection to the listener from a given local address. On Linux every 127.x.y.z is this machine, so binding
	 * to 127.0.0.2, 127.0.0.3 ... makes each connection come from another sender.
	 */
	public static Socket connect(String from, int port) throws IOException {
		Socket socket = new Socket();
		socket.bind(new InetSocketAddress(from, 0));
		socket.connect(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port), 10_000);
		socket.setSoTimeout(20_000);
		socket.setTcpNoDelay(true);
		return socket;
	}

	/** Writes one frame: 0x0B, the message, 0x1C 0x0D. */
	public static void write(OutputStream out, byte[] message) throws IOException {
		ByteArrayOutputStream frame = new ByteArrayOutputStream(message.length + 3);
		frame.write(0x0B);
		frame.write(message);
		frame.write(0x1C);
		frame.write(0x0D);
		out.write(frame.toByteArray());
		out.flush();
	}

	/** Reads one answer frame; an IOException when the connection ends first. */
	public static String read(InputStream in) throws IOException {
		int first = in.read();
		if (first < 0) throw new java.io.EOFException("the connection ended without an answer");
		if (first != 0x0B) throw new IOException("the answer does not start an MLLP frame");
		ByteArrayOutputStream ack = new ByteArrayOutputStream(256);
		int b;
		while ((b = in.read()) != 0x1C) {
			if (b < 0) throw new IOException("the connection closed inside the answer");
			ack.write(b);
		}
		if (in.read() != 0x0D) throw new IOException("the answer's frame does not end with CR");
		return ack.toString(StandardCharsets.UTF_8);
	}

	/** Sends one message on an open socket and reads its answer. */
	public static String send(Socket socket, String message) throws IOException {
		write(socket.getOutputStream(), message.getBytes(StandardCharsets.UTF_8));
		return read(socket.getInputStream());
	}

	/**
	 * Waits (up to the socket's read timeout) for the other side to close the connection without answering: true
	 * when it did, false when it was still open at the timeout. Fails if an answer comes instead.
	 */
	public static boolean closedWithoutAnswer(Socket socket) throws IOException {
		try {
			int b = socket.getInputStream().read();
			if (b >= 0) throw new AssertionError("the listener answered (first byte 0x" + Integer.toHexString(b) + ")");
			return true;
		}
		catch (java.net.SocketTimeoutException stillOpen) {
			return false;
		}
		catch (java.net.SocketException reset) {
			return true; // closed with our bytes unread: a reset
		}
	}

	/** MSA-1 of an ACK. */
	public static String code(String ack) {
		return ack.split("\r")[1].split("\\|")[1];
	}
}
