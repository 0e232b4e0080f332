package org.caremap.notification;

/**
 * Sends a text message to a phone number: the adapter a deployment replaces with its SMS gateway. The default only
 * writes to the log (no message leaves Caremap).
 */
public interface SmsSender {

	void send(String phone, String text);
}
