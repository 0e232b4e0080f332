package org.caremap.notification.internal;

import org.caremap.notification.SmsSender;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The default {@link SmsSender}: writes to the log that a message went out (the number's last digits and the
 * message's length, not its text). Nothing is sent; a real gateway replaces this bean.
 */
@Component
class LogSmsSender implements SmsSender {

	private static final Logger log = LoggerFactory.getLogger(LogSmsSender.class);

	@Override
	public void send(String phone, String text) {
		String digits = phone.replaceAll("[^0-9]", "");
		String end = digits.length() <= 4 ? digits : digits.substring(digits.length() - 4);
		log.info("SMS (log only) to a number ending {}: {} characters", end, text.length());
	}
}
