package org.caremap.community;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * Staff's upkeep of the directory. Administrators and supervisors add, correct and verify entries; case managers and
 * the care team (who hear on the phone that a pantry moved) suggest a correction, which an editor applies and closes.
 * Every change is recorded with who and when, field by field.
 */
public interface DirectoryEditor {

	/** A directory list row. */
	record Row(UUID id, String name, String organizationName, @Nullable String city, List<String> needs,
			java.time.@Nullable Instant verifiedAt, boolean stale, boolean active, int openCorrections) {
	}

	/** One page of the list, and how many match in all. */
	record Page(List<Row> rows, long total, int page, int size) {
	}

	/** The directory list (active services unless {@code retired}), by name, with stale ones marked. */
	Page list(@Nullable String name, boolean staleOnly, boolean retired, int page);

	Optional<ServiceDetail> detail(UUID service);

	/** Adds a service (and its organisation, unless one of that name was added by staff before). */
	UUID add(ServiceEntry entry);

	/**
	 * Changes an entry; {@code version} is the one the editor saw (a concurrent change is refused). The summary of
	 * what changed is recorded; an unchanged form records nothing.
	 */
	void update(UUID service, int version, ServiceEntry entry);

	/** Records that someone checked the entry with the organisation now. */
	void verify(UUID service);

	void suggest(UUID service, String text);

	void resolve(UUID service, UUID correction);
}
