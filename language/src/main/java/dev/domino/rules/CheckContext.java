package dev.domino.rules;

import dev.domino.model.SystemModel;

/**
 * What a rule sees: the placed model, whether this is a compile (missing files are errors)
 * or an editor check (warnings), and results other rules share, computed once.
 */
public final class CheckContext {
	public enum Mode {
		EDIT, COMPILE
	}

	private final SystemModel system;
	private final Mode mode;
	private dev.domino.mpu.MpuPlan mpuPlan;

	public CheckContext(SystemModel system, Mode mode) {
		this.system = system;
		this.mode = mode;
	}

	public SystemModel system() {
		return system;
	}

	public Mode mode() {
		return mode;
	}

	public boolean compiling() {
		return mode == Mode.COMPILE;
	}

	/** The MPU plan of an Armv8-R system (null on other boards), computed on first use. */
	public dev.domino.mpu.MpuPlan mpuPlan() {
		if (mpuPlan == null && system.board().hasMpu() && !system.isBoardOnly()) {
			mpuPlan = dev.domino.mpu.MpuPlanner.plan(system);
		}
		return mpuPlan;
	}
}
