package org.caremap.medication;

import java.util.UUID;

/** The item a recording stands for, and whether it was new ({@code created}) or already held. */
public record Recorded(UUID id, boolean created) {
}
