package org.caremap.platform;

import java.util.List;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/** Web settings that hold for every request, before any other filter sees it. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
class WebConfiguration {

	@Bean
	FilterRegistrationBean<TrustedProxies> trustedProxies(@Value("${caremap.http.trusted-proxies:}") List<String> proxies) {
		FilterRegistrationBean<TrustedProxies> registration = new FilterRegistrationBean<>(new TrustedProxies(proxies));
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
		registration.setName("trustedProxies");
		return registration;
	}

	/** Each page's server time, in a header and in the log (see {@link ServerTiming}). */
	@Bean
	FilterRegistrationBean<ServerTiming> serverTiming(@Value("${caremap.http.slow-page-millis:500}") long slowMillis) {
		FilterRegistrationBean<ServerTiming> registration = new FilterRegistrationBean<>(new ServerTiming(slowMillis));
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
		registration.setName("serverTiming");
		return registration;
	}

	/** Form fields and parameters no page takes are refused before any controller (see {@link TextParameters}). */
	@Bean
	FilterRegistrationBean<TextParameters> textParameters(org.springframework.context.MessageSource messages,
			org.springframework.beans.factory.ObjectProvider<PreferredLocale> preferences) {
		FilterRegistrationBean<TextParameters> registration = new FilterRegistrationBean<>(
				new TextParameters(messages, new Languages(preferences)));
		// after the session's filter (Spring Session, HIGHEST_PRECEDENCE + 50), so the refusal follows the signed-in reader's language
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 51);
		registration.setName("textParameters");
		return registration;
	}

	/**
	 * {@code /error} is where the server renders errors; asked for directly it is a page that does not exist (404),
	 * not an error without a status (which the error page would report as a 500).
	 */
	@Bean
	FilterRegistrationBean<jakarta.servlet.Filter> errorPageAskedDirectly() {
		FilterRegistrationBean<jakarta.servlet.Filter> registration = new FilterRegistrationBean<>(
				(request, response, chain) -> ((jakarta.servlet.http.HttpServletResponse) response).sendError(404));
		registration.addUrlPatterns("/error", "/error/*");
		registration.setDispatcherTypes(jakarta.servlet.DispatcherType.REQUEST);
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 2);
		registration.setName("errorPageAskedDirectly");
		return registration;
	}

	/** One transaction per reading request, after Spring Security (see {@link ReadRequestTransaction}). */
	@Bean
	@org.springframework.boot.autoconfigure.condition.ConditionalOnProperty(name = "caremap.http.read-transaction",
			havingValue = "true", matchIfMissing = true)
	FilterRegistrationBean<ReadRequestTransaction> readRequestTransaction(
			org.springframework.transaction.PlatformTransactionManager transactions) {
		FilterRegistrationBean<ReadRequestTransaction> registration = new FilterRegistrationBean<>(
				new ReadRequestTransaction(transactions));
		// Spring Security's filters run at -100
		registration.setOrder(0);
		registration.setName("readRequestTransaction");
		return registration;
	}

	/** One locale resolver for every page (see {@link Languages}); {@code ?uilang=es} on any page switches language. */
	@Bean(name = "localeResolver")
	Languages localeResolver(org.springframework.beans.factory.ObjectProvider<PreferredLocale> preferences) {
		return new Languages(preferences);
	}

	@Bean
	org.springframework.web.servlet.config.annotation.WebMvcConfigurer languageSwitch() {
		return new org.springframework.web.servlet.config.annotation.WebMvcConfigurer() {
			@Override
			public void addInterceptors(org.springframework.web.servlet.config.annotation.InterceptorRegistry registry) {
				org.springframework.web.servlet.i18n.LocaleChangeInterceptor change = new org.springframework.web.servlet.i18n.LocaleChangeInterceptor();
				change.setParamName(Languages.SWITCH_PARAMETER);
				change.setIgnoreInvalidLocale(true);
				registry.addInterceptor(change);
			}
		};
	}
}
