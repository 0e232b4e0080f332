package org.caremap.patient;

import java.time.Instant;
import java.util.Map;

/**
 * The demographics a change replaced: when, by whom (a person's account or a feed), and the earlier values by field
 * (familyName, givenName, middleName, birthDate, sex, phone, email, addressLine, city, state, postalCode,
 * preferredLanguage), only those the change altered.
 */
public record DemographicsChange(Instant replacedAt, String replacedBy, Map<String, String> previous) {
}
