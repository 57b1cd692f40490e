package dev.domino.model;

public enum Arch {
	AARCH64, AARCH32
}
