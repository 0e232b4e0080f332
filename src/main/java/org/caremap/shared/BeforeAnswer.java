package org.caremap.shared;

import java.io.IOException;
import java.io.PrintWriter;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

/**
 * A response that runs something just before its answer starts: when the body is asked for (writer or stream), on a
 * redirect, an error or a flush; before any byte of the answer can leave. What it runs may run more than once (it
 * must do its work once itself); the filter that wraps runs it again when the request ends, for answers without a
 * body.
 */
public class BeforeAnswer extends HttpServletResponseWrapper {

	private final Runnable starting;

	public BeforeAnswer(HttpServletResponse response, Runnable starting) {
		super(response);
		this.starting = starting;
	}

	@Override
	public ServletOutputStream getOutputStream() throws IOException {
		starting.run();
		return super.getOutputStream();
	}

	@Override
	public PrintWriter getWriter() throws IOException {
		starting.run();
		return super.getWriter();
	}

	@Override
	public void flushBuffer() throws IOException {
		starting.run();
		super.flushBuffer();
	}

	@Override
	public void sendError(int sc) throws IOException {
		starting.run();
		super.sendError(sc);
	}

	@Override
	public void sendError(int sc, String msg) throws IOException {
		starting.run();
		super.sendError(sc, msg);
	}

	@Override
	public void sendRedirect(String location) throws IOException {
		starting.run();
		super.sendRedirect(location);
	}

	@Override
	public void sendRedirect(String location, int sc) throws IOException {
		starting.run();
		super.sendRedirect(location, sc);
	}

	@Override
	public void sendRedirect(String location, boolean clearBuffer) throws IOException {
		starting.run();
		super.sendRedirect(location, clearBuffer);
	}

	@Override
	public void sendRedirect(String location, int sc, boolean clearBuffer) throws IOException {
		starting.run();
		super.sendRedirect(location, sc, clearBuffer);
	}
}
