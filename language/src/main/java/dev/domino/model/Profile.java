package dev.domino.model;

/** armv8a: MMU and stage-2 paging. armv8r: an MPU (PMSA), static memory only. */
public enum Profile {
	ARMV8A, ARMV8R
}
