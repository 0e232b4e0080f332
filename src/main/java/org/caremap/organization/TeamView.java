package org.caremap.organization;

import java.util.List;
import java.util.UUID;

import org.caremap.shared.UserId;
import org.jspecify.annotations.Nullable;

/** A team of staff with its supervisor. */
public record TeamView(UUID id, String name, @Nullable UserId supervisor, List<UserId> members) {
	public TeamView {
		members = List.copyOf(members);
	}
}
