package org.caremap.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
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

	/** MSA-1 of an ACK. */
	public static String code(String ack) {
		return ack.split("\r")[1].split("\\|")[1];
	}
}
