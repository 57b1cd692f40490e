package dev.domino.model;

/**
 * An MPU section of an Armv8-R system: where boot modules, guest memory or device memory may
 * lie. An automatic section has an automatic region that the planner sizes and places.
 */
public record Section(Kind kind, Region region, SourceLocation where) {
	public enum Kind {
		BOOT_MODULES("boot-modules", "mpu,boot-module-section"),
		GUEST_MEMORY("guest-memory", "mpu,guest-memory-section"),
		DEVICE_MEMORY("device-memory", "mpu,device-memory-section");

		private final String keyword;
		private final String property;

		Kind(String keyword, String property) {
			this.keyword = keyword;
			this.property = property;
		}

		public String keyword() {
			return keyword;
		}

		public String property() {
			return property;
		}
	}
}
