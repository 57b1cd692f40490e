package dev.domino.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.eclipse.lsp4j.CodeAction;
import org.eclipse.lsp4j.CodeActionContext;
import org.eclipse.lsp4j.CodeActionParams;
import org.eclipse.lsp4j.CodeLens;
import org.eclipse.lsp4j.CodeLensParams;
import org.eclipse.lsp4j.Command;
import org.eclipse.lsp4j.CompletionItem;
import org.eclipse.lsp4j.CompletionList;
import org.eclipse.lsp4j.CompletionParams;
import org.eclipse.lsp4j.DefinitionParams;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.DocumentFormattingParams;
import org.eclipse.lsp4j.DocumentSymbol;
import org.eclipse.lsp4j.DocumentSymbolParams;
import org.eclipse.lsp4j.ExecuteCommandParams;
import org.eclipse.lsp4j.FoldingRange;
import org.eclipse.lsp4j.FoldingRangeRequestParams;
import org.eclipse.lsp4j.FormattingOptions;
import org.eclipse.lsp4j.Hover;
import org.eclipse.lsp4j.HoverParams;
import org.eclipse.lsp4j.InlayHint;
import org.eclipse.lsp4j.InlayHintParams;
import org.eclipse.lsp4j.Location;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.ReferenceContext;
import org.eclipse.lsp4j.ReferenceParams;
import org.eclipse.lsp4j.RenameParams;
import org.eclipse.lsp4j.SemanticTokens;
import org.eclipse.lsp4j.SemanticTokensParams;
import org.eclipse.lsp4j.ServerCapabilities;
import org.eclipse.lsp4j.SymbolKind;
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.lsp4j.WorkspaceEdit;
import org.eclipse.lsp4j.WorkspaceSymbolParams;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.gson.JsonParser;

import dev.domino.testing.Workspace;

/** Every editor feature, asked for over the protocol as an editor would. */
class LanguageServerTest {
	@TempDir
	Path dir;
	Workspace ws;
	LspSession lsp;

	static final String DEMO = """
			import "qemu-virt.domino"

			system demo on qemu_virt {
			    xen 4.19 { image "bin/xen" bootargs "console=dtuart dtuart=/pl011@9000000" heap 512M }
			    boot uboot booti { load "load virtio 0" window 0x4020_0000 .. 0xB000_0000 }
			    module linux kernel "bin/Image"
			    domain web {
			        vcpus 1
			        memory 128M
			        kernel linux args "console=ttyAMA0"
			        ramdisk "bin/web.cpio.gz"
			        console vpl011
			    }
			    domain rt {
			        memory 128M
			        kernel linux
			        passthrough gpio force-assign
			        after web
			    }
			}
			""";

	@BeforeEach
	void start() throws Exception {
		ws = new Workspace(dir);
		ws.qemuBoard();
		ws.write("demo.domino", DEMO);
		lsp = new LspSession(dir);
	}

	@AfterEach
	void stop() throws Exception {
		lsp.close();
	}

	private static final long WAIT = 30_000;

	private PublishDiagnosticsParams diagnostics(String uri, java.util.function.Predicate<List<Diagnostic>> test)
			throws Exception {
		return lsp.client.await(uri, p -> test.test(p.getDiagnostics()), WAIT);
	}

	@Test
	void theServerAnnouncesEveryFeature() {
		ServerCapabilities c = lsp.initialized.getCapabilities();
		assertNotNull(c.getHoverProvider());
		assertNotNull(c.getDefinitionProvider());
		assertNotNull(c.getReferencesProvider());
		assertNotNull(c.getRenameProvider());
		assertNotNull(c.getDocumentSymbolProvider());
		assertNotNull(c.getWorkspaceSymbolProvider());
		assertNotNull(c.getFoldingRangeProvider());
		assertNotNull(c.getSemanticTokensProvider());
		assertNotNull(c.getDocumentFormattingProvider());
		assertNotNull(c.getCompletionProvider());
		assertNotNull(c.getCodeActionProvider());
		assertNotNull(c.getCodeLensProvider());
		assertEquals(Either.forLeft(true), c.getInlayHintProvider());
		assertTrue(c.getExecuteCommandProvider().getCommands().containsAll(List.of("domino.memoryMap", "domino.summary",
				"domino.compile", "domino.showMemoryMap")), c.getExecuteCommandProvider().getCommands().toString());
	}

