package org.caremap.fhir.internal;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses a request body larger than the limit: at once when its declared length says so, or as soon as a body of
 * unknown length (chunked) passes it, with 413 and an OperationOutcome. Nothing has been stored by then. A body sent
 * compressed ({@code Content-Encoding: gzip}) is inflated here and its inflated bytes are counted, so a small
 * compressed body cannot become gigabytes behind the limit; other encodings are refused (415).
 */
class RequestSizeLimit extends OncePerRequestFilter {

	private final long maxBytes;

	RequestSizeLimit(long maxBytes) {
		this.maxBytes = maxBytes;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String encoding = request.getHeader("Content-Encoding");
		boolean gzip = encoding != null && encoding.trim().equalsIgnoreCase("gzip");
		if (encoding != null && !encoding.isBlank() && !gzip && !encoding.trim().equalsIgnoreCase("identity")) {
			response.setStatus(415);
			FhirConfiguration.outcome(response, "not-supported", "Content-Encoding " + encoding
					+ " is not taken: send the body as it is, or compressed with gzip.");
			return;
		}
		if (request.getContentLengthLong() > maxBytes) {
			refuse(response);
			return;
		}
		Counted counted = new Counted(request, maxBytes, gzip);
		try {
			chain.doFilter(counted, response);
		}
		catch (ServletException | IOException | RuntimeException ex) {
			if (!counted.exceeded || response.isCommitted()) throw ex;
			response.reset();
			refuse(response);
		}
	}

	private void refuse(HttpServletResponse response) throws IOException {
		response.setStatus(413);
		FhirConfiguration.outcome(response, "too-costly", "The request body is larger than " + maxBytes
				+ " bytes, the most Caremap takes in one request. Split it, or import files with the fhir-import command.");
	}

	/** The request with its body counted as it is read. */
	private static final class Counted extends HttpServletRequestWrapper {

		private final long max;
		private final boolean gzip;
		private ServletInputStream stream;
		boolean exceeded;

		Counted(HttpServletRequest request, long max, boolean gzip) {
			super(request);
			this.max = max;
			this.gzip = gzip;
		}

		// the body is handed on inflated: whoever reads it sees plain bytes, counted as they come
		@Override
		public String getHeader(String name) {
			if (gzip && ("content-encoding".equalsIgnoreCase(name) || "content-length".equalsIgnoreCase(name))) return null;
			return super.getHeader(name);
		}

		@Override
		public java.util.Enumeration<String> getHeaders(String name) {
			if (gzip && ("content-encoding".equalsIgnoreCase(name) || "content-length".equalsIgnoreCase(name))) {
				return java.util.Collections.emptyEnumeration();
			}
			return super.getHeaders(name);
		}

		@Override
		public int getContentLength() {
			return gzip ? -1 : super.getContentLength();
		}

		@Override
		public long getContentLengthLong() {
			return gzip ? -1 : super.getContentLengthLong();
		}

		@Override
		public ServletInputStream getInputStream() throws IOException {
			if (stream == null) {
				ServletInputStream raw = super.getInputStream();
				java.io.InputStream in;
				try {
					in = gzip ? new java.util.zip.GZIPInputStream(raw, 8192) : raw;
				}
				catch (java.util.zip.ZipException | java.io.EOFException notGzip) {
					throw new ca.uhn.fhir.rest.server.exceptions.InvalidRequestException("The body says it is gzip but is not.");
				}
				stream = new ServletInputStream() {
					private long read;

					private void count(long n) throws IOException {
						if (n > 0) read += n;
						if (read > max) {
							exceeded = true;
							throw new ca.uhn.fhir.rest.server.exceptions.PayloadTooLargeException("The request body is larger than "
									+ max + " bytes, the most Caremap takes in one request.");
						}
					}

					@Override
					public int read() throws IOException {
						int b;
						try {
							b = in.read();
						}
						catch (java.util.zip.ZipException | java.io.EOFException broken) {
							throw new ca.uhn.fhir.rest.server.exceptions.InvalidRequestException("The compressed body is broken.");
						}
						if (b >= 0) count(1);
						return b;
					}

					@Override
					public int read(byte[] b, int off, int len) throws IOException {
						int n;
						try {
							n = in.read(b, off, len);
						}
						catch (java.util.zip.ZipException | java.io.EOFException broken) {
							throw new ca.uhn.fhir.rest.server.exceptions.InvalidRequestException("The compressed body is broken.");
						}
						count(n);
						return n;
					}

					@Override
					public boolean isFinished() {
						return raw.isFinished();
					}

					@Override
					public boolean isReady() {
						return raw.isReady();
					}

					@Override
					public void setReadListener(ReadListener listener) {
						raw.setReadListener(listener);
					}
				};
			}
			return stream;
		}

		@Override
		public java.io.BufferedReader getReader() throws IOException {
			String encoding = getCharacterEncoding() == null ? "UTF-8" : getCharacterEncoding();
			return new java.io.BufferedReader(new java.io.InputStreamReader(getInputStream(), encoding));
		}
	}
}
