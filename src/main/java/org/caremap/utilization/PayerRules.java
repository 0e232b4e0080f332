package org.caremap.utilization;

import java.util.List;

/** The payer rules: every one to read (no patient data); changing them is the administrator's. */
public interface PayerRules {

	List<PayerRule> all();

	/** The rule of this payer (by name, whatever its case), else the rule for any other payer. */
	PayerRule of(String payer);

	/** Adds or replaces the rule of a payer. */
	void save(PayerRule rule);
}
