package org.caremap.identity.internal;

import java.util.Map;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Password hashing (Argon2id; BCrypt hashes still verify) and method-level authorization, which hold with or
 * without the web server (jobs and commands go through the same checks).
 */
@Configuration(proxyBeanMethods = false)
@EnableMethodSecurity
class PasswordConfiguration {

	@Bean
	PasswordEncoder passwordEncoder() {
		return new DelegatingPasswordEncoder("argon2",
				Map.of("argon2", Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8(), "bcrypt",
						new BCryptPasswordEncoder()));
	}
}
