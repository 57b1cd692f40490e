package dev.domino.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.domino.testing.Examples;
import dev.domino.testing.Tools;
import dev.domino.testing.Workspace;

/**
 * A real third-party client: headless Neovim starts `domino lsp` (the repository's launcher),
 * opens a file whose kernel overlaps QEMU's firmware and must see Domino's diagnostic.
 */
class NeovimTest {
	@TempDir
	Path dir;

	@Test
	void neovimShowsTheOverlap() throws Exception {
		Workspace ws = new Workspace(dir);
		ws.qemuBoard();
		ws.write("overlap.domino", """
				import "qemu-virt.domino"
				system demo on qemu_virt {
				    xen 4.17 { image "bin/xen" heap 512M }
				    domain web { memory 128M kernel "bin/Image" at 0x4000_0000 }
				}
				""");
		Path launcher = Examples.repository().resolve("domino");
		Path result = dir.resolve("diagnostics.txt");
		Files.writeString(dir.resolve("check.lua"), """
				local root = '%s'
				local out = io.open('%s', 'w')
				local id = vim.lsp.start_client({ name = 'domino', cmd = { '%s', 'lsp' }, root_dir = root })
				vim.cmd('edit ' .. root .. '/overlap.domino')
				vim.lsp.buf_attach_client(0, id)
				local ok = vim.wait(60000, function() return #vim.diagnostic.get(0) > 0 end, 100)
				out:write('waited ' .. tostring(ok) .. '\\n')
				for _, d in ipairs(vim.diagnostic.get(0)) do
				  local code = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code) or ''
				  out:write(string.format('%%d:%%d %%s %%s %%s\\n', d.lnum + 1, d.col + 1, d.source or '', code, d.message))
				end
				out:close()
				vim.lsp.stop_client(id)
				vim.cmd('qa!')
				""".formatted(dir, result, launcher));
		Tools.Result nvim = Tools.run(dir, Map.of("DOMINO_NO_BUILD", "1"), null, "nvim", "--headless", "-u", "NONE",
				"-c", "luafile " + dir.resolve("check.lua"));
		assertEquals(0, nvim.exitCode(), nvim.stdout() + nvim.stderr());
		String seen = Files.readString(result);
		assertTrue(seen.startsWith("waited true"), seen);
		assertTrue(seen.contains("4:37 domino overlap kernel of domain web [0x4000_0000, 0x4201_0000) overlaps reserved range"
				+ " qemu_dtb [0x4000_0000, 0x4010_0000) by 1 MiB"), seen);
	}
}
