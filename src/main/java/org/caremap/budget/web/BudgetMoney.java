package org.caremap.budget.web;

import org.caremap.budget.Money;
import org.springframework.stereotype.Component;

/** Amounts on the budget pages ({@code @budgetMoney.format(cents)}). */
@Component("budgetMoney")
public class BudgetMoney {

	public String format(long cents) {
		return Money.format(cents);
	}
}