	@Test
	void commandsTheClientImplementsItselfAreNotAnnounced() throws Exception {
		LspSession vscode = new LspSession(dir, JsonParser.parseString(
				"{\"clientCommands\": [\"domino.showMemoryMap\"]}"));
		try {
			assertEquals(Set.of("domino.memoryMap", "domino.summary", "domino.compile"),
					Set.copyOf(vscode.initialized.getCapabilities().getExecuteCommandProvider().getCommands()));
		} finally {
			vscode.close();
		}
	}

	@Test
	void theSummaryCountsProblemsAndTheFullestDomainsMpuUse() throws Exception {
		ws.write("budget.domino", """
				board r { profile armv8r pa-bits 32 mpu regions 16 memory dram at 0x0 size 2G
				    device gic { compatible "arm,gic-v3" reg 0xAF00_0000 size 64K reg 0xAF10_0000 size 1M }
				    device uart1 { compatible "arm,pl011" reg 0x9C0A_0000 size 4K irq spi 6 iommu none } }
				system s on r {
				    xen 4.22 { image "bin/xen" start auto heap 32M }
				    boot uboot booti { load "tftpb" window 0x0100_0000 .. 0x1000_0000 }
				    domain ctrl { memory 64M static direct-map kernel "bin/Image" }
				    domain io { memory 64M static direct-map kernel "bin/Image" passthrough uart1 force-assign }
				}
				""");
		String uri = lsp.open("budget.domino");
		Map<?, ?> summary = (Map<?, ?>) lsp.server.getWorkspaceService().executeCommand(new ExecuteCommandParams(
				"domino.summary", List.of(uri))).get(30, TimeUnit.SECONDS);
		assertEquals("s", summary.get("name"));
		assertNull(summary.get("svg"), "a summary is small");
		Map<?, ?> mpu = (Map<?, ?>) summary.get("mpu");
		assertEquals(16.0, ((Number) mpu.get("budget")).doubleValue());
		assertEquals("io", mpu.get("domain"));
		assertEquals("io: 2 + Xen 10 = 12 of 16", mpu.get("usage"));

		Map<?, ?> plain = (Map<?, ?>) lsp.server.getWorkspaceService().executeCommand(new ExecuteCommandParams(
				"domino.summary", List.of(lsp.open("demo.domino")))).get(30, TimeUnit.SECONDS);
		assertEquals(0.0, ((Number) plain.get("errors")).doubleValue());
		assertNull(plain.get("mpu"), "no MPU on QEMU virt");
	}

	@Test
	void diagnosticsCarryTheRuleIdAndPointAtTheOtherRange() throws Exception {
		String uri = lsp.open("demo.domino");
		diagnostics(uri, LanguageServerTest::noErrors);
		lsp.replace(uri, DEMO.replace("module linux kernel \"bin/Image\"", "module linux kernel \"bin/Image\" at 0x4000_0000"));
		PublishDiagnosticsParams p = diagnostics(uri, d -> d.stream().anyMatch(x -> "overlap".equals(code(x))));
		Diagnostic overlap = p.getDiagnostics().stream().filter(x -> "overlap".equals(code(x))).findFirst().orElseThrow();
		assertEquals("domino", overlap.getSource());
		assertTrue(message(overlap).contains("overlaps reserved range qemu_dtb [0x4000_0000, 0x4010_0000) by 1 MiB"),
				message(overlap));
		assertEquals(5, overlap.getRange().getStart().getLine());
		var related = overlap.getRelatedInformation().get(0);
		assertEquals(lsp.uri("qemu-virt.domino"), related.getLocation().getUri());
		assertEquals(9, related.getLocation().getRange().getStart().getLine());
	}

	@Test
	void editingTheBoardRevalidatesTheSystemsThatImportIt() throws Exception {
		String system = lsp.open("demo.domino");
		diagnostics(system, LanguageServerTest::noErrors);
		String board = lsp.open("qemu-virt.domino");
		String text = java.nio.file.Files.readString(dir.resolve("qemu-virt.domino"));
		// the board loses its IOMMU-less GPIO declaration: passing it through is now an unknown device
		lsp.replace(board, text.replace("device gpio", "device gpio2"));
		diagnostics(system, d -> d.stream().anyMatch(x -> "order".equals(code(x))
				&& message(x).contains("unknown device 'gpio'")));
		lsp.replace(board, text.replace("memory ram0 at 0x4000_0000 size 2G", "memory ram0 at 0x4000_0000 size 256M"));
		diagnostics(system, d -> d.stream().anyMatch(x -> "contain".equals(code(x)) || "memory-budget".equals(code(x))));
		lsp.replace(board, text);
		diagnostics(system, LanguageServerTest::noErrors);
	}

