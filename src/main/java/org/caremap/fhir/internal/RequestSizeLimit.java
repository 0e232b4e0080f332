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
 * unknown length (chunked) passes it, with 413 and an OperationOutcome. Nothing has been stored by then.
 */
class RequestSizeLimit extends OncePerRequestFilter {

	private final long maxBytes;

	RequestSizeLimit(long maxBytes) {
		this.maxBytes = maxBytes;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (request.getContentLengthLong() > maxBytes) {
			refuse(response);
			return;
		}
		Counted counted = new Counted(request, maxBytes);
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
		private ServletInputStream stream;
		boolean exceeded;

		Counted(HttpServletRequest request, long max) {
			super(request);
			this.max = max;
		}

		@Override
		public ServletInputStream getInputStream() throws IOException {
			if (stream == null) {
				ServletInputStream in = super.getInputStream();
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
						int b = in.read();
						if (b >= 0) count(1);
						return b;
					}

					@Override
					public int read(byte[] b, int off, int len) throws IOException {
						int n = in.read(b, off, len);
						count(n);
						return n;
					}

					@Override
					public boolean isFinished() {
						return in.isFinished();
					}

					@Override
					public boolean isReady() {
						return in.isReady();
					}

					@Override
					public void setReadListener(ReadListener listener) {
						in.setReadListener(listener);
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
