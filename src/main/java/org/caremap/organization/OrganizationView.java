package org.caremap.organization;

import java.time.ZoneId;

import org.caremap.shared.OrganizationId;

/** An organisation and the time zone its business days are counted in. */
public record OrganizationView(OrganizationId id, String name, ZoneId zone) {
}