	@Test
	void hoverShowsWhatDominoResolved() throws Exception {
		lsp.open("demo.domino");
		Hover module = hover("demo.domino", "module linux", 8);
		String text = module.getContents().getRight().getValue();
		assertTrue(text.contains("**module linux**"), text);
		assertTrue(text.contains("`[0x4040_0000, 0x4241_0000)`"), text);
		assertTrue(text.contains("arm64 Image, 4194304 bytes, image size 32832 KiB from its header"), text);
		assertTrue(text.contains("used by: web, rt"), text);

		String domain = hover("demo.domino", "domain web", 8).getContents().getRight().getValue();
		assertTrue(domain.contains("**domain web**: 1 vCPU, 128 MiB allocated by Xen, vpl011 console, domain id 1"), domain);
		assertTrue(domain.contains("ramdisk of domain web"), domain);

		String device = hover("demo.domino", "passthrough gpio", 13).getContents().getRight().getValue();
		assertTrue(device.contains("**device gpio**"), device);
		assertTrue(device.contains("registers `[0x903_0000, 0x903_1000)`"), device);
		assertTrue(device.contains("used by: domain rt"), device);
	}

	private Hover hover(String file, String needle, int shift) throws Exception {
		return lsp.server.getTextDocumentService().hover(new HoverParams(LspSession.doc(lsp.uri(file)),
				lsp.at(file, needle, shift))).get(30, TimeUnit.SECONDS);
	}

	@Test
	void definitionReferencesAndRenameWorkAcrossFiles() throws Exception {
		String uri = lsp.open("demo.domino");
		List<? extends Location> board = definition("demo.domino", "on qemu_virt", 4);
		assertEquals(lsp.uri("qemu-virt.domino"), board.get(0).getUri());
		List<? extends Location> module = definition("demo.domino", "kernel linux args", 8);
		assertEquals(uri, module.get(0).getUri());
		assertEquals(5, module.get(0).getRange().getStart().getLine());
		List<? extends Location> file = definition("demo.domino", "qemu-virt.domino", 2);
		assertEquals(lsp.uri("qemu-virt.domino"), file.get(0).getUri());
		List<? extends Location> device = definition("demo.domino", "passthrough gpio", 13);
		assertEquals(lsp.uri("qemu-virt.domino"), device.get(0).getUri());

		List<? extends Location> uses = lsp.server.getTextDocumentService().references(new ReferenceParams(
				LspSession.doc(uri), lsp.at("demo.domino", "module linux", 8), new ReferenceContext(false)))
				.get(30, TimeUnit.SECONDS);
		assertEquals(2, uses.size(), uses.toString());

		WorkspaceEdit edit = lsp.server.getTextDocumentService().rename(new RenameParams(LspSession.doc(uri),
				lsp.at("demo.domino", "domain web", 8), "frontend")).get(30, TimeUnit.SECONDS);
		List<TextEdit> edits = edits(edit, uri);
		assertEquals(2, edits.size(), "the declaration and 'after web': " + edits);
		assertTrue(edits.stream().allMatch(e -> e.getNewText().equals("frontend")), edits.toString());

		WorkspaceEdit boardRename = lsp.server.getTextDocumentService().rename(new RenameParams(LspSession.doc(uri),
				lsp.at("demo.domino", "on qemu_virt", 4), "virt")).get(30, TimeUnit.SECONDS);
		assertEquals(1, edits(boardRename, uri).size());
		assertEquals(1, edits(boardRename, lsp.uri("qemu-virt.domino")).size(), "the board's own file changes too");
	}

	private static List<TextEdit> edits(WorkspaceEdit edit, String uri) {
		if (edit.getChanges() != null && edit.getChanges().containsKey(uri)) {
			return edit.getChanges().get(uri);
		}
		if (edit.getDocumentChanges() != null) {
			return edit.getDocumentChanges().stream().filter(Either::isLeft).map(Either::getLeft)
					.filter(d -> d.getTextDocument().getUri().equals(uri)).flatMap(d -> d.getEdits().stream())
					.filter(Either::isLeft).map(Either::getLeft).toList();
		}
		return List.of();
	}

