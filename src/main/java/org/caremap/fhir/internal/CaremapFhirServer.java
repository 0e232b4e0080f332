package org.caremap.fhir.internal;

import java.util.List;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.RestfulServer;
import ca.uhn.fhir.rest.server.interceptor.CorsInterceptor;

/**
 * The FHIR R4 server: HAPI's plain {@link RestfulServer} with the providers every module supplies. JSON by default,
 * XML on request; the capability statement is generated from the providers, so it lists exactly what is served.
 */
class CaremapFhirServer extends RestfulServer {

	private static final long serialVersionUID = 1L;

	private final transient List<IResourceProvider> providers;
	private final transient List<Object> interceptors;
	private final transient List<Object> systemProviders;

	CaremapFhirServer(List<IResourceProvider> providers, List<Object> systemProviders, List<Object> interceptors) {
		super(FhirContext.forR4Cached());
		this.providers = providers;
		this.systemProviders = systemProviders;
		this.interceptors = interceptors;
	}

	@Override
	protected void initialize() {
		setResourceProviders(providers);
		setPlainProviders(systemProviders);
		setDefaultResponseEncoding(EncodingEnum.JSON);
		setServerName("Caremap");
		setImplementationDescription("Caremap care management FHIR R4 API");
		setDefaultPrettyPrint(false);
		interceptors.forEach(this::registerInterceptor);
		registerInterceptor(new CorsInterceptor());
	}

	private static final char[] REQUEST_ID_LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray();

	/**
	 * The id HAPI gives each request (the {@code X-Request-ID} answer, to match logs with calls): any letters will do,
	 * so a thread's own random numbers, not the secure generator HAPI uses, which every request thread waits for in
	 * turn (issue 24).
	 */
	@Override
	protected String newRequestId(int length) {
		java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
		char[] id = new char[length];
		for (int i = 0; i < length; i++) id[i] = REQUEST_ID_LETTERS[random.nextInt(REQUEST_ID_LETTERS.length)];
		return new String(id);
	}
}
