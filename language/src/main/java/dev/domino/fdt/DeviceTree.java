package dev.domino.fdt;

import java.util.ArrayList;
import java.util.List;

/** A whole device tree: the memory reservation block, the root node and the boot CPU id. */
public final class DeviceTree {
	/** A /memreserve/ entry. */
	public record Reservation(long address, long size) {
	}

	private final List<Reservation> reservations = new ArrayList<>();
	private final DtNode root;
	private long bootCpuId;

	public DeviceTree(DtNode root) {
		this.root = root;
	}

	public DtNode root() {
		return root;
	}

	public List<Reservation> reservations() {
		return reservations;
	}

	public long bootCpuId() {
		return bootCpuId;
	}

	public void setBootCpuId(long id) {
		this.bootCpuId = id;
	}

	/** The largest phandle in use (0 when none). */
	public long maxPhandle() {
		long[] max = { 0 };
		root.walk(n -> n.property("phandle").ifPresent(p -> {
			if (p.length() == 4) {
				max[0] = Math.max(max[0], p.cell(0));
			}
		}));
		return max[0];
	}

	public DeviceTree deepCopy() {
		DeviceTree copy = new DeviceTree(root.deepCopy());
		copy.reservations.addAll(reservations);
		copy.bootCpuId = bootCpuId;
		return copy;
	}
}