	private List<? extends Location> definition(String file, String needle, int shift) throws Exception {
		return lsp.server.getTextDocumentService().definition(new DefinitionParams(LspSession.doc(lsp.uri(file)),
				lsp.at(file, needle, shift))).get(30, TimeUnit.SECONDS).getLeft();
	}

	@Test
	void outlineWorkspaceSymbolsFoldingAndSemanticTokens() throws Exception {
		String uri = lsp.open("demo.domino");
		List<Either<org.eclipse.lsp4j.SymbolInformation, DocumentSymbol>> symbols = lsp.server.getTextDocumentService()
				.documentSymbol(new DocumentSymbolParams(LspSession.doc(uri))).get(30, TimeUnit.SECONDS);
		DocumentSymbol system = symbols.get(0).getRight();
		assertEquals("demo", system.getName());
		assertEquals(SymbolKind.Namespace, system.getKind());
		Map<String, SymbolKind> children = system.getChildren().stream()
				.collect(Collectors.toMap(DocumentSymbol::getName, DocumentSymbol::getKind));
		assertEquals(Map.of("linux", SymbolKind.File, "web", SymbolKind.Struct, "rt", SymbolKind.Struct), children);

		var found = lsp.server.getWorkspaceService().symbol(new WorkspaceSymbolParams("gpio")).get(30, TimeUnit.SECONDS);
		String all = found.isLeft() ? found.getLeft().toString() : found.getRight().toString();
		assertTrue(all.contains("qemu_virt.gpio"), all);
		// a system's domains are not in the index: read from the system when searched for
		var web = lsp.server.getWorkspaceService().symbol(new WorkspaceSymbolParams("demo.we")).get(30, TimeUnit.SECONDS)
				.getRight();
		assertEquals(1, web.size(), web.toString());
		assertEquals("demo.web", web.get(0).getName());
		assertEquals(SymbolKind.Struct, web.get(0).getKind());
		assertTrue(web.get(0).getLocation().getLeft().getUri().endsWith("demo.domino"), web.toString());
		assertEquals(lsp.at("demo.domino", "domain web", 0).getLine(),
				web.get(0).getLocation().getLeft().getRange().getStart().getLine(), web.toString());

		List<FoldingRange> folds = lsp.server.getTextDocumentService()
				.foldingRange(new FoldingRangeRequestParams(LspSession.doc(uri))).get(30, TimeUnit.SECONDS);
		assertTrue(folds.stream().anyMatch(f -> f.getStartLine() == 2), "the system block folds: " + folds);
		assertTrue(folds.stream().anyMatch(f -> f.getStartLine() == 6), "a domain block folds: " + folds);

		SemanticTokens tokens = lsp.server.getTextDocumentService()
				.semanticTokensFull(new SemanticTokensParams(LspSession.doc(uri))).get(30, TimeUnit.SECONDS);
		List<String> legend = lsp.initialized.getCapabilities().getSemanticTokensProvider().getLegend().getTokenTypes();
		// the first token: 'import' at 0:0, a keyword
		List<Integer> data = tokens.getData();
		assertEquals(0, data.get(0));
		assertEquals(0, data.get(1));
		assertEquals(6, data.get(2));
		assertEquals("keyword", legend.get(data.get(3)));
		assertTrue(decodedTypes(data, legend).contains("struct"), "domains are highlighted as structs");
	}

	private static List<String> decodedTypes(List<Integer> data, List<String> legend) {
		List<String> out = new java.util.ArrayList<>();
		for (int i = 3; i < data.size(); i += 5) {
			out.add(legend.get(data.get(i)));
		}
		return out;
	}

	@Test
	void formattingGivesOneItemPerLine() throws Exception {
		ws.write("messy.domino", "board   tiny {  memory ram at 0x4000_0000 size 1G\n  device u { compatible \"arm,pl011\"   reg 0x900_0000 size 4K } }\n");
		String uri = lsp.open("messy.domino");
		List<? extends TextEdit> edits = lsp.server.getTextDocumentService().formatting(new DocumentFormattingParams(
				LspSession.doc(uri), new FormattingOptions(4, true))).get(30, TimeUnit.SECONDS);
		String formatted = apply(java.nio.file.Files.readString(dir.resolve("messy.domino")), edits);
		assertEquals("""
				board tiny {
				    memory ram at 0x4000_0000 size 1G
				    device u {
				        compatible "arm,pl011"
				        reg 0x900_0000 size 4K
				    }
				}
				""", formatted);
	}

