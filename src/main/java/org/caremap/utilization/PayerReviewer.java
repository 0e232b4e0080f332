package org.caremap.utilization;

import org.caremap.shared.UserId;

/** A supervisor's setting: the stays of this payer go to this reviewer (the rest to the least loaded reviewer). */
public record PayerReviewer(String payer, UserId reviewer) {
}
