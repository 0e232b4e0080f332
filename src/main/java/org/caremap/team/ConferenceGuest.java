package org.caremap.team;

import org.jspecify.annotations.Nullable;

/** Someone outside Caremap at a conference, by name and role as typed ("Dr. Anita Shah", "Primary care physician"). */
public record ConferenceGuest(String name, @Nullable String role) {
}