	static String apply(String text, List<? extends TextEdit> edits) {
		List<TextEdit> sorted = new java.util.ArrayList<>(edits);
		sorted.sort((a, b) -> compare(b.getRange().getStart(), a.getRange().getStart()));
		StringBuilder out = new StringBuilder(text);
		for (TextEdit e : sorted) {
			out.replace(offset(text, e.getRange().getStart()), offset(text, e.getRange().getEnd()), e.getNewText());
		}
		return out.toString();
	}

	private static int compare(Position a, Position b) {
		return a.getLine() != b.getLine() ? Integer.compare(a.getLine(), b.getLine())
				: Integer.compare(a.getCharacter(), b.getCharacter());
	}

	static int offset(String text, Position p) {
		int line = 0;
		int i = 0;
		while (line < p.getLine()) {
			if (text.charAt(i++) == '\n') {
				line++;
			}
		}
		return i + p.getCharacter();
	}

	@Test
	void completionProposesKeywordsDevicesModulesVersionsAndSizes() throws Exception {
		String head = "import \"qemu-virt.domino\"\nsystem c on qemu_virt {\n    xen 4.17 { image \"bin/xen\" }\n"
				+ "    module linux kernel \"bin/Image\"\n    domain d {\n        ";
		assertTrue(completeAtEnd("p.domino", head + "passthrough ").containsAll(List.of("gpio", "rtc", "uart0")));
		assertTrue(completeAtEnd("k.domino", head + "kernel ").contains("linux"));
		assertTrue(completeAtEnd("m.domino", head + "memory ").containsAll(List.of("64M", "128M", "1G")));
		List<String> keywords = completeAtEnd("i.domino", head);
		assertTrue(keywords.containsAll(List.of("vcpus", "memory", "direct-map", "console", "after", "ramdisk", "passthrough")),
				keywords.toString());
		assertTrue(completeAtEnd("x.domino", "import \"qemu-virt.domino\"\nsystem c on qemu_virt {\n    xen ")
				.containsAll(List.of("4.17", "4.19", "4.22")));
	}

	/** Completion at the end of a file with this text. */
	private List<String> completeAtEnd(String file, String text) throws Exception {
		ws.write(file, text);
		lsp.open(file);
		String[] lines = text.split("\n", -1);
		Position end = new Position(lines.length - 1, lines[lines.length - 1].length());
		Either<List<CompletionItem>, CompletionList> r = lsp.server.getTextDocumentService().completion(
				new CompletionParams(LspSession.doc(lsp.uri(file)), end)).get(30, TimeUnit.SECONDS);
		List<CompletionItem> items = r.isLeft() ? r.getLeft() : r.getRight().getItems();
		return items.stream().map(CompletionItem::getLabel).toList();
	}

	@Test
	void inlayHintsShowTheAddressesDominoChose() throws Exception {
		String uri = lsp.open("demo.domino");
		List<InlayHint> hints = lsp.server.getTextDocumentService().inlayHint(new InlayHintParams(LspSession.doc(uri),
				new Range(new Position(0, 0), new Position(30, 0)))).get(30, TimeUnit.SECONDS);
		Map<Integer, String> byLine = hints.stream().collect(Collectors.toMap(h -> h.getPosition().getLine(),
				h -> h.getLabel().getLeft(), (a, b) -> a + " | " + b));
		assertEquals("at 0x42A0_0000 | at 0xA000_0000", byLine.get(3), "Xen's image and the heap: " + byLine);
		assertEquals("script at 0x4020_0000, device tree at 0x42C0_0000", byLine.get(4), byLine.toString());
		assertEquals("at 0x4040_0000", byLine.get(5), "the module: " + byLine);
		assertEquals("at 0x4260_0000", byLine.get(10), "web's ramdisk: " + byLine);
		assertEquals(lsp.at("demo.domino", "module linux kernel \"bin/Image\"", 31), hints.stream()
				.filter(h -> h.getPosition().getLine() == 5).findFirst().orElseThrow().getPosition());
	}

