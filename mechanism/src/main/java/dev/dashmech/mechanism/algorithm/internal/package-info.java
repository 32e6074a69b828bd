/**
 * Internals of the allocation algorithms: argument checks shared by the hot paths and the construction of
 * counterfactual curves. Not public API; may change without notice.
 */
package dev.dashmech.mechanism.algorithm.internal;
