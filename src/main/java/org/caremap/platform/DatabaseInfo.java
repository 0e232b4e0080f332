package org.caremap.platform;

import org.jspecify.annotations.Nullable;

/** Where Caremap's data lives, for the startup report and the admin pages (no passwords). */
public record DatabaseInfo(boolean embedded, String url, String appUser, String ownerUser,
		@Nullable String dataDir) {
}