	@Test
	void codeLensesShowMemoryAndMpuUse() throws Exception {
		String uri = lsp.open("demo.domino");
		List<? extends CodeLens> lenses = lsp.server.getTextDocumentService().codeLens(new CodeLensParams(LspSession.doc(uri)))
				.get(30, TimeUnit.SECONDS);
		assertEquals(2, lenses.size());
		Command web = lenses.get(0).getCommand();
		assertEquals("memory 128 MiB from Xen's heap · 1 vCPU · domain id 1", web.getTitle());
		assertEquals("domino.showMemoryMap", web.getCommand());

		ws.write("safety.domino", """
				board r { profile armv8r pa-bits 32 mpu regions 16 memory dram at 0x0 size 2G
				    device gic { compatible "arm,gic-v3" reg 0xAF00_0000 size 64K reg 0xAF10_0000 size 1M } }
				system s on r {
				    xen 4.22 { image "bin/xen" start auto heap 32M }
				    boot uboot booti { load "tftpb" window 0x0100_0000 .. 0x1000_0000 }
				    domain ctrl { memory 64M static direct-map kernel "bin/Image" }
				}
				""");
		String mpu = lsp.open("safety.domino");
		List<? extends CodeLens> mpuLenses = lsp.server.getTextDocumentService().codeLens(new CodeLensParams(LspSession.doc(mpu)))
				.get(30, TimeUnit.SECONDS);
		assertTrue(mpuLenses.get(0).getCommand().getTitle().endsWith("MPU ctrl: 1 + Xen 10 = 11 of 16"),
				mpuLenses.get(0).getCommand().getTitle());
	}

	@Test
	void dom0HasItsLensHoverAndMemoryMap() throws Exception {
		ws.write("smoke.domino", """
				import "qemu-virt.domino"
				system smoke on qemu_virt {
				    xen 4.17 { image "bin/xen" bootargs "console=dtuart dom0_mem=512M" }
				    dom0 {
				        vcpus 2
				        kernel "bin/Image" args "console=hvc0"
				        ramdisk "bin/rt.cpio.gz"
				        hide rtc
				    }
				    domain web { memory 128M kernel "bin/Image" passthrough gpio force-assign }
				}
				""");
		String uri = lsp.open("smoke.domino");
		List<? extends CodeLens> lenses = lsp.server.getTextDocumentService().codeLens(new CodeLensParams(LspSession.doc(uri)))
				.get(30, TimeUnit.SECONDS);
		assertEquals(2, lenses.size(), lenses.toString());
		assertEquals("memory 512 MiB 1:1 (dom0_mem) · 2 vCPUs · domain id 0", lenses.get(0).getCommand().getTitle());
		assertEquals(3, lenses.get(0).getRange().getStart().getLine(), "on the dom0 block");
		assertEquals("memory 128 MiB from Xen's heap · 1 vCPU · domain id 1", lenses.get(1).getCommand().getTitle());

		String dom0 = hover("smoke.domino", "dom0 {", 1).getContents().getRight().getValue();
		assertTrue(dom0.startsWith("**dom0**: 2 vCPUs, 512 MiB allocated 1:1 by Xen (dom0_mem=512M), domain id 0"), dom0);
		assertTrue(dom0.contains("except the hidden rtc"), dom0);
		assertTrue(dom0.contains("ramdisk of domain dom0"), "its modules are on its map: " + dom0);
		String rtc = hover("smoke.domino", "hide rtc", 6).getContents().getRight().getValue();
		assertTrue(rtc.contains("used by: hidden from dom0"), rtc);

		Map<?, ?> map = (Map<?, ?>) lsp.server.getWorkspaceService().executeCommand(new ExecuteCommandParams(
				"domino.memoryMap", lenses.get(0).getCommand().getArguments())).get(30, TimeUnit.SECONDS);
		assertTrue(map.get("text").toString().contains("kernel of domain dom0"), map.get("text").toString());
	}

	@Test
	void quickFixesComeFromTheRules() throws Exception {
		String uri = lsp.open("demo.domino");
		diagnostics(uri, LanguageServerTest::noErrors);
		lsp.replace(uri, DEMO.replace("ramdisk \"bin/web.cpio.gz\"", "ramdisk \"bin/web.cpio.gz\" nr_spis 4")
				.replace("module linux kernel \"bin/Image\"", "module linux kernel \"bin/Image\" at 0x4030_0000")
				.replace("passthrough gpio force-assign", "passthrough gpio"));
		PublishDiagnosticsParams p = diagnostics(uri, d -> d.stream().map(LanguageServerTest::code).collect(Collectors.toSet())
				.containsAll(List.of("align-image", "iommu")));
		Map<String, List<String>> titles = new java.util.TreeMap<>();
		for (Diagnostic d : p.getDiagnostics()) {
			for (CodeAction a : actions(uri, d)) {
				titles.computeIfAbsent(code(d), k -> new java.util.ArrayList<>()).add(a.getTitle());
			}
		}
		assertEquals(List.of("Align up to 0x4040_0000", "Align down to 0x4020_0000"), titles.get("align-image"));
		assertEquals(List.of("Add force-assign (DMA is not isolated)"), titles.get("iommu"));

		Diagnostic iommu = p.getDiagnostics().stream().filter(d -> "iommu".equals(code(d))).findFirst().orElseThrow();
		CodeAction add = actions(uri, iommu).get(0);
		List<TextEdit> edit = add.getEdit().getChanges().get(uri);
		String fixed = apply(DEMO.replace("passthrough gpio force-assign", "passthrough gpio"), edit);
		assertTrue(fixed.contains("passthrough gpio force-assign"), fixed);
	}

