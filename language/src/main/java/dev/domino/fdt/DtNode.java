package dev.domino.fdt;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A device-tree node: properties and children in order (order is meaningful: it is domain id order). */
public final class DtNode {
	private final String name;
	private final List<DtProperty> properties = new ArrayList<>();
	private final List<DtNode> children = new ArrayList<>();

	public DtNode(String name) {
		this.name = name;
	}

	public String name() {
		return name;
	}

	public List<DtProperty> properties() {
		return properties;
	}

	public List<DtNode> children() {
		return children;
	}

	public Optional<DtProperty> property(String propertyName) {
		return properties.stream().filter(p -> p.name().equals(propertyName)).findFirst();
	}

	/** Sets a property, replacing one of the same name in place or appending it. */
	public DtNode set(DtProperty property) {
		for (int i = 0; i < properties.size(); i++) {
			if (properties.get(i).name().equals(property.name())) {
				properties.set(i, property);
				return this;
			}
		}
		properties.add(property);
		return this;
	}

	public boolean remove(String propertyName) {
		return properties.removeIf(p -> p.name().equals(propertyName));
	}

	public Optional<DtNode> child(String childName) {
		return children.stream().filter(c -> c.name().equals(childName)).findFirst();
	}

	/** The child of that name, created at the end if missing. */
	public DtNode childOrCreate(String childName) {
		return child(childName).orElseGet(() -> add(new DtNode(childName)));
	}

	public DtNode add(DtNode child) {
		children.add(child);
		return child;
	}

	/** Finds a node by absolute path ("/", "/chosen", "/pl011@9000000"). */
	public Optional<DtNode> find(String path) {
		if (path.equals("/") || path.isEmpty()) {
			return Optional.of(this);
		}
		DtNode node = this;
		for (String part : path.replaceFirst("^/", "").split("/")) {
			Optional<DtNode> next = node.child(part);
			if (next.isEmpty()) {
				return Optional.empty();
			}
			node = next.get();
		}
		return Optional.of(node);
	}

	/**
	 * #address-cells of this node as a parent (2 when absent, as the DT spec says; a value shorter
	 * than one cell counts as absent, as Linux's of_property_read_u32 fails on it).
	 */
	public int addressCells() {
		return property("#address-cells").filter(p -> p.length() >= 4).map(p -> (int) p.cell(0)).orElse(2);
	}

	/** #size-cells of this node as a parent (1 when absent or shorter than a cell). */
	public int sizeCells() {
		return property("#size-cells").filter(p -> p.length() >= 4).map(p -> (int) p.cell(0)).orElse(1);
	}

	/** Depth-first walk: this node, then its children. */
	public void walk(java.util.function.Consumer<DtNode> visitor) {
		visitor.accept(this);
		for (DtNode c : children) {
			c.walk(visitor);
		}
	}

	public DtNode deepCopy() {
		DtNode copy = new DtNode(name);
		copy.properties.addAll(properties);
		for (DtNode c : children) {
			copy.children.add(c.deepCopy());
		}
		return copy;
	}
}
