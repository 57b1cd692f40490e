package dev.domino.rules;

import dev.domino.model.SystemModel;
import dev.domino.mpu.MpuPlan;
import dev.domino.placement.PlacedRegion;
import dev.domino.placement.PlacedSystem;

/**
 * What a rule sees: the placed model, its MPU plan (Armv8-R systems; null elsewhere), the size of
 * the device tree Xen boots with, and whether this is a compile (missing files are errors) or an
 * editor check (warnings).
 */
public record CheckContext(PlacedSystem placed, MpuPlan mpuPlan, long hostTreeSize, Mode mode) {
	public enum Mode {
		EDIT, COMPILE
	}

	public SystemModel system() {
		return placed.model();
	}

	public boolean compiling() {
		return mode == Mode.COMPILE;
	}

	/** Shorthand for {@code placed().at(r)}: the region with its address, or null when it is not placed. */
	public PlacedRegion at(dev.domino.model.Region r) {
		return placed.at(r);
	}
}