	@Test
	void raisingNrSpisIsAFix() throws Exception {
		String uri = lsp.open("demo.domino");
		lsp.replace(uri, DEMO.replace("after web", "after web nr_spis 4"));
		PublishDiagnosticsParams p = diagnostics(uri, d -> d.stream().anyMatch(x -> "exclusive".equals(code(x))));
		Diagnostic d = p.getDiagnostics().stream().filter(x -> "exclusive".equals(code(x))).findFirst().orElseThrow();
		CodeAction raise = actions(uri, d).get(0);
		assertEquals("Raise nr_spis to 8", raise.getTitle());
		assertEquals("8", raise.getEdit().getChanges().get(uri).get(0).getNewText());
	}

	@Test
	void movingToTheNextFreeGapIsAFix() throws Exception {
		String uri = lsp.open("demo.domino");
		lsp.replace(uri, DEMO.replace("ramdisk \"bin/web.cpio.gz\"", "ramdisk \"bin/web.cpio.gz\" at 0x4100_0000")
				.replace("module linux kernel \"bin/Image\"", "module linux kernel \"bin/Image\" at 0x4040_0000"));
		PublishDiagnosticsParams p = diagnostics(uri, d -> d.stream().anyMatch(x -> "overlap".equals(code(x))));
		Diagnostic d = p.getDiagnostics().stream().filter(x -> "overlap".equals(code(x))).findFirst().orElseThrow();
		CodeAction move = actions(uri, d).get(0);
		assertTrue(move.getTitle().matches("Move ramdisk of domain web to the next free gap at 0x[0-9A-F_]+"),
				move.getTitle());
	}

	private List<CodeAction> actions(String uri, Diagnostic d) throws Exception {
		return lsp.server.getTextDocumentService().codeAction(new CodeActionParams(LspSession.doc(uri), d.getRange(),
				new CodeActionContext(List.of(d)))).get(30, TimeUnit.SECONDS).stream().filter(Either::isRight)
				.map(Either::getRight).toList();
	}

	@Test
	void theMemoryMapCommandAnswersWithTheSvg() throws Exception {
		String uri = lsp.open("demo.domino");
		Object result = lsp.server.getWorkspaceService().executeCommand(new ExecuteCommandParams("domino.memoryMap",
				List.of(uri))).get(30, TimeUnit.SECONDS);
		Map<?, ?> map = (Map<?, ?>) result;
		assertTrue(map.get("svg").toString().startsWith("<?xml"));
		assertTrue(map.get("text").toString().contains("module linux"));
		assertEquals("demo", map.get("name"));
	}

