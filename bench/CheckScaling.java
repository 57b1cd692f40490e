import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import dev.domino.compiler.Analysis;
import dev.domino.compiler.DominoCompiler;
import dev.domino.diagnostics.Report;
import dev.domino.model.SystemModel;
import dev.domino.rules.CheckContext;
import dev.domino.rules.Checker;

/**
 * How the rule check scales: systems with 1k, 10k and 100k placed ranges (one static memory bank
 * per domain, plus the board's and Xen's own), each checked RUNS times after a warm-up; prints the
 * median. Also the whole path from text to diagnostics (parse, link, build, place, check): the
 * first run in a fresh JVM, and the median of 5 warm runs (what an editor sees). Run with bench/check-scaling.sh.
 */
public class CheckScaling {
	static final int RUNS = 9;

	public static void main(String[] args) throws Exception {
		int[] sizes = args.length > 0 ? Arrays.stream(args).mapToInt(Integer::parseInt).toArray()
				: new int[] { 1_000, 10_000, 100_000 };
		Path dir = Files.createTempDirectory("domino-bench");
		Files.write(dir.resolve("Image"), image());
		DominoCompiler compiler = new DominoCompiler();
		System.out.printf("%-8s %-8s %14s %14s %18s %16s %16s%n", "ranges", "domains", "check median", "per range",
				"vs n log n (1k=1)", "text, 1st run", "text, warm");
		double base = 0;
		for (int n : sizes) {
			int domains = n - 4; // the bank, the kernel module, the Xen image and the DTB are ranges too
			Path file = dir.resolve("bench" + n + ".domino");
			Files.writeString(file, system(domains));
			long t0 = System.nanoTime();
			Analysis analysis = compiler.check(List.of(file), CheckContext.Mode.COMPILE);
			long endToEnd = System.nanoTime() - t0;
			// past ~8,000 domains the system's device tree outgrows the 2 MiB Xen accepts (align-dtb):
			// a real limit of Xen, not of the checker, whose scaling is what is measured here
			List<dev.domino.diagnostics.Diagnostic> errors = analysis.diagnostics().stream()
					.filter(d -> d.isError() && !d.ruleId().equals("align-dtb")).toList();
			if (!errors.isEmpty()) {
				throw new IllegalStateException("the generated system has errors: " + errors.get(0).format());
			}
			Analysis.Unit unit = analysis.systems().get(0);
			SystemModel model = unit.model();
			int ranges = model.regions().size();
			CheckContext context = new CheckContext(unit.placed(), unit.mpuPlan(), 0, CheckContext.Mode.COMPILE);
			for (int i = 0; i < 3; i++) {
				Checker.check(context, new Report());
			}
			long[] times = new long[RUNS];
			for (int i = 0; i < RUNS; i++) {
				Report report = new Report();
				long s = System.nanoTime();
				Checker.check(context, report);
				times[i] = System.nanoTime() - s;
				report.diagnostics().stream().filter(d -> !d.ruleId().equals("align-dtb")).findFirst().ifPresent(d -> {
					throw new IllegalStateException(d.format());
				});
			}
			Arrays.sort(times);
			long[] warm = new long[5];
			for (int i = 0; i < warm.length; i++) {
				long s = System.nanoTime();
				compiler.check(List.of(file), CheckContext.Mode.COMPILE);
				warm[i] = System.nanoTime() - s;
			}
			Arrays.sort(warm);
			double median = times[RUNS / 2] / 1e6;
			double nlogn = ranges * Math.log(ranges);
			if (base == 0) {
				base = median / nlogn;
			}
			System.out.printf("%-8d %-8d %11.1f ms %11.2f us %18.2f %13.0f ms %13.0f ms   (check min %.1f max %.1f; warm min %.0f max %.0f)%n",
					ranges, domains, median, median * 1000 / ranges, (median / nlogn) / base, endToEnd / 1e6, warm[2] / 1e6,
					times[0] / 1e6, times[RUNS - 1] / 1e6, warm[0] / 1e6, warm[warm.length - 1] / 1e6);
		}
		try (var files = Files.walk(dir)) {
			files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
		}
	}

	/** One domain per range: 8 MiB of static memory each, back to back, all using one kernel module. */
	static String system(int domains) {
		StringBuilder s = new StringBuilder();
		s.append("board big {\n  pa-bits 48\n  cpus 4\n  memory ram at 0x1_0000_0000 size 1T\n}\n");
		s.append("system bench on big {\n  xen 4.19 { image \"Image\" }\n  boot uboot booti { load \"tftpb\" window 0x1_0000_0000 .. 0x1_1000_0000 }\n");
		s.append("  module k kernel \"Image\"\n");
		for (int i = 0; i < domains; i++) {
			long base = 0x2_0000_0000L + (long) i * 0x80_0000; // 8 MiB: the first bank holds the kernel and its DTB
			s.append("  domain d").append(i).append(" { memory 8M at 0x").append(Long.toHexString(base))
					.append(" direct-map kernel k }\n");
		}
		return s.append("}\n").toString();
	}

	static byte[] image() {
		byte[] b = new byte[64];
		b[56] = 'A';
		b[57] = 'R';
		b[58] = 'M';
		b[59] = 0x64;
		b[16] = 0x10; // image_size 4 KiB
		return b;
	}
}
