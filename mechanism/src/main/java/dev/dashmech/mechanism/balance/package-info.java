/**
 * The outstanding balance (Sections 6-8): the ledger rule {@code L += truthful − paid}
 * ({@link dev.dashmech.mechanism.balance.OutstandingBalance}), the truthful amounts of Def. 11 and 12
 * ({@link dev.dashmech.mechanism.balance.TruthfulPayment}; Def. 18 uses the implicit payment), and the
 * paper's bounds and the incentive inconsistency ({@link dev.dashmech.mechanism.balance.BalanceBounds}).
 */
package dev.dashmech.mechanism.balance;