	@Test
	void compileReusesTheServersAnalysisOfASavedFileAndWritesWhatTheCommandLineWrites() throws Exception {
		ws.arm64Image("bin/xen", 4096, 2 << 20);
		ws.arm64Image("bin/Image", 4096, 8 << 20);
		ws.ramdisk("bin/web.cpio.gz", 4096);
		String uri = lsp.open("demo.domino");
		diagnostics(uri, d -> true);
		Map<?, ?> warm = (Map<?, ?>) lsp.server.getWorkspaceService().executeCommand(new ExecuteCommandParams(
				"domino.compile", List.of(uri, dir.resolve("warm").toString()))).get(30, TimeUnit.SECONDS);
		assertEquals(true, warm.get("ok"), warm.toString());
		assertEquals("warm", warm.get("analysis"), "the open, saved file is compiled from the server's analysis");
		ws.compiler().compile(dir.resolve("demo.domino"), dir.resolve("cli"), 0);
		for (String name : new String[] { "system.dtb", "boot.source", "xen.config", "layout.json", "domino-layout.h" }) {
			assertEquals(java.util.Arrays.toString(java.nio.file.Files.readAllBytes(dir.resolve("cli").resolve(name))),
					java.util.Arrays.toString(java.nio.file.Files.readAllBytes(dir.resolve("warm").resolve(name))), name);
		}
		// unsaved text is not what is on disk: the compile reads the file itself
		lsp.server.getTextDocumentService().didChange(new org.eclipse.lsp4j.DidChangeTextDocumentParams(
				new org.eclipse.lsp4j.VersionedTextDocumentIdentifier(uri, 2), List.of(
						new org.eclipse.lsp4j.TextDocumentContentChangeEvent("// unsaved\n" + DEMO))));
		Map<?, ?> cold = (Map<?, ?>) lsp.server.getWorkspaceService().executeCommand(new ExecuteCommandParams(
				"domino.compile", List.of(uri, dir.resolve("cold").toString()))).get(30, TimeUnit.SECONDS);
		assertEquals("read from disk", cold.get("analysis"), cold.toString());
		assertEquals(true, cold.get("ok"), cold.toString());
	}

	@Test
	void theMemoryMapIsOfTheSystemTheCodeLensNames() throws Exception {
		ws.write("two.domino", DEMO + DEMO.replace("system demo on", "system second on").replace("import \"qemu-virt.domino\"", "")
				.replace("heap 512M", "heap 256M"));
		String uri = lsp.open("two.domino");
		List<? extends CodeLens> lenses = lsp.server.getTextDocumentService().codeLens(new CodeLensParams(LspSession.doc(uri)))
				.get(30, TimeUnit.SECONDS);
		CodeLens second = lenses.stream().filter(l -> l.getCommand().getArguments().stream().anyMatch(a -> a.toString().contains("second"))).findFirst()
				.orElseThrow(() -> new AssertionError("no lens of system second: " + lenses));
		Map<?, ?> map = (Map<?, ?>) lsp.server.getWorkspaceService().executeCommand(new ExecuteCommandParams(
				"domino.memoryMap", second.getCommand().getArguments())).get(30, TimeUnit.SECONDS);
		assertEquals("second", map.get("name"));
		assertTrue(map.get("text").toString().startsWith("system second on board qemu_virt"), map.get("text").toString());
		Map<?, ?> missing = (Map<?, ?>) lsp.server.getWorkspaceService().executeCommand(new ExecuteCommandParams(
				"domino.memoryMap", List.of(uri, "third"))).get(30, TimeUnit.SECONDS);
		assertEquals("this file declares no system third", missing.get("error"));
	}

	@Test
	void aKernelAppearingOnDiskReChecksTheOpenSystem() throws Exception {
		java.nio.file.Files.delete(dir.resolve("bin/Image"));
		String uri = lsp.open("demo.domino");
		diagnostics(uri, d -> d.stream().anyMatch(x -> "file".equals(code(x)) && message(x).contains("bin/Image")));
		ws.arm64Image("bin/Image", 4 << 20, 0x2010000);
		lsp.server.getWorkspaceService().didChangeWatchedFiles(new org.eclipse.lsp4j.DidChangeWatchedFilesParams(List.of(
				new org.eclipse.lsp4j.FileEvent(lsp.uri("bin/Image"), org.eclipse.lsp4j.FileChangeType.Created))));
		diagnostics(uri, d -> d.stream().noneMatch(x -> "file".equals(code(x))));
	}

	static boolean noErrors(List<Diagnostic> diagnostics) {
		return diagnostics.stream().noneMatch(d -> d.getSeverity() == org.eclipse.lsp4j.DiagnosticSeverity.Error);
	}

	static String message(Diagnostic d) {
		return d.getMessage().isLeft() ? d.getMessage().getLeft() : d.getMessage().getRight().getValue();
	}

	static String code(Diagnostic d) {
		return d.getCode() == null ? null : d.getCode().getLeft();
	}

	@Test
	void diagnosticsOfABrokenFileStillCome() throws Exception {
		String uri = lsp.open("demo.domino");
		lsp.replace(uri, DEMO.substring(0, DEMO.indexOf("domain rt")) + "domain rt { memory 12");
		PublishDiagnosticsParams p = diagnostics(uri, d -> d.stream().anyMatch(x -> "syntax".equals(code(x))));
		assertFalse(p.getDiagnostics().isEmpty());
	}
}
